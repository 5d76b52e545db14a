"""What a reader is told about a page's language: translated from which language, written in which,
with a link to the original; plain pages (home, listings) carry no such line."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import messages, project

PROJECT = project.load()
MSGS = messages.for_project(PROJECT)
DOCS = PROJECT.docs_dir


def others(neutral: str, source: str) -> str:
    """The sentence about a page's translations, for as many as docs/ holds (computed, never "two")."""
    count = sum((DOCS / f"{neutral}.{code}.md").exists() for code in PROJECT.codes if code != source)
    return " " + MSGS.text(source, "notice.other_versions", count=count)


NOTICE = re.compile(r'<p class="i18n-notice[^"]*" role="note">\s*(.*?)\s*(?:<a href="([^"]+)" hreflang="(\w+)">([^<]+)</a>)?\s*</p>', re.S)


def notice(site_build, path: str):
    html = (site_build.dir / path / "index.html").read_text(encoding="utf-8")
    found = NOTICE.findall(html)
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(("path", "expected"), [
    ("ru/article", ("Это перевод с казахского языка.", "../../article/", "kk", "Читать оригинал")),
    ("en/article", ("This is a translation from Kazakh.", "../../article/", "kk", "Read the original")),
    ("article", ("Бұл мәтін қазақ тілінде жазылған." + others("article", "kk"), "", "", "")),
    ("en/briefs/reading-2013-figures",
     ("This text was written in English." + others("briefs/reading-2013-figures", "en"), "", "", "")),
    ("briefs/reading-2013-figures",
     ("Бұл — ағылшын тіліндегі түпнұсқаның аудармасы.", "../../en/briefs/reading-2013-figures/", "en", "Түпнұсқаны оқу")),
    ("ru/briefs/qatar-media-public-diplomacy",
     ("Это перевод с казахского языка.", "../../../briefs/qatar-media-public-diplomacy/", "kk", "Читать оригинал")),
    ("briefs/kazakhstan-social-networks",
     ("Бұл — орыс тіліндегі түпнұсқаның аудармасы.", "../../ru/briefs/kazakhstan-social-networks/", "ru", "Түпнұсқаны оқу")),
    ("ru", None), ("en/briefs", None), ("en/glossary", None),
])
def test_language_notice(site_build, path, expected):
    assert notice(site_build, path) == expected


# --- pending and stale pages, on the small site of the translation check's build tests -------------------

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "i18ncheck" / "build"


@pytest.fixture
def small_site(tmp_path):
    root = tmp_path / "src"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n", f"hooks:\n  - {ROOT / 'scripts' / 'hook_site.py'}\n"), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1",
               I18N_HOOK=str(ROOT / "scripts" / "hook_i18n.py"), I18N_OVERRIDES=str(ROOT / "overrides"),
               I18N_SPY=str(tmp_path / "spy.jsonl"), SOURCE_DATE_EPOCH="1764028800")

    def build(mark_stale: bool = False) -> Path:
        subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(root), "sync", "--all"],
                       env=env, check=True, capture_output=True)
        if mark_stale:
            page = root / "docs" / "page.kk.md"
            page.write_text(page.read_text(encoding="utf-8").replace("тіркелген.", "тіркелді."), encoding="utf-8")
            en = root / "docs" / "page.en.md"
            en.write_text(en.read_text(encoding="utf-8").replace("source_lang: kk\n", "source_lang: kk\ntranslation: stale\n"),
                          encoding="utf-8")
        out = tmp_path / "site"
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
                              cwd=root, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return out

    return build


@pytest.mark.slow
def test_pending_translation_is_published_as_marked_fallback(small_site):
    out = small_site()
    html = (out / "en" / "later" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert notice_in(html) == ("This page has not been translated into English yet. The text below is in Kazakh.",
                               "../../later/", "kk", "Read the original")
    body = html.split('<div lang="kk" dir="ltr">', 1)
    assert len(body) == 2, "the fallback text is not marked lang=kk"
    assert "<p>" in body[1].split("</div>", 1)[0]


@pytest.mark.slow
def test_acknowledged_stale_translation_tells_the_reader(small_site):
    out = small_site(mark_stale=True)
    html = (out / "en" / "page" / "index.html").read_text(encoding="utf-8")
    assert notice_in(html) == ("The original has changed since this translation was last updated; "
                               "the translation has not caught up yet.", "../../page/", "kk", "Read the original")
    assert 'class="i18n-notice i18n-notice--warning"' in html


def notice_in(html: str):
    found = NOTICE.findall(html)
    assert len(found) == 1, found
    return found[0]
