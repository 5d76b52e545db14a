"""Feeds and sitemaps are serialized XML (sitekit/xmlwrite.py): well-formed whatever the titles hold.

Hypothesis feeds hostile titles, summaries, tag labels and page paths (``&``, ``<``, ``]]>``, quotes,
control characters, lone surrogates, Cyrillic, Arabic) through ``feeds.render`` and ``sitemap.render``;
ElementTree and feedparser must parse every document and read back exactly the text given, less the
characters XML 1.0 cannot hold.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
from hypothesis import given, settings, strategies as st

from sitekit import briefs, feeds, project, sitemap, xmlwrite

PROJECT = dataclasses.replace(project.load(), site_url="https://example.org/qdd/")
LANG = PROJECT.default.code
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOSTILE = ["&", "<", ">", "]]>", "<![CDATA[", "</title>", "<script>alert(1)</script>", '"', "'", "&amp;",
           "\x00", "\x01", "\x0b", "\x1f", "\ud800", "\ufffe", "\r", "\t", "Қазақ «тіл»", "العربية", "$(x)"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=6).map("".join)


def cleaned(value: str) -> str:
    """What survives into the XML: XML 1.0 characters only, CR as the parser normalises it."""
    return xmlwrite.NOT_XML.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def test_text_drops_only_what_xml_cannot_hold():
    assert xmlwrite.text("a\x00b\x08c\td\ne\rf\ud800g\ufffeh\U0001F600") == "abc\td\ne\rfgh\U0001F600"


def test_a_hostile_feed_reads_back_exactly():
    brief = briefs.Brief(slug="b", lang=LANG, title="Q&A: <b>bold</b> ]]> \x07end", date=dt.date(2026, 2, 1),
                         summary="«Quoted» & \"double\"", tags=("t",), source_lang=LANG, words=10)
    text = feeds.render([brief], LANG, "Feed & <co>", "About ]]>", PROJECT, {"t": {LANG: "R&D <tag>"}})
    assert "<![CDATA[" not in text and "\x07" not in text
    item = ET.fromstring(text.encode()).find("channel/item")
    assert [item.findtext("title"), item.findtext("description"), item.findtext("category")] == [
        "Q&A: <b>bold</b> ]]> end", "«Quoted» & \"double\"", "R&D <tag>"]


@settings(max_examples=60, deadline=None)
@given(title=hostile_text, summary=hostile_text, label=hostile_text, feed_title=hostile_text)
def test_feeds_are_well_formed_whatever_the_titles(title, summary, label, feed_title):
    brief = briefs.Brief(slug="brief", lang=LANG, title=title, date=dt.date(2026, 1, 31), summary=summary,
                         tags=("tag",), source_lang=LANG, words=100)
    text = feeds.render([brief], LANG, feed_title, "description", PROJECT, {"tag": {LANG: label}})
    channel = ET.fromstring(text.encode("utf-8")).find("channel")
    assert channel.findtext("title") == cleaned(feed_title)
    item = channel.find("item")
    assert item.findtext("title") == cleaned(title)
    assert item.findtext("description") == cleaned(summary)
    assert item.findtext("category") == cleaned(label)
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20" and len(parsed.entries) == 1
    assert parsed.entries[0].link == "https://example.org/qdd/briefs/brief/"


@settings(max_examples=60, deadline=None)
@given(path=st.text(max_size=20).map(lambda s: s.replace("/", "") + "/"))
def test_sitemaps_are_well_formed_whatever_the_paths(path):
    text = sitemap.render([path], list(PROJECT.codes), PROJECT, "2026-01-31")
    root = ET.fromstring(text.encode("utf-8"))
    locs = [loc.text for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)]
    assert locs == [cleaned(f"https://example.org/qdd/{lang.prefix}{path}") for lang in PROJECT.languages]
    for url in root.iterfind("sm:url", SITEMAP_NS):
        links = url.findall("xhtml:link", SITEMAP_NS)
        assert [link.get("hreflang") for link in links] == [*PROJECT.codes, "x-default"]
        assert all(link.get("rel") == "alternate" for link in links)
