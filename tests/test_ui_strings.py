"""The Kazakh interface: overrides/partials/languages/kk.html against the installed Material, and the
interface strings the built pages of each language show.

Material ships no Kazakh translation. kk.html must define exactly the keys of the installed Material's
English file, so a Material upgrade that adds or renames keys fails here instead of showing English
words (or the bare key) in the Kazakh interface.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import nodes

from sitekit import search, searchdata
from sitekit.project import ROOT
from sitepages import DEFAULT, LANGS, content_pages, language_of, parse, prefix

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
KK = ROOT / "overrides" / "partials" / "languages" / "kk.html"
# Keys whose values are codes, not words: the same in every language.
CODE_KEYS = {"language", "direction"}
CODE_PREFIXES = ("search.config.",)
# Latin words a Kazakh interface string may contain (names of formats).
LATIN_WORDS = {"RSS"}
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def language_file(path: Path) -> dict[str, str]:
    """key → value of a Material language file (the dict literal of its ``t`` macro), read with Jinja's
    parser, so the file is read as Material reads it."""
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    dicts = list(tree.find_all(nodes.Dict))
    assert len(dicts) == 1, f"{path}: expected one dict literal, found {len(dicts)}"
    out = {}
    for pair in dicts[0].items:
        assert isinstance(pair.key, nodes.Const) and isinstance(pair.value, nodes.Const), \
            f"{path}:{pair.lineno}: key and value must be string literals"
        assert pair.key.value not in out, f"{path}:{pair.lineno}: key {pair.key.value!r} defined twice"
        out[pair.key.value] = pair.value.value
    return out


def is_code(key: str) -> bool:
    return key in CODE_KEYS or key.startswith(CODE_PREFIXES)


def ui(lang: str) -> dict[str, str]:
    """The strings Material shows for ``lang``: its language file, English for keys it lacks
    (Material's partials/language.html falls back the same way)."""
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    own = language_file(KK if lang == "kk" else MATERIAL_LANGUAGES / f"{lang}.html")
    return {key: own.get(key) or english[key] for key in english}


def test_kk_defines_exactly_the_keys_of_materials_english_file():
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    kazakh = language_file(KK)
    assert sorted(set(english) - set(kazakh)) == [], f"{KK.name}: translate these keys of Material {material.__version__}"
    assert sorted(set(kazakh) - set(english)) == [], f"{KK.name}: keys Material {material.__version__} no longer has"


def test_kk_values_are_kazakh_not_english():
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    problems = []
    for key, value in language_file(KK).items():
        if is_code(key):
            continue
        if not value.strip():
            problems.append(f"{key}: empty")
        elif value == english.get(key):
            problems.append(f"{key}: left in English ({value!r})")
        elif not CYRILLIC.search(value):
            problems.append(f"{key}: no Kazakh word in {value!r}")
        else:
            latin = set(re.findall(r"[A-Za-z]+", value)) - LATIN_WORDS
            if latin:
                problems.append(f"{key}: Latin words {sorted(latin)} in {value!r}")
    assert problems == []


def test_kk_codes_match_the_site():
    """The code values: Kazakh, left to right, and the search settings sitekit/search.py writes."""
    kazakh = language_file(KK)
    assert kazakh["language"] == "kk"
    assert kazakh["direction"] == "ltr"
    settings = searchdata.load(ROOT, LANGS).languages["kk"]["lunr"]  # data/search/kk.yml
    assert kazakh["search.config.lang"] == ",".join(settings["lang"])
    assert kazakh["search.config.pipeline"] == ",".join(settings["pipeline"])
    assert kazakh["search.config.separator"] == search.SEPARATOR


def test_search_placeholder_reads_in_each_language(site_build):
    found = {lang: parse(site_build.dir / prefix(lang) / "index.html")
             .find("input", data_md_component="search-query")[0]["placeholder"] for lang in LANGS}
    assert found == {"kk": "Іздеу", "ru": "Поиск", "en": "Search"}


CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
SELECT = re.compile(r'<div class="md-select">\s*<button [^>]*aria-label="([^"]*)"')
SKIP = re.compile(r'<a href="#[^"]*" class="md-skip">\s*(.*?)\s*</a>', re.S)


def shown_strings(path: Path) -> dict[str, str]:
    """The interface strings a built page shows, by Material key."""
    text = path.read_text(encoding="utf-8")
    doc = parse(path)
    (query,) = doc.find("input", data_md_component="search-query")
    found = {
        "search.placeholder": query["placeholder"],
        "search": query["aria-label"],
        "header": doc.find("nav", class_="md-header__inner")[0]["aria-label"],
        "select.language": html.unescape(SELECT.search(text).group(1)),
        "nav": doc.find("nav", class_="md-nav--primary")[0]["aria-label"],
    }
    for footer in doc.find("nav", class_="md-footer__inner"):  # the previous/next links, where there are any
        found["footer"] = footer["aria-label"]
    skip = SKIP.search(text)
    if skip:
        found["action.skip"] = html.unescape(skip.group(1))
    (config,) = CONFIG.findall(text)
    found.update(json.loads(config)["translations"])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_built_pages_show_their_languages_interface(site_build, lang):
    expected = ui(lang)
    wrong, pages = [], [rel for rel in content_pages(site_build.dir) if language_of(rel) == lang]
    assert pages
    for rel in pages:
        for key, value in shown_strings(site_build.dir / rel).items():
            if value != expected[key]:
                wrong.append(f"{rel}: {key} is {value!r}, expected {expected[key]!r}")
    assert wrong == []
    home = shown_strings(site_build.dir / prefix(lang) / "index.html")
    assert {"action.skip", "footer"} <= set(home)  # the home page has sections and a next page


def test_the_404_page_shows_the_default_interface(site_build):
    shown = shown_strings(site_build.dir / "404.html")
    expected = ui(DEFAULT)
    assert {key: value for key, value in shown.items() if value != expected[key]} == {}


def test_search_dialog_has_an_accessible_name(site_build):
    names = {"": "Іздеу", "ru/": "Поиск", "en/": "Search"}
    for prefix, name in names.items():
        html = (site_build.dir / prefix / "article" / "index.html").read_text(encoding="utf-8")
        assert f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">' in html, prefix
