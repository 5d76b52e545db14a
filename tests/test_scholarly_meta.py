"""The article's metadata for machines and its apparatus for readers, on the built site (``site_build``).

Expected values come from the article's front matter and the build's site URL (a sub-path, like a
GitHub Pages project site), never from the templates under test.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from sitekit import citation, project
from sitekit.labels import labels

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
# the languages the article is translated into (a pending language shows another's text, with no metadata)
LANGS = tuple(code for code in PROJECT.codes if (ROOT / "docs" / f"article.{code}.md").exists())
OG_LOCALE = {code: labels(code)["og_locale"] for code in PROJECT.codes}
HIGHWIRE = ("citation_title", "citation_author", "citation_language", "citation_publication_date",
            "citation_online_date", "citation_public_url", "citation_abstract_html_url", "citation_pdf_url")
EDITION = {"kk": "Осы онлайн-басылымның күні", "ru": "Дата этого онлайн-издания", "en": "Date of this online edition",
           "ar": "تاريخ هذه الطبعة الإلكترونية"}


class Page(HTMLParser):
    """The head's meta tags and JSON-LD scripts of one built page, and its full text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.html = text
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.json_ld: list[str] = []
        self._in_head = False
        self._in_json_ld = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "meta" and self._in_head and "content" in attributes:
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta.append((key, attributes["content"]))
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        elif tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def values(self, key: str) -> list[str]:
        return [content for name, content in self.meta if name == key]


def front_matter(path: Path) -> tuple[dict, str]:
    body, meta = get_data(path.read_text(encoding="utf-8"))
    return meta, body


def article_url(site_build, lang: str) -> str:
    return site_build.url(PROJECT.language(lang).prefix + "article/")


@pytest.fixture(scope="module")
def articles(site_build) -> dict[str, Page]:
    return {lang: Page((site_build.dir / PROJECT.language(lang).prefix / "article" / "index.html")
                       .read_text(encoding="utf-8")) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_highwire_tags_each_once(articles, site_build, lang):
    page = articles[lang]
    meta, _ = front_matter(ROOT / "docs" / f"article.{lang}.md")
    url = article_url(site_build, lang)
    assert {name: page.values(name) for name in HIGHWIRE} == {
        "citation_title": [meta["title"]],
        "citation_author": [meta["author_position"]],  # the position as given: no name is known
        "citation_language": [lang],
        # the date is this online edition's: the original's publication date is unknown and never claimed
        "citation_publication_date": [],
        "citation_online_date": ["2026/11/25"],
        "citation_public_url": [url],
        "citation_abstract_html_url": [url],
        "citation_pdf_url": [f"{url}article-{lang}.pdf"],  # absolute, beside the page
    }
    assert page.values("citation_keywords") == ["; ".join(meta["keywords"])]


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_scholarly_article(articles, site_build, lang):
    page = articles[lang]
    meta, _ = front_matter(ROOT / "docs" / f"article.{lang}.md")
    assert len(page.json_ld) == 1
    raw = page.json_ld[0]
    assert "<" not in raw and ">" not in raw  # nothing that could end the script element early
    data = json.loads(raw)
    url = article_url(site_build, lang)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ScholarlyArticle"
    assert data["inLanguage"] == lang
    assert data["url"] == data["@id"] == url
    assert data["headline"] == meta["title"]
    assert data["abstract"] == meta["abstract"].strip()
    assert data["keywords"] == meta["keywords"]
    # no datePublished (schema.org: the date of first publication, unknown); the date is this edition's
    assert "datePublished" not in data and "2026-11-25" not in json.dumps({k: v for k, v in data.items() if k != "publication"})
    assert data["publication"] == {"@type": "PublicationEvent", "name": EDITION[lang], "startDate": "2026-11-25",
                                   "location": {"@type": "VirtualLocation", "url": url}}
    assert data["encoding"] == {"@type": "MediaObject", "contentUrl": f"{url}article-{lang}.pdf",
                                "encodingFormat": "application/pdf", "inLanguage": lang}
    assert data["author"] == {"@type": "Person", "description": meta["author_position"]}  # and no name
    others = {code: article_url(site_build, code) for code in LANGS if code != "kk"}
    if lang == "kk":
        assert "translationOfWork" not in data
        assert {(w["inLanguage"], w["url"]) for w in data["workTranslation"]} == set(others.items())
        assert all(w["@type"] == "ScholarlyArticle" for w in data["workTranslation"])
    else:
        assert "workTranslation" not in data
        original = data["translationOfWork"]
        assert (original["@type"], original["inLanguage"], original["url"]) == (
            "ScholarlyArticle", "kk", article_url(site_build, "kk"))
        kk_meta, _ = front_matter(ROOT / "docs" / "article.kk.md")
        assert original["name"] == kk_meta["title"]


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph(articles, site_build, lang):
    page = articles[lang]
    meta, _ = front_matter(ROOT / "docs" / f"article.{lang}.md")
    assert page.values("og:type") == ["article"]
    assert page.values("og:title") == [meta["title"]]
    assert page.values("og:description") == [meta["description"]]
    assert page.values("og:url") == [article_url(site_build, lang)]
    assert page.values("og:locale") == [OG_LOCALE[lang]]
    assert sorted(page.values("og:locale:alternate")) == sorted(OG_LOCALE[c] for c in LANGS if c != lang)
    assert page.values("article:published_time") == []  # Open Graph cannot say whose date it would be
    assert page.values("article:tag") == meta["keywords"]


@pytest.mark.parametrize("lang", LANGS)
def test_position_abstract_and_keywords_come_before_the_body(articles, lang):
    html = articles[lang].html
    meta, body = front_matter(ROOT / "docs" / f"article.{lang}.md")
    first_paragraph = body.strip().split("\n\n")[0]
    body_at = html.index(first_paragraph[:60])
    front_at = html.index('class="article-front"')
    assert html.index("<h1") < front_at < body_at
    for text in [meta["author_position"], meta["abstract"].strip(), *meta["keywords"]]:
        assert front_at < html.index(text, front_at) < body_at, text
    chips = html[html.index('class="article-front__keywords"', front_at):body_at]
    assert [f"<li>{k}</li>" in chips for k in meta["keywords"]] == [True] * len(meta["keywords"])


@pytest.mark.parametrize("lang", LANGS)
def test_how_to_cite_shows_the_generated_references(articles, site_build, lang):
    html = articles[lang].html
    meta, body = front_matter(ROOT / "docs" / f"article.{lang}.md")
    record = citation.record(meta, language=lang, url=article_url(site_build, lang),
                             container=PROJECT.language(lang).site_name, key=f"article-2026-{lang}", text=body)
    section = html[html.index('<section class="citation"'):]
    assert html.index("<h1") < html.index(body.strip().split("\n\n")[0][:60]) < html.index('<section class="citation"')
    styles = PROJECT.language(lang).citation_styles  # the formats this language's readers get (mkdocs.yml)
    shown = {name: f for name, f in citation.format_all(record).items() if styles is None or name in styles}
    assert shown
    for name, formatted in citation.format_all(record).items():
        if name not in shown:
            assert f'id="cite-{name}-text"' not in section, name
            continue
        assert f'id="cite-{name}-text">{formatted.html}</' in section, name
        # a copy button per format, hidden until the script reveals it
        assert f'data-citation-copy="cite-{name}-text" aria-describedby="cite-{name}" hidden>' in section


def test_briefs_get_open_graph_only(site_build):
    briefs = sorted((ROOT / "docs" / "briefs").glob("*.md"))
    checked = 0
    for source in briefs:
        meta, _ = front_matter(source)
        if meta.get("kind") != "brief":
            continue
        stem, lang = source.name[:-len(".md")].rsplit(".", 1)
        prefix = PROJECT.language(lang).prefix
        page = Page((site_build.dir / prefix / "briefs" / stem / "index.html").read_text(encoding="utf-8"))
        assert page.values("og:type") == ["article"], source.name
        assert page.values("og:url") == [site_build.url(f"{prefix}briefs/{stem}/")], source.name
        assert page.values("og:description") == [meta["description"]], source.name
        assert page.values("og:locale") == [OG_LOCALE[lang]], source.name
        assert page.values("article:published_time") == [meta["date"].isoformat()], source.name
        assert not [name for name, _ in page.meta if name.startswith("citation_")], source.name
        assert page.json_ld == [], source.name
        checked += 1
    assert checked > 0


def test_other_pages_carry_no_article_metadata(site_build):
    page = Page((site_build.dir / "index.html").read_text(encoding="utf-8"))
    assert not [name for name, _ in page.meta if name.startswith(("citation_", "og:", "article:"))]
    assert 'class="citation"' not in page.html and 'class="article-front"' not in page.html
