"""Search in each language: one index per language (sitekit/search.py) and Material's search box in
Chromium finding Kazakh, Russian and English words in the reader's language only.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from sitekit import search, searchdata
from sitekit.project import ROOT
from sitepages import DEFAULT, LANGS, content_pages, language_of, neutral_path, parse, prefix, run_search

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")  # the letters Kazakh has and Russian has not
TAG = re.compile(r"<[^>]+>")


def index_path(site_dir, lang):
    return site_dir / prefix(lang) / "search" / "search_index.json"


def load_index(site_dir, lang) -> dict:
    return json.loads(index_path(site_dir, lang).read_text(encoding="utf-8"))


def page_texts(index: dict) -> dict[str, str]:
    """location of a page → its titles and text, markup removed."""
    out = defaultdict(str)
    for doc in index["docs"]:
        out[doc["location"].split("#")[0]] += " " + doc["title"] + " " + html.unescape(TAG.sub(" ", doc["text"]))
    return dict(out)


def tokens(text: str) -> list[str]:
    """The words lunr indexes: split at the configured separator, lowercased (the kk pipeline is empty)."""
    return [t for t in re.split(search.SEPARATOR, text.lower()) if t]


# --- static: the index files --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_index_holds_exactly_the_languages_pages(site_build, lang):
    index = load_index(site_build.dir, lang)
    pages = {neutral_path(rel) for rel in content_pages(site_build.dir) if language_of(rel) == lang}
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert locations == pages  # relative to the language root: no "ru/…" in the ru index, no kk page in it
    others = [doc["location"] for doc in index["docs"]
              if any(prefix(o) and doc["location"].startswith(prefix(o)) for o in LANGS)]
    assert others == []


@pytest.mark.parametrize("lang", LANGS)
def test_index_titles_are_the_pages_titles(site_build, lang):
    """Each entry's title is the title or a heading of that language's page: the text is that page's."""
    wrong = []
    for doc in load_index(site_build.dir, lang)["docs"]:
        path, _, fragment = doc["location"].partition("#")
        built = site_build.dir / prefix(lang) / path / "index.html"
        page = parse(built)
        if fragment:
            shown = [h.text.rstrip("¶").strip() for h in page.headings if h.id == fragment]
        else:
            head = re.search(r"<title>(.*?)</title>", built.read_text(encoding="utf-8"), re.S).group(1)
            shown = [html.unescape(head).split(" - ")[0].strip()] + [h.text.rstrip("¶").strip()
                                                                     for h in page.headings if h.level == 1]
        if doc["title"] not in shown:
            wrong.append(f"{doc['location']}: title {doc['title']!r}, page shows {shown}")
    assert wrong == []


def script_problem(lang: str, text: str) -> str | None:
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04FF" for c in letters)
    latin = sum(c.isascii() for c in letters)
    kazakh = sum(c in KAZAKH_LETTERS for c in letters)
    share = f"{cyrillic}/{len(letters)} Cyrillic, {latin} Latin, {kazakh} Kazakh-only letters"
    if lang in ("kk", "ru") and cyrillic < 0.5 * len(letters):
        return f"mostly not Cyrillic ({share})"
    if lang == "kk" and kazakh < 0.05 * cyrillic:
        return f"Cyrillic without Kazakh letters: not Kazakh ({share})"
    if lang == "ru" and kazakh > 0.02 * cyrillic:
        return f"Kazakh letters in a Russian page ({share})"
    if lang == "en" and latin < 0.5 * len(letters):
        return f"mostly not Latin ({share})"
    return None


@pytest.mark.parametrize("lang", LANGS)
def test_index_text_is_in_the_language(site_build, lang):
    wrong = {}
    for location, text in page_texts(load_index(site_build.dir, lang)).items():
        problem = script_problem(lang, text)
        if problem:
            wrong[location] = problem
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGS)
def test_index_is_utf8_without_escapes(site_build, lang):
    data = index_path(site_build.dir, lang).read_bytes()
    data.decode("utf-8")  # raises on anything else
    assert re.findall(rb"\\u0[4-5][0-9a-fA-F]{2}", data)[:5] == []
    assert "қ".encode() in data or lang != "kk"


@pytest.mark.parametrize("lang", LANGS)
def test_index_config_is_the_languages(site_build, lang):
    """Each index carries its language's settings from data/search/ (lunr's for Material, ``kit`` for the
    site's worker) and the field boosts of data/search/settings.yml."""
    index = load_index(site_build.dir, lang)
    config = index["config"]
    data = searchdata.load(ROOT, LANGS)
    assert config == search.config_for(lang, data, docs=index["docs"])  # `written` and `stems`: from its own pages
    assert config["lang"] == data.languages[lang]["lunr"]["lang"]
    assert config["pipeline"] == data.languages[lang]["lunr"].get("pipeline", [])
    assert config["separator"] == search.SEPARATOR
    assert config["fields"] == {name: {"boost": boost} for name, boost in data.fields.items()}
    assert config["fields"]["title"]["boost"] > config["fields"]["tags"]["boost"] > config["fields"]["text"]["boost"]


def test_search_settings_of_the_site():
    """What data/search/ promises: Kazakh without lunr's stemmer or trimmer (lunr has no Kazakh, its English
    trimmer strips Cyrillic) and with the suffix rules; Russian and English with their stop words and
    lunr's stemmers; and mkdocs.yml's separator is the one the indexes use."""
    data = searchdata.load(ROOT, LANGS)
    assert data.languages["kk"]["lunr"] == {"lang": ["en"], "pipeline": []}
    assert data.languages["kk"]["stemmer"] == "rules"
    assert data.languages["ru"]["lunr"] == {"lang": ["ru"], "pipeline": ["stopWordFilter"]}
    assert data.languages["en"]["lunr"] == {"lang": ["en"], "pipeline": ["stopWordFilter"]}
    assert data.languages["ru"]["stemmer"] == data.languages["en"]["stemmer"] == "lunr"
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        plugins = yaml_load(fh)["plugins"]
    (options,) = [item["search"] for item in plugins if isinstance(item, dict) and "search" in item]
    assert options["separator"] == search.SEPARATOR


@pytest.mark.parametrize("lang", LANGS)
def test_tags_are_their_labels_on_the_page_entry_only(site_build, lang):
    vocabulary = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))
    labels = {entry.get(lang, tag) for tag, entry in vocabulary.items()}  # a tag without a label shows its id
    docs = load_index(site_build.dir, lang)["docs"]
    tagged = [doc for doc in docs if doc.get("tags")]
    assert tagged, "no brief carries tags"
    assert all("#" not in doc["location"] for doc in tagged)
    assert {tag for doc in tagged for tag in doc["tags"]} <= labels


@pytest.mark.parametrize("text, expected", [
    ("«Facebook» (бәлекей) [1]–[5] сөз—сөз „Слово“ “word” it’s", ["facebook", "бәлекей", "1", "5", "сөз", "сөз",
                                                                 "слово", "word", "it", "s"]),
    ("قطر، الدوحة؛ لماذا؟", ["قطر", "الدوحة", "لماذا"]),
], ids=["quotes-brackets-dashes", "arabic-punctuation"])
def test_separator_splits_at_quotes_brackets_and_dashes(text, expected):
    assert tokens(text) == expected


# --- in Chromium ---------------------------------------------------------------------------------------

def outside_language(site_build, lang: str, links: list[str]) -> list[str]:
    root = site_build.url(prefix(lang))
    others = [site_build.url(prefix(o)) for o in LANGS if o != lang and prefix(o)]
    return [link for link in links if not link.startswith(root) or any(link.startswith(o) for o in others)]


def word_in(texts: dict[str, str], letter: str) -> str:
    """The most frequent word of at least five letters with ``letter`` in the index."""
    counts = defaultdict(int)
    for text in texts.values():
        for token in tokens(text):
            if letter in token and len(token) >= 5 and token.isalpha():
                counts[token] += 1
    assert counts, f"no word with {letter!r} in the Kazakh index"
    return max(sorted(counts), key=counts.get)


# A general query per language: the word for diplomacy as a reader names the field (Arabic names a field
# with the article, «الدبلوماسية»; the bare form «دبلوماسية» finding it is tests/test_search_worker.py's)
QUERIES = {"kk": "дипломатия", "ru": "дипломатия", "en": "diplomacy", "ar": "الدبلوماسية"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", [code for code in LANGS if code in QUERIES])  # the languages with a query
def test_search_stays_in_the_readers_language(page, served_site, lang):
    links = run_search(page, served_site.url(prefix(lang)), QUERIES[lang])
    assert len(links) >= 3
    assert outside_language(served_site, lang, links) == []
    assert page.console_errors == []
    # open a result: a page of the same language
    with page.expect_navigation():
        page.click(".md-search-result__list a >> nth=0")
    assert page.url.split("?")[0].split("#")[0] == links[0]
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.browser
def test_kazakh_letters_are_searchable(page, served_site):
    texts = page_texts(load_index(served_site.dir, "kk"))
    missing = {}
    for letter in "әғқңөұүі":  # һ, the ninth, is in loanwords only: none in the texts
        word = word_in(texts, letter)
        pages = {served_site.url(loc) for loc, text in texts.items() if word in tokens(text)}
        links = run_search(page, served_site.url(), word)
        if not pages & set(links) or outside_language(served_site, "kk", links):
            missing[f"{letter} ({word})"] = links
    assert missing == {}


INFLECTED = "дипломатиясындағы"  # "in the diplomacy of": the stem дипломатия with three suffixes


@pytest.mark.browser
def test_a_stem_finds_inflected_forms(page, served_site):
    """Material runs prefix queries, so «дипломатия» finds the pages with «дипломатиясындағы»; and so
    does a stem that is no word at all (so exact matches cannot be what finds them)."""
    texts = page_texts(load_index(served_site.dir, "kk"))
    inflected = {loc for loc, text in texts.items() if INFLECTED in tokens(text)}
    assert inflected, f"no Kazakh page has {INFLECTED!r}: pick another word for this test"
    words = {t for text in texts.values() for t in tokens(text)}
    stem = next(INFLECTED[:n] for n in range(len("дипломатия"), len(INFLECTED)) if INFLECTED[:n] not in words)
    for query in ("дипломатия", stem):
        links = run_search(page, served_site.url(), query)
        assert {served_site.url(loc) for loc in inflected} <= set(links), query
        assert outside_language(served_site, "kk", links) == []


OPENERS = "«„“‘([{\"'"


def quoted_only_word(texts: dict[str, str]) -> tuple[str, set[str]]:
    """A word that the Kazakh texts have only right after an opening «, (, „ … (so that, were the
    punctuation part of the word, a prefix query for the word could not find it), and its pages."""
    opened, elsewhere = defaultdict(set), set()
    for location, text in texts.items():
        for raw in text.split():
            words = tokens(raw)
            if not words:
                continue
            if raw[0] in OPENERS:
                opened[words[0]].add(location)
            else:
                elsewhere.add(words[0])
            elsewhere.update(words[1:])
    candidates = sorted(w for w in opened if w not in elsewhere and w.isalpha() and len(w) >= 6)
    assert candidates, "no Kazakh word appears only inside quotes or brackets"
    return candidates[0], opened[candidates[0]]


@pytest.mark.browser
def test_quotes_and_brackets_do_not_stick_to_words(page, served_site):
    texts = page_texts(load_index(served_site.dir, "kk"))
    word, pages = quoted_only_word(texts)
    links = run_search(page, served_site.url(), word)
    assert {served_site.url(loc) for loc in pages} <= set(links), word


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", [(DEFAULT, "«Facebook»"), (DEFAULT, "Facebook"), ("ru", "«Facebook»"),
                                         ("en", "“Facebook”"), ("en", "(Facebook)")],
                         ids=["kk-guillemets", "kk-bare", "ru-guillemets", "en-quotes", "en-brackets"])
def test_quoted_query_finds_the_article(page, served_site, lang, query):
    links = run_search(page, served_site.url(prefix(lang)), query)
    assert served_site.url(prefix(lang) + "article/") in links
    assert outside_language(served_site, lang, links) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, word", [(DEFAULT, "дипломатия", "дипломатиясындағы"),
                                               ("ru", "учёные", "учёные"), ("en", "diplomats", "diplomats")],
                         ids=["kk", "ru", "en"])
def test_a_word_found_by_several_forms_is_highlighted_once(page, served_site, lang, query, word):
    """The index holds a word as written, folded and stemmed at one position: the result list marks it once."""
    run_search(page, served_site.url(prefix(lang)), query)
    marks = page.evaluate("() => [...document.querySelectorAll('.md-search-result__list mark')].map(m => m.textContent)")
    assert word in [m.lower() for m in marks]
    assert page.locator(".md-search-result__list mark mark").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_article_leads_a_general_query(page, served_site, lang):
    """Tags no longer carry a million-fold boost: the article is not buried under the briefs. It leads, or
    only the glossary (whose sections are titled with the terms) stands above it."""
    links = run_search(page, served_site.url(prefix(lang)), QUERIES[lang])
    article = served_site.url(prefix(lang) + "article/")
    assert article in links[:2]
    assert links[:links.index(article)] in ([], [served_site.url(prefix(lang) + "glossary/")])


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_title_outranks_the_text(page, served_site, lang):
    """The glossary page's title, typed: the glossary comes first, before the pages that mention it."""
    (title,) = [doc["title"] for doc in load_index(served_site.dir, lang)["docs"] if doc["location"] == "glossary/"]
    links = run_search(page, served_site.url(prefix(lang)), title)
    assert links[0] == served_site.url(prefix(lang) + "glossary/")


def tag_only_labels(index: dict) -> dict[str, set[str]]:
    """label → the pages tagged with it whose title and text do not hold all of the label's words."""
    texts = page_texts(index)
    out = defaultdict(set)
    for doc in index["docs"]:
        for label in doc.get("tags", []):
            if not set(tokens(label)) <= set(tokens(texts[doc["location"]])):
                out[label].add(doc["location"])
    return dict(out)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_tags_are_found_by_their_label(page, served_site, lang):
    labels = tag_only_labels(load_index(served_site.dir, lang))
    if not labels:
        pytest.skip(f"every {lang} tag label is also in its pages' text: searching it proves nothing")
    missing = {}
    for label, pages in sorted(labels.items())[:3]:
        links = run_search(page, served_site.url(prefix(lang)), label)
        if not {served_site.url(prefix(lang) + p) for p in pages} <= set(links):
            missing[label] = links
    assert missing == {}


@pytest.mark.browser
@pytest.mark.parametrize("lang", [code for code in LANGS if code in QUERIES])
def test_the_index_is_requested_when_the_reader_turns_to_search(page, served_site, lang):
    """search-on-demand.js: a page view without search never downloads the language's index (a quarter of
    the first view) nor starts the search worker; focusing the search field requests the index once and
    starts the worker, and the query typed finds its pages.
    A page opened from a result with its highlight (?h=) requests it at once and marks the words."""
    url = served_site.url(prefix(lang) + "article/")
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1500)
    requested = lambda: [u for u in page.requests if u.endswith("/search/search_index.json")]  # noqa: E731
    workers = lambda: [u for u in page.requests if "/assets/javascripts/workers/" in u]  # noqa: E731
    assert requested() == []
    assert workers() == []  # nor the search worker, its scripts or lunr
    links = run_search(page, url, QUERIES[lang])
    assert url in links
    assert requested() == [served_site.url(prefix(lang) + "search/search_index.json")]
    assert any(u.startswith(served_site.url("assets/javascripts/workers/search-kit.js")) for u in workers())
    page.goto(url + "?h=" + QUERIES[lang], wait_until="networkidle")
    assert len(requested()) == 2
    page.wait_for_selector("article mark", timeout=10000)
    assert page.console_errors == []
