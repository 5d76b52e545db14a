"""The briefs series on the built site: listings, dates, reading times, feeds, glossary pages."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from babel.dates import format_date

from sitekit import messages, project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
LANGS = {lang.code: lang.prefix for lang in PROJECT.languages}  # code -> URL prefix, from mkdocs.yml
MSGS = messages.for_project(PROJECT)
MONTH_NOVEMBER = {"kk": "қараша", "ru": "ноября", "en": "November"}


def reading(lang: str) -> re.Pattern:
    """A reading time as the catalog of ``lang`` words it (any number of minutes)."""
    forms = {MSGS.text(lang, "brief.reading_time", count=n) for n in range(1, 30)}
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


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


def all_slugs() -> set[str]:
    return {slug for lang in LANGS for _, slug, _ in briefs(lang)}


def test_every_brief_is_translated_or_pending_in_every_language():
    """A language in progress may lack briefs (they are pending); every other has every brief."""
    assert all_slugs()
    for lang in LANGS:
        if lang not in PROJECT.in_progress:
            assert {slug for _, slug, _ in briefs(lang)} == all_slugs(), lang


TRANSLATED_LISTINGS = [lang for lang in LANGS if (ROOT / "docs" / "briefs" / f"index.{lang}.md").exists()]


@pytest.mark.parametrize("lang", TRANSLATED_LISTINGS)
def test_listing_is_newest_first_with_localised_dates_and_reading_times(site_build, lang):
    if {slug for _, slug, _ in briefs(lang)} != all_slugs():
        pytest.skip(f"{lang} has pending briefs: tests/test_publications.py checks their listing")
    html = (site_build.dir / LANGS[lang] / "briefs" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<h2 id="([a-z0-9-]+)"><a href="([^"]+)">', html)
    expected = [slug for _, slug, _ in briefs(lang)]
    assert [slug for slug, _ in listed] == expected
    assert [href for _, href in listed] == [f"{slug}/" for slug in expected]
    times = re.findall(r'<time datetime="([0-9-]+)">([^<]+)</time>', html)
    assert times == [(d.isoformat(), format_date(d, "long", locale=lang)) for d, _, _ in briefs(lang)]
    assert all(MONTH_NOVEMBER[lang] in text for iso, text in times if iso[5:7] == "11" and lang in MONTH_NOVEMBER)
    assert len(reading(lang).findall(html)) == len(expected)
    for _, _, meta in briefs(lang):
        assert meta["summary"].replace("'", "&#x27;").replace('"', "&quot;") in html or meta["summary"] in html


@pytest.mark.parametrize("lang", LANGS)
def test_each_brief_shows_its_date_reading_time_and_tags(site_build, lang):
    """Translated or pending, a brief's page shows its date, reading time and tags in the reader's
    language."""
    tags = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))
    shown = {slug: (date, meta) for source in LANGS for date, slug, meta in briefs(source)}
    shown.update({slug: (date, meta) for date, slug, meta in briefs(lang)})
    for slug, (date, meta) in shown.items():
        html = (site_build.dir / LANGS[lang] / "briefs" / slug / "index.html").read_text(encoding="utf-8")
        assert f'<time datetime="{date.isoformat()}">{format_date(date, "long", locale=lang)}</time>' in html
        assert reading(lang).search(html), slug
        for tag in meta["tags"]:
            label = tags[tag].get(lang, tag)
            assert f"<li>{label}</li>" in html, (slug, tag)


@pytest.mark.parametrize("lang", LANGS)
def test_one_feed_per_language(site_build, lang):
    feed = feedparser.parse((site_build.dir / LANGS[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == lang
    assert feed.feed.title == MSGS.text(lang, "feed.title", site=PROJECT.language(lang).site_name)
    assert feed.feed.link == site_build.url(LANGS[lang])
    own = {slug for _, slug, _ in briefs(lang)}
    assert len(feed.entries) == len(all_slugs())  # pending briefs included, marked
    for entry in feed.entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        assert entry.link == site_build.url(f"{LANGS[lang]}briefs/{slug}/")
        if slug in own:
            date, _, meta = next(b for b in briefs(lang) if b[1] == slug)
            assert entry.title == meta["title"]
            assert entry.summary == meta["summary"]
            assert dt.date(*entry.published_parsed[:3]) == date
        else:
            marks = {MSGS.text(lang, "brief.pending", other=other) for other in LANGS if other != lang}
            assert any(entry.summary.startswith(mark + " ") for mark in marks), entry.summary
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
    assert len(terms) >= 32
    if not (ROOT / "docs" / f"glossary.{lang}.md").exists():
        pytest.skip(f"the glossary page is pending in {lang}: it shows its fallback's glossary")
    for term in terms:
        if lang not in term:
            continue  # a language in progress may not have every term yet: none is shown in another language
        assert f'id="{term["id"]}"' in html, term["id"]
        for other in LANGS:
            if other != lang and other in term:
                direction = messages.direction(other)
                assert f'<span lang="{other}" dir="{direction}">{term[other]["term"]}</span>' in html, (term["id"], other)
