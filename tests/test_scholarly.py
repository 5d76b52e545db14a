"""sitekit/scholarly.py without a build: front-matter problems, JSON-LD escaping and translation links."""
from __future__ import annotations

import datetime
import json

from sitekit import scholarly

CODES = ("kk", "ru", "en")
ARTICLE = {
    "title": "Title </script><b>",
    "description": "A description & more",
    "source_lang": "kk",
    "author_position": "Second Secretary",
    "published": datetime.date(2026, 11, 25),
    "keywords": ["one", "two"],
    "abstract": "An abstract.\n",
}
VERSIONS = [
    scholarly.Version("kk", "https://example.org/qdd/article/", "Kazakh title"),
    scholarly.Version("ru", "https://example.org/qdd/ru/article/", "Russian title"),
    scholarly.Version("en", "https://example.org/qdd/en/article/", "English title"),
]


def context(lang: str, meta: dict = ARTICLE) -> dict:
    return scholarly.article(meta, lang=lang, url=VERSIONS[CODES.index(lang)].url, site_name="Site",
                             site_root="https://example.org/qdd/", versions=VERSIONS, key=f"article-2026-{lang}")


def test_a_complete_article_has_no_problems():
    assert scholarly.problems(ARTICLE, "article", CODES) == []


def test_problems_name_the_key_and_what_was_expected():
    meta = {"title": "T", "source_lang": "de", "published": "25.11.2026", "keywords": "one, two",
            "short_title": ["T"]}
    assert scholarly.problems(meta, "article", CODES) == [
        "front matter has no 'description' (an article needs it for its metadata)",
        "front matter has no 'author_position' (an article needs it for its metadata)",
        "front matter has no 'abstract' (an article needs it for its metadata)",
        "'published' is not a date (found '25.11.2026', expected YYYY-MM-DD)",
        "'keywords' is not a list of words (found 'one, two', expected a YAML list of strings)",
        "'short_title' is not text (found ['T'], expected the running head of the PDF)",
        "'source_lang' is not a language of the site (found 'de', expected one of kk, ru, en)",
    ]
    assert scholarly.problems({"title": "T", "description": "D"}, "brief", CODES) == [
        "front matter has no 'date' (a brief needs it for its metadata)",
    ]


def test_json_ld_cannot_end_its_script_element():
    raw = context("en")["json_ld"]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["headline"] == "Title </script><b>"
    assert json.loads(raw)["description"] == "A description & more"


def test_original_lists_its_translations_and_translations_point_to_it():
    kk = json.loads(context("kk")["json_ld"])
    assert "translationOfWork" not in kk
    assert kk["workTranslation"] == [
        {"@type": "ScholarlyArticle", "@id": v.url, "url": v.url, "name": v.title, "inLanguage": v.lang}
        for v in VERSIONS[1:]
    ]
    for lang in ("ru", "en"):
        data = json.loads(context(lang)["json_ld"])
        assert "workTranslation" not in data
        assert data["translationOfWork"] == {"@type": "ScholarlyArticle", "@id": VERSIONS[0].url,
                                             "url": VERSIONS[0].url, "name": "Kazakh title", "inLanguage": "kk"}


def test_author_is_described_never_named():
    data = json.loads(context("kk")["json_ld"])
    assert data["author"] == {"@type": "Person", "description": "Second Secretary"}


def test_open_graph_of_a_brief():
    meta = {"title": "A brief", "description": "What it says", "date": datetime.date(2026, 11, 23)}
    got = scholarly.brief(meta, lang="ru", url=VERSIONS[1].url, site_name="Сайт", versions=VERSIONS)
    assert got["open_graph"] == [
        ("og:type", "article"),
        ("og:title", "A brief"),
        ("og:description", "What it says"),
        ("og:url", VERSIONS[1].url),
        ("og:site_name", "Сайт"),
        ("og:locale", "ru_RU"),
        ("og:locale:alternate", "kk_KZ"),
        ("og:locale:alternate", "en_US"),
        ("article:published_time", "2026-11-23"),
    ]
    assert got["highwire"] == [] and got["json_ld"] == "" and got["citations"] == []


def test_front_matter_shown_before_the_body():
    front = context("kk")["front"]
    assert (front["author"], front["edition_date"], front["edition_text"], front["abstract"], front["keywords"]) == (
        "Second Secretary", "2026-11-25", "2026 жылғы 25 қараша", "An abstract.", ["one", "two"])


def test_the_date_is_this_online_editions_everywhere():
    """The one date is this online edition's: labelled in the page's language, never a publication date."""
    en = scholarly.article(ARTICLE, lang="en", url=VERSIONS[2].url, site_name="Site",
                           site_root="https://example.org/qdd/", versions=VERSIONS, key="article-2026-en",
                           pdf="article-en.pdf")
    assert [(k, v) for k, v in en["highwire"] if "date" in k or "pdf" in k] == [
        ("citation_online_date", "2026/11/25"),
        ("citation_pdf_url", "https://example.org/qdd/en/article/article-en.pdf")]
    data = json.loads(en["json_ld"])
    assert "datePublished" not in data
    assert data["publication"] == {"@type": "PublicationEvent", "name": "Date of this online edition",
                                   "startDate": "2026-11-25",
                                   "location": {"@type": "VirtualLocation", "url": VERSIONS[2].url}}
    assert data["encoding"]["contentUrl"] == "https://example.org/qdd/en/article/article-en.pdf"
    assert [k for k, _ in en["open_graph"] if k == "article:published_time"] == []
    assert en["front"]["labels"]["edition_date"] == "Date of this online edition"
    assert en["pdf"] == {"href": "article-en.pdf", "url": "https://example.org/qdd/en/article/article-en.pdf",
                         "label": "PDF", "title": "Download the article as a PDF (A4)"}
    kk = json.loads(context("kk")["json_ld"])
    assert kk["publication"]["name"] == "Осы онлайн-басылымның күні" and "encoding" not in kk
    assert context("kk")["pdf"] is None  # no galley named, no link


def test_a_brief_keeps_its_publication_date():
    brief = scholarly.brief({"title": "T", "description": "D", "date": datetime.date(2026, 11, 20)}, lang="en",
                            url="https://example.org/qdd/en/briefs/x/", site_name="Site", versions=VERSIONS)
    assert ("article:published_time", "2026-11-20") in brief["open_graph"]
