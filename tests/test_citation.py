"""The three citation formats, pinned as complete strings for one fixture record in each language.

The fixture is the article as this site publishes it: no personal author (only the author's position),
put online here on 2026-11-25 (the date of this online edition; the original's is unknown), Kazakh original, Russian and English translations. Any change in
wording or punctuation shows here in review.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from sitekit import citation
from sitekit.labels import labels, translated_from
from sitekit.project import load

ROOT = Path(__file__).resolve().parents[1]
DAY = datetime.date(2026, 11, 25)
BASE = "https://example.org/qdd/"

FIXTURE = {
    "kk": dict(
        title="Әлеуметтік медиа құралдардың Қатар дипломатиясындағы әлеуеті",
        byline="Қазақстан Республикасының Қатар Мемлекетіндегі Елшілігінің ІІ хатшысы",
        url=BASE + "article/",
        container="Қатар дипломатиясы және әлеуметтік медиа",
    ),
    "ru": dict(
        title="Потенциал инструментов социальных медиа в дипломатии Катара",
        byline="Второй секретарь Посольства Республики Казахстан в Государстве Катар",
        url=BASE + "ru/article/",
        container="Катарская дипломатия и социальные медиа",
    ),
    "en": dict(
        title="The Potential of Social Media Tools in Qatar’s Diplomacy",
        byline="Second Secretary, Embassy of the Republic of Kazakhstan in the State of Qatar",
        url=BASE + "en/article/",
        container="Qatar's Diplomacy and Social Media",
    ),
}
# What the English page's own text writes in lower case: the evidence sentence case lowers words by.
EN_TEXT = "the article is devoted to the potential of social media tools in diplomacy"


def fixture(lang: str) -> citation.Record:
    return citation.Record(
        **FIXTURE[lang], language=lang, original_language="kk", published=DAY, accessed=DAY,
        key=f"article-2026-{lang}", lowercase_words=citation.lowercase_words_of(EN_TEXT if lang == "en" else ""),
    )


GOST = {
    "kk": "Әлеуметтік медиа құралдардың Қатар дипломатиясындағы әлеуеті / Қазақстан Республикасының Қатар "
          "Мемлекетіндегі Елшілігінің ІІ хатшысы. – Мәтін : электрондық // Қатар дипломатиясы және әлеуметтік "
          "медиа : [сайт]. – 2026. – 25 қараша (осы онлайн-басылымның күні). – URL: https://example.org/qdd/article/ (қаралған күні: 25.11.2026).",
    "ru": "Потенциал инструментов социальных медиа в дипломатии Катара / Второй секретарь Посольства Республики "
          "Казахстан в Государстве Катар ; перевод с казахского. – Текст : электронный // Катарская дипломатия и "
          "социальные медиа : [сайт]. – 2026. – 25 ноября (дата этого онлайн-издания). – URL: https://example.org/qdd/ru/article/ "
          "(дата обращения: 25.11.2026).",
    "en": "The Potential of Social Media Tools in Qatar’s Diplomacy / Second Secretary, Embassy of the Republic "
          "of Kazakhstan in the State of Qatar ; translated from Kazakh. – Text : electronic // Qatar's Diplomacy "
          "and Social Media : [website]. – 2026. – 25 November (date of this online edition). – URL: "
          "https://example.org/qdd/en/article/ "
          "(accessed: 25.11.2026).",
}

APA = {
    "kk": "Әлеуметтік медиа құралдардың Қатар дипломатиясындағы әлеуеті. (2026, 25 қараша). Қатар дипломатиясы "
          "және әлеуметтік медиа. https://example.org/qdd/article/ (Түпнұсқаның жарияланған күні белгісіз)",
    "ru": "Потенциал инструментов социальных медиа в дипломатии Катара. (2026, 25 ноября). Катарская дипломатия "
          "и социальные медиа. https://example.org/qdd/ru/article/ (Дата публикации оригинала неизвестна)",
    "en": "The potential of social media tools in Qatar’s diplomacy. (2026, November 25). Qatar's Diplomacy and "
          "Social Media. https://example.org/qdd/en/article/ (Original work published n.d.)",
}

BIBTEX = {
    "kk": """@misc{article-2026-kk,
  title        = {Әлеуметтік медиа құралдардың {Қатар} дипломатиясындағы әлеуеті},
  note         = {Авторы: Қазақстан Республикасының Қатар Мемлекетіндегі Елшілігінің ІІ хатшысы. Осы онлайн-басылымның күні: 2026 жылғы 25 қараша; түпнұсқаның жарияланған күні белгісіз},
  howpublished = {Қатар дипломатиясы және әлеуметтік медиа},
  year         = {2026},
  month        = nov,
  url          = {https://example.org/qdd/article/},
  urldate      = {2026-11-25},
  langid       = {kazakh}
}""",
    "ru": """@misc{article-2026-ru,
  title        = {Потенциал инструментов социальных медиа в дипломатии {Катара}},
  note         = {Автор: Второй секретарь Посольства Республики Казахстан в Государстве Катар. Перевод с казахского. Дата этого онлайн-издания: 25 ноября 2026 г.; дата публикации оригинала неизвестна},
  howpublished = {Катарская дипломатия и социальные медиа},
  year         = {2026},
  month        = nov,
  url          = {https://example.org/qdd/ru/article/},
  urldate      = {2026-11-25},
  langid       = {russian}
}""",
    "en": """@misc{article-2026-en,
  title        = {The Potential of Social Media Tools in {Qatar}’s Diplomacy},
  note         = {Author: Second Secretary, Embassy of the Republic of Kazakhstan in the State of Qatar. Translated from Kazakh. Date of this online edition: 25 November 2026; the original's date of publication is unknown},
  howpublished = {Qatar's Diplomacy and Social Media},
  year         = {2026},
  month        = nov,
  url          = {https://example.org/qdd/en/article/},
  urldate      = {2026-11-25},
  langid       = {english}
}""",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_gost(lang):
    assert citation.gost(fixture(lang)).text == GOST[lang]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_apa(lang):
    assert citation.apa(fixture(lang)).text == APA[lang]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_bibtex(lang):
    assert citation.bibtex(fixture(lang)).text == BIBTEX[lang]


def test_formats_are_registered_in_order():
    assert list(citation.FORMATS) == ["gost", "apa", "bibtex"]
    assert {name: f.text for name, f in citation.format_all(fixture("en")).items()} == {
        "gost": GOST["en"], "apa": APA["en"], "bibtex": BIBTEX["en"]}


def test_apa_html_italicises_the_title_and_links_the_url():
    assert citation.apa(fixture("en")).html == (
        "<i>The potential of social media tools in Qatar’s diplomacy</i>. (2026, November 25). "
        "Qatar's Diplomacy and Social Media. "
        '<a href="https://example.org/qdd/en/article/">https://example.org/qdd/en/article/</a> '
        "(Original work published n.d.)")


def test_html_is_escaped():
    record = citation.Record(title="A <b>bold</b> & odd title", byline="", language="en", original_language="en",
                             published=DAY, url="https://example.org/?a=1&b=2", container="Site",
                             accessed=DAY, key="x")
    assert citation.gost(record).html == (
        "A &lt;b&gt;bold&lt;/b&gt; &amp; odd title. – Text : electronic // Site : [website]. – 2026. – "
        '25 November (date of this online edition). – URL: <a href="https://example.org/?a=1&amp;b=2">https://example.org/?a=1&amp;b=2</a> '
        "(accessed: 25.11.2026).")


def test_without_a_byline_no_responsibility_and_no_author_field():
    record = citation.Record(title="Why Small States Matter?", byline="", language="en", original_language="en",
                             published=DAY, url="https://example.org/x/", container="Site", accessed=DAY,
                             key="x-2026-en", lowercase_words=frozenset({"small", "states", "matter"}))
    assert citation.gost(record).text == (
        "Why Small States Matter? – Text : electronic // Site : [website]. – 2026. – 25 November (date of this "
        "online edition). – URL: https://example.org/x/ (accessed: 25.11.2026).")
    assert citation.apa(record).text == ("Why small states matter? (2026, November 25). Site. https://example.org/x/ "
                                         "(Original work published n.d.)")
    assert citation.bibtex(record).text == """@misc{x-2026-en,
  title        = {Why Small States Matter?},
  note         = {Date of this online edition: 25 November 2026; the original's date of publication is unknown},
  howpublished = {Site},
  year         = {2026},
  month        = nov,
  url          = {https://example.org/x/},
  urldate      = {2026-11-25},
  langid       = {english}
}"""


@pytest.mark.parametrize("title, lower, expected", [
    # title case: lowered where the page's text writes the word in lower case; names keep their capital
    ("The Potential of Social Media Tools in Qatar’s Diplomacy", {"potential", "social", "media", "tools",
     "diplomacy"}, "The potential of social media tools in Qatar’s diplomacy"),
    # a word never seen in lower case is taken for a name
    ("The Potential of Social Media Tools in Qatar’s Diplomacy", set(),
     "The Potential of Social Media Tools in Qatar’s Diplomacy"),
    # a subtitle starts with a capital; acronyms keep theirs
    ("Embassies Online: The Case of NATO Members", {"embassies", "online", "the", "case", "members"},
     "Embassies online: The case of NATO members"),
    # already in sentence case (Kazakh, Russian): every capital is meant and stays
    ("Әлеуметтік медиа құралдардың Қатар дипломатиясындағы әлеуеті", {"қатар"},
     "Әлеуметтік медиа құралдардың Қатар дипломатиясындағы әлеуеті"),
])
def test_sentence_case(title, lower, expected):
    assert citation.sentence_case(title, frozenset(lower)) == expected


def test_bibtex_title_escapes_and_protects_names():
    assert citation.bibtex_title("Costs & Benefits of #Diplomacy in Qatar", frozenset({"costs", "benefits"})) == (
        r"Costs \& Benefits of \#{Diplomacy} in {Qatar}")


def test_key_for():
    assert citation.key_for("article/", 2026, "en") == "article-2026-en"
    assert citation.key_for("briefs/reading-2013-figures/", 2026, "kk") == "briefs-reading-2013-figures-2026-kk"
    assert citation.key_for("", 2026, "ru") == "index-2026-ru"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_record_from_the_real_article(lang):
    """The byline is the position as the front matter gives it; the access date is the publication date."""
    _, meta = get_data((ROOT / "docs" / f"article.{lang}.md").read_text(encoding="utf-8"))
    record = citation.record(meta, language=lang, url=FIXTURE[lang]["url"], container=FIXTURE[lang]["container"],
                             key=f"article-2026-{lang}")
    assert record.byline == meta["author_position"].strip()
    assert record.title == meta["title"]
    assert record.original_language == "kk"
    assert record.is_translation == (lang != "kk")
    assert record.published == record.accessed == datetime.date(2026, 11, 25)


def test_every_language_has_every_label():
    """Each configured language's labels come from its own catalog: twelve months, a "translated from"
    phrase for every other language, and no label shown from the fallback catalog."""
    proj = load()
    fallback = labels(proj.messages_fallback)
    for code in proj.codes:
        table = labels(code)
        assert set(table) == set(fallback)
        assert len(table["months"]) == 12 and len(set(table["months"])) == 12
        if code != proj.messages_fallback:
            same = [key for key in ("front", "author", "abstract", "keywords", "cite", "copy")
                    if table[key] == fallback[key]]
            assert same == [], (code, same)
        for other in proj.codes:
            if other != code:
                assert translated_from(code, other).strip(), (code, other)
