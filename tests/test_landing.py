"""The landing pages: each language's home page says what the publication is and whom it serves and
links to the article and the briefs in its own language; each briefs listing links to every brief of
its language.
"""
from __future__ import annotations

import re
import urllib.parse

import pytest

from sitekit import briefs
from sitepages import LANGS, PROJECT, PageHTML, parse, prefix

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What the publication is (one scholarly article, briefs) and whom it serves, in each language whose home
# page is translated (a pending home page is its fallback's text, tested in test_languages.py).
WHAT = {
    "kk": ["ғылыми мақала", "шолу"],
    "ru": ["научную статью", "обзоры"],
    "en": ["scholarly article", "briefs"],
    "ar": ["مقالة علمية", "موجزات"],
}
WHOM = {
    "kk": ["дипломаттарға", "студенттер", "зерттеушілерге", "журналистерге"],
    "ru": ["дипломатам", "студентам", "исследователям", "журналистам"],
    "en": ["diplomats", "students", "researchers", "journalists"],
    "ar": ["للدبلوماسيين", "لطلاب", "باحثيه", "للصحفيين"],
}
DESCRIPTION = {"kk": ["ғылыми мақала", "шолулар"], "ru": ["Научная статья", "обзоры"],
               "en": ["scholarly article", "briefs"], "ar": ["مقالة علمية", "موجزات"]}
QUOTES = re.compile(r"[«»“”„\"'’]")


def content(site_build, rel: str) -> tuple[PageHTML, str]:
    """The parsed content (the <article>) of a built page and the page's URL."""
    text = (site_build.dir / rel).read_text(encoding="utf-8")
    (article,) = ARTICLE.findall(text)
    url = site_build.site_url + rel.removesuffix("index.html")
    return PageHTML(article), url


def targets(doc: PageHTML, url: str) -> set[str]:
    return {urllib.parse.urljoin(url, a["href"]).split("#")[0] for a in doc.links}


TRANSLATED_HOMES = [lang for lang in LANGS if (PROJECT.docs_dir / f"index.{lang}.md").exists()]


@pytest.mark.parametrize("lang", TRANSLATED_HOMES)
def test_home_says_what_the_publication_is_and_whom_it_serves(site_build, lang):
    doc, _ = content(site_build, prefix(lang) + "index.html")
    text = doc.text
    assert [w for w in WHAT[lang] if w not in text] == []
    heading = next(h.text.rstrip("¶").strip() for h in doc.headings if h.id == "audience")
    audience = text[text.index(heading):]  # the "who it is for" section and what follows
    assert [w for w in WHOM[lang] if w not in audience] == []
    description = parse(site_build.dir / prefix(lang) / "index.html").meta.get("description", "")
    assert [w for w in DESCRIPTION[lang] if w not in description] == []


@pytest.mark.parametrize("lang", LANGS)
def test_home_links_to_the_article_and_the_briefs_in_its_language(site_build, lang):
    doc, url = content(site_build, prefix(lang) + "index.html")
    links = targets(doc, url)
    root = site_build.site_url + prefix(lang)
    assert {root + "article/", root + "briefs/"} <= links
    # the link to the article carries the article's title
    title = parse(site_build.dir / prefix(lang) / "article" / "index.html").headings[0].text.rstrip("¶")
    labels = [QUOTES.sub("", a["text"]) for a in doc.links if urllib.parse.urljoin(url, a["href"]) == root + "article/"]
    assert QUOTES.sub("", title).strip() in labels, labels
    other_roots = tuple(site_build.site_url + prefix(o) for o in LANGS if o != lang and prefix(o))
    # a pending page's notice links to the original, marked with its hreflang: every other link stays home
    links = {urllib.parse.urljoin(url, a["href"]).split("#")[0] for a in doc.links if not a.get("hreflang")}
    others = [link for link in links if link.startswith(site_build.site_url)
              and (not link.startswith(root) or link.startswith(other_roots))]
    assert others == []  # no link from the content into another language


@pytest.mark.parametrize("lang", LANGS)
def test_briefs_listing_links_to_every_brief_of_its_language(site_build, lang):
    doc, url = content(site_build, prefix(lang) + "briefs/index.html")
    root = site_build.site_url + prefix(lang)
    expected = {root + brief.path() for brief in briefs.collect(PROJECT.docs_dir, lang, PROJECT)}
    assert expected
    linked = targets(doc, url)
    assert sorted(expected - linked) == []
    assert root + "feed.xml" in linked
