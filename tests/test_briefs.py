"""The briefs series on the built site: listings, dates, reading times, feeds, glossary pages."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from babel.dates import format_date

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"kk": "", "ru": "ru/", "en": "en/"}
MONTH_NOVEMBER = {"kk": "қараша", "ru": "ноября", "en": "November"}
READING = {"kk": re.compile(r"Оқуға \d+ минут"), "ru": re.compile(r"\d+ мин чтения"), "en": re.compile(r"\d+ min read")}


def briefs(lang: str) -> list[tuple[dt.date, str, dict]]:
    """(date, slug, front matter) of every brief in ``lang``, newest first, read from docs/."""
    out = []
    for path in (ROOT / "docs" / "briefs").glob(f"*.{lang}.md"):
        slug = path.name[: -len(f".{lang}.md")]
        if slug == "index":
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        out.append((meta["date"], slug, meta))
    return sorted(out, key=lambda b: (-b[0].toordinal(), b[1]))


def test_there_are_at_least_six_briefs_in_every_language():
    for lang in LANGS:
        assert len(briefs(lang)) >= 6, lang
    assert {slug for _, slug, _ in briefs("kk")} == {slug for _, slug, _ in briefs("ru")} == {slug for _, slug, _ in briefs("en")}


@pytest.mark.parametrize("lang", LANGS)
def test_listing_is_newest_first_with_localised_dates_and_reading_times(site_build, lang):
    html = (site_build.dir / LANGS[lang] / "briefs" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<h2 id="([a-z0-9-]+)"><a href="([^"]+)">', html)
    expected = [slug for _, slug, _ in briefs(lang)]
    assert [slug for slug, _ in listed] == expected
    assert [href for _, href in listed] == [f"{slug}/" for slug in expected]
    times = re.findall(r'<time datetime="([0-9-]+)">([^<]+)</time>', html)
    assert times == [(d.isoformat(), format_date(d, "long", locale=lang)) for d, _, _ in briefs(lang)]
    assert all(MONTH_NOVEMBER[lang] in text for iso, text in times if iso[5:7] == "11")
    assert len(READING[lang].findall(html)) == len(expected)
    for _, _, meta in briefs(lang):
        assert meta["summary"].replace("'", "&#x27;").replace('"', "&quot;") in html or meta["summary"] in html


@pytest.mark.parametrize("lang", LANGS)
def test_each_brief_shows_its_date_reading_time_and_tags(site_build, lang):
    tags = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))
    for date, slug, meta in briefs(lang):
        html = (site_build.dir / LANGS[lang] / "briefs" / slug / "index.html").read_text(encoding="utf-8")
        assert f'<time datetime="{date.isoformat()}">{format_date(date, "long", locale=lang)}</time>' in html
        assert READING[lang].search(html), slug
        for tag in meta["tags"]:
            assert f"<li>{tags[tag][lang]}</li>" in html, (slug, tag)


@pytest.mark.parametrize("lang", LANGS)
def test_one_feed_per_language(site_build, lang):
    feed = feedparser.parse((site_build.dir / LANGS[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == lang
    site_names = {"kk": "Қатар дипломатиясы", "ru": "Катарская дипломатия", "en": "Qatar's Diplomacy"}
    assert feed.feed.title.startswith(site_names[lang])
    assert feed.feed.link == site_build.url(LANGS[lang])
    expected = briefs(lang)
    assert len(feed.entries) == len(expected)
    for entry, (date, slug, meta) in zip(feed.entries, expected):
        assert entry.link == site_build.url(f"{LANGS[lang]}briefs/{slug}/")
        assert entry.title == meta["title"]
        assert entry.summary == meta["summary"]
        assert dt.date(*entry.published_parsed[:3]) == date
        assert (site_build.dir / LANGS[lang] / "briefs" / slug / "index.html").exists()


def test_every_page_links_each_language_feed_with_its_hreflang(site_build):
    pages = list(site_build.dir.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for lang, prefix in LANGS.items():
            link = (f'<link rel="alternate" type="application/rss+xml" hreflang="{lang}" '
                    f'title="')
            assert link in html and f'href="{site_build.url(prefix + "feed.xml")}"' in html, (page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_term_with_its_equivalents(site_build, lang):
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    html = (site_build.dir / LANGS[lang] / "glossary" / "index.html").read_text(encoding="utf-8")
    assert len(terms) >= 20
    for term in terms:
        assert f'id="{term["id"]}"' in html, term["id"]
        for other in LANGS:
            if other != lang:
                assert f'<span lang="{other}" dir="ltr">{term[other]["term"]}</span>' in html, (term["id"], other)
