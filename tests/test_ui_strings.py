"""The interface languages Material lacks or words loosely: overrides/partials/languages/<code>.html
(Kazakh, Arabic) against the installed Material, and the interface strings the built pages of each
language show.

Material ships no Kazakh translation and an incomplete Arabic one. Each override must define exactly the
keys of the installed Material's English file, so a Material upgrade that adds or renames keys fails here
instead of showing English words (or the bare key) in that language's interface.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import nodes

from sitekit import fonts, messages, search, searchdata
from sitekit.project import ROOT
from sitepages import DEFAULT, LANGS, content_pages, language_of, parse, prefix

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
OVERRIDES = ROOT / "overrides" / "partials" / "languages"
OVERRIDDEN = sorted(path.stem for path in OVERRIDES.glob("*.html"))
# The Unicode names of the letters of each script (ISO 15924, from CLDR via sitekit.fonts.script_of).
SCRIPT_LETTERS = {"Cyrl": "CYRILLIC", "Arab": "ARABIC", "Latn": "LATIN"}
# Keys whose values are codes, not words: the same in every language.
CODE_KEYS = {"language", "direction"}
CODE_PREFIXES = ("search.config.",)
# Latin words an interface string in another script may contain (names of formats).
LATIN_WORDS = {"RSS"}


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
    own_path = OVERRIDES / f"{lang}.html"
    own = language_file(own_path if own_path.exists() else MATERIAL_LANGUAGES / f"{lang}.html")
    return {key: own.get(key) or english[key] for key in english}


@pytest.mark.parametrize("lang", OVERRIDDEN)
def test_override_defines_exactly_the_keys_of_materials_english_file(lang):
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    own = language_file(OVERRIDES / f"{lang}.html")
    assert sorted(set(english) - set(own)) == [], f"{lang}.html: translate these keys of Material {material.__version__}"
    assert sorted(set(own) - set(english)) == [], f"{lang}.html: keys Material {material.__version__} no longer has"


@pytest.mark.parametrize("lang", OVERRIDDEN)
def test_override_values_are_in_their_language_not_english(lang):
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    letters = SCRIPT_LETTERS[fonts.script_of(lang)]
    problems = []
    for key, value in language_file(OVERRIDES / f"{lang}.html").items():
        if is_code(key):
            continue
        if not value.strip():
            problems.append(f"{key}: empty")
        elif value == english.get(key):
            problems.append(f"{key}: left in English ({value!r})")
        elif not any(unicodedata.name(c, "").startswith(letters) for c in value):
            problems.append(f"{key}: no word of {lang} in {value!r}")
        elif letters != "LATIN":
            latin = set(re.findall(r"[A-Za-z]+", value)) - LATIN_WORDS
            if latin:
                problems.append(f"{key}: Latin words {sorted(latin)} in {value!r}")
    assert problems == []


@pytest.mark.parametrize("lang", OVERRIDDEN)
def test_override_codes_match_the_site(lang):
    """The code values: the language, its direction (CLDR), and the search settings sitekit/search.py
    writes for the languages data/search/ configures."""
    own = language_file(OVERRIDES / f"{lang}.html")
    assert own["language"] == lang
    assert own["direction"] == messages.direction(lang)
    settings = searchdata.load(ROOT, LANGS).languages.get(lang, {}).get("lunr")
    if settings:
        assert own["search.config.lang"] == ",".join(settings["lang"])
        assert own["search.config.pipeline"].strip() == ",".join(settings.get("pipeline", []))
    assert own["search.config.separator"] == search.SEPARATOR


def test_no_configured_language_shows_a_material_string_in_english():
    """Every key the site can show has a value in each language's file (the blog's keys are never shown:
    Material's blog plugin cannot run under static-i18n)."""
    english = language_file(MATERIAL_LANGUAGES / "en.html")
    fallen = []
    for lang in LANGS:
        own_path = OVERRIDES / f"{lang}.html"
        own = language_file(own_path if own_path.exists() else MATERIAL_LANGUAGES / f"{lang}.html")
        fallen += [f"{lang}: {key}" for key in english
                   if not is_code(key) and not key.startswith("blog.") and not own.get(key)]
    assert fallen == []


def test_search_placeholder_reads_in_each_language(site_build):
    found = {lang: parse(site_build.dir / prefix(lang) / "index.html")
             .find("input", data_md_component="search-query")[0]["placeholder"] for lang in LANGS}
    assert found == {lang: ui(lang)["search.placeholder"] for lang in LANGS}


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
    for lang in LANGS:
        name = ui(lang)["search"]
        html = (site_build.dir / prefix(lang) / "article" / "index.html").read_text(encoding="utf-8")
        assert f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">' in html, lang
