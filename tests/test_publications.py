"""Fixture publications on this engine, each checked and built strictly once: two languages with English
the source at the root, and four languages with Arabic right to left and in progress. The tests assert what
a reader sees: lang and dir, notices in the reader's language, pending briefs listed and marked, no
English interface strings in the Arabic pages, glossary and status pages that keep each language in its
own lang."""
from __future__ import annotations

import dataclasses
import html.parser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from babel.dates import format_date

from conftest import build_env
from sitekit import messages, project

ROOT = Path(__file__).resolve().parents[1]
PUBLICATIONS = ROOT / "tests" / "publications"
MSGS = messages.load(ROOT, codes=("kk", "ru", "en", "ar"), fallback="en")


@dataclasses.dataclass(frozen=True)
class Built:
    src: Path
    site: Path
    check: str

    def html(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")


def _build(name: str, tmp_path_factory) -> Built:
    src = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(PUBLICATIONS / name, src)
    config = src / "mkdocs.yml"  # the fixture names the engine relative to tests/publications/<name>/
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    env = build_env()
    subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(src), "sync", "--all"],
                   env=env, check=True, capture_output=True)
    check = subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(src), "--jobs", "1"],
                           env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    site = src.parent / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                           "-d", str(site)], cwd=src, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Built(src, site, check.stdout)


@pytest.fixture(scope="session")
def two(tmp_path_factory) -> Built:
    return _build("two-languages", tmp_path_factory)


@pytest.fixture(scope="session")
def four(tmp_path_factory) -> Built:
    return _build("four-languages", tmp_path_factory)


NOTICE = re.compile(r'<p class="i18n-notice[^"]*" role="note">\s*(.*?)\s*(?:<a [^>]*>[^<]*</a>)?\s*</p>', re.S)


def notice(text: str) -> str:
    (found,) = NOTICE.findall(text)
    return found


class Reader(html.parser.HTMLParser):
    """The text of a page's body and its labels (aria-label, title, placeholder), each with the language
    and direction of the element it is in."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []
        self.runs: list[tuple[str, str | None, str | None]] = []  # (text, lang, dir)
        self.skip = 0
        head, body = text.split("<body", 1)  # what a reader sees: the body, inside <html lang> (dir on body)
        self.feed(head[head.index("<html"):].split(">", 1)[0] + ">" + "<body" + body)

    def _here(self):
        lang = next((l for _, l, _ in reversed(self.stack) if l), None)
        direction = next((d for _, _, d in reversed(self.stack) if d), None)
        return lang, direction

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "svg", "code", "pre"):
            self.skip += 1
        frame = (tag, attrs.get("lang"), attrs.get("dir"))
        if tag not in self.VOID:
            self.stack.append(frame)
        lang, direction = self._here() if tag not in self.VOID else (frame[1] or self._here()[0], frame[2] or self._here()[1])
        for name in ("aria-label", "title", "placeholder"):
            if attrs.get(name):
                self.runs.append((attrs[name], lang, direction))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg", "code", "pre"):
            self.skip -= 1
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.runs.append((data.strip(), *self._here()))


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", text))


# --- two languages, English the source at the root -----------------------------------------------------

def test_two_languages_check_clean_and_english_at_the_root(two):
    assert two.check == ""
    assert '<html lang="en"' in two.html("")
    assert '<html lang="kk"' in two.html("kk")
    assert sorted(p.name for p in two.site.iterdir() if p.is_dir() and len(p.name) == 2) == ["kk"]
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', two.html("briefs/first-note"))
    assert alternates == ["en", "kk", "x-default"]


def test_two_languages_notices_name_the_source_in_the_readers_language(two):
    assert notice(two.html("kk/briefs/first-note")) == "Бұл — ағылшын тіліндегі түпнұсқаның аудармасы."
    assert notice(two.html("briefs/first-note")) == (
        "This text was written in English. Its version in the other language is a translation.")


def test_two_languages_feeds_and_listing(two):
    for prefix, title in (("", "A first note"), ("kk/", "Алғашқы жазба")):
        feed = feedparser.parse((two.site / prefix / "feed.xml").read_bytes())
        assert [e.title for e in feed.entries] == [title]
        assert f">{title}</a>" in two.html(prefix + "briefs")


# --- four languages, Arabic right to left and in progress ------------------------------------------------

AR_PAGES = ("ar", "ar/briefs", "ar/glossary", "ar/status", "ar/briefs/english-note", "ar/briefs/kazakh-note")


def test_four_languages_check_clean(four):
    assert four.check == ""


@pytest.mark.parametrize("path", AR_PAGES)
def test_arabic_pages_read_right_to_left(four, path):
    text = four.html(path)
    assert '<html lang="ar"' in text
    assert re.search(r'<body dir="rtl"', text)


@pytest.mark.parametrize("path", ["ar/briefs/english-note", "ar/briefs/kazakh-note"])
def test_a_pending_brief_is_english_left_to_right_with_an_arabic_notice(four, path):
    """Arabic falls back to English (its fallback order), even for the brief written in Kazakh."""
    text = four.html(path)
    assert notice(text) == "لم تُترجم هذه الصفحة إلى العربية بعد. النص أدناه باللغة الإنجليزية."
    body = text.split('<div lang="en" dir="ltr">', 1)
    assert len(body) == 2, "the English text is not marked lang=en dir=ltr"
    assert re.search(r"writes a note to its readers, in (English|Kazakh)\.", body[1].split("</div>", 1)[0])
    assert re.search(r'<h1 id="title" lang="en" dir="ltr">', text)


def test_the_arabic_listing_includes_the_pending_briefs_marked_in_arabic(four):
    text = four.html("ar/briefs")
    titles = re.findall(r'<h2 id="([a-z-]+)"><span lang="en" dir="ltr"><a href="([^"]+)">([^<]+)</a></span>', text)
    assert titles == [("english-note", "english-note/", "A note from an embassy"),
                      ("kazakh-note", "kazakh-note/", "A note from a ministry")]
    mark = "لم يُترجم هذا الموجز بعد، فهو يُعرض باللغة الإنجليزية."
    assert text.count(f'<p class="brief-pending">{mark}</p>') == 2
    for iso in ("2026-11-20", "2026-11-10"):
        y, m, d = map(int, iso.split("-"))
        date = format_date(__import__("datetime").date(y, m, d), "long", locale="ar")
        assert f'<time datetime="{iso}">{date}</time>' in text
    assert "مدة القراءة: دقيقة واحدة" in text
    assert "<li>الممارسة</li>" in text


def test_the_arabic_feed_includes_the_pending_briefs_marked(four):
    feed = feedparser.parse((four.site / "ar" / "feed.xml").read_bytes())
    assert feed.feed.language == "ar"
    assert [e.title for e in feed.entries] == ["A note from an embassy", "A note from a ministry"]
    assert [e.summary for e in feed.entries] == [
        "لم يُترجم هذا الموجز بعد، فهو يُعرض باللغة الإنجليزية. An embassy writes a note in English.",
        "لم يُترجم هذا الموجز بعد، فهو يُعرض باللغة الإنجليزية. A foreign ministry writes a note in Kazakh."]


@pytest.mark.parametrize("path", ["ar", "ar/briefs", "ar/glossary", "ar/status"])
def test_no_english_interface_string_in_the_arabic_pages(four, path):
    """Outside the elements that carry another language, an Arabic page has no Latin word but the names
    of formats: no interface string fell back to English."""
    allowed = {"RSS", "APA", "BibTeX", "GOST", "Ctrl"}
    leaks = sorted({f"{word} in {text!r}" for text, lang, _ in Reader(four.html(path)).runs
                    if lang in (None, "ar") for word in latin_words(text) - allowed})
    assert leaks == []


@pytest.mark.parametrize("path", ["ar/glossary", "ar/status", "glossary", "status"])
def test_glossary_and_status_keep_each_language_in_its_own_lang(four, path):
    """Cyrillic text sits only inside kk or ru elements, Arabic text only inside ar elements."""
    wrong = []
    for text, lang, direction in Reader(four.html(path)).runs:
        if re.search(r"[\u0400-\u04FF]", text) and lang not in ("kk", "ru"):
            wrong.append((text, lang))
        if re.search(r"[\u0600-\u06FF]", text) and (lang != "ar" or direction != "rtl"):
            wrong.append((text, lang, direction))
    assert wrong == []


def test_the_arabic_glossary_shows_only_the_terms_it_has(four):
    text = four.html("ar/glossary")
    assert 'id="embassy"' in text and 'id="ministry"' not in text
    assert '<span lang="kk" dir="ltr">елшілік</span> (الكازاخستانية)' in text


def test_the_arabic_status_page_speaks_arabic(four):
    text = four.html("ar/status")
    assert "بانتظار الترجمة" in text and "الأصل" in text
    assert '<span lang="ar" dir="rtl">العربية</span>' in text
    assert '<span lang="en" dir="ltr">A note from an embassy</span>' in text
