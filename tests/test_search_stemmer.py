"""The search's letter folding and Kazakh suffix-rule stemmer (sitekit/stemmer.py, data/search/kk.yml), the
same algorithm in the browser's worker (search-kit.js, run under Node), and the data files' checks
(sitekit/searchdata.py): every problem a ``path:line: message [search-data]``, never a traceback.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit import project, search, searchdata, stemmer
from sitekit.project import ROOT
from sitepages import LANGS

from conftest import build_env

KIT = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-kit.js"
DATA = searchdata.load(ROOT, LANGS)
KK = DATA.languages["kk"]
ANALYZER = stemmer.Analyzer.of(KK)
LINE = re.compile(r"^data/search/[\w.-]+\.yml:\d+: \S.* \[search-data\]$")


def stems(word: str) -> str:
    return stemmer.stem(word, ANALYZER.rules)


# --- the rules, by example (data/search/README.md shows the same) -----------------------------------------------

@pytest.mark.parametrize("word, expected", [
    ("дипломатиясындағы", "дипломатия"),  # possessive сы + case ндағы
    ("дипломатияның", "дипломатия"),
    ("дипломатиялық", "дипломатия"),  # derivational лық
    ("мемлекеттің", "мемлекет"),
    ("желілерде", "желі"),  # plural лер + case де
    ("қауіпсіздігі", "қауіпсіз"),  # г → к before a vowel, then the derivational дік
    ("қауіпсіздік", "қауіпсіз"),
    ("елшілігі", "елші"),
    ("халқы", "халық"),  # an exception: the dropped vowel comes back
    ("халқына", "халық"),
    ("халықтың", "халық"),
    ("халық", "халық"),  # kept whole: лық here is no suffix
    ("елге", "ел"), ("елдің", "ел"), ("елі", "ел"),
    ("ел", "ел"),  # never below a two-letter root
    ("қатардағы", "қатар"), ("қатар", "қатар"),
    ("журналистерге", "журналис"),
], ids=lambda v: v)
def test_kazakh_stems(word, expected):
    assert stems(word) == expected


def test_folding_and_lookalikes():
    assert ANALYZER.fold("қауіпсіздік") == "кауипсиздик"
    assert ANALYZER.fold("елшiлiк") == "елшилик"  # Latin i inside a Cyrillic word
    assert ANALYZER.fold("twitter") == "twitter"  # a Latin word keeps its i
    assert ANALYZER.stems("елшiлiк") == ("елшилик", "елши")
    assert ANALYZER.stems("казакстаннын") == ("казакстанн", "казакстан")  # typed on a Russian keyboard
    ru = stemmer.Analyzer.of(DATA.languages["ru"])
    assert ru.fold("учёные") == "ученые"
    assert ru.stems("учёные") == ("ученые", "ученые")  # lunr's stemmer runs in the browser only


def test_arabic_words_lose_one_proclitic_and_keep_three_letters():
    ar = stemmer.Analyzer.of(DATA.languages["ar"])
    assert [ar.bare(ar.fold(w)) for w in ("والدبلوماسية", "الدبلوماسية", "لسفارة", "بالإعلام", "وقطر", "الناس", "بين")] \
        == ["دبلوماسيه", "دبلوماسيه", "سفاره", "اعلام", "قطر", "ناس", "بين"]


def test_a_language_without_data_has_no_stemmer_and_no_folding():
    plain = stemmer.Analyzer.of(searchdata.DEFAULT)
    assert plain.stems("дипломатиясындағы") == ("дипломатиясындағы", "дипломатиясындағы")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="аәбвгғдеёжзиійкқлмнңоөпрстуұүфхһцчшщъыьэюя", max_size=14))
def test_a_stem_never_leaves_less_than_two_letters(word):
    stem = stems(word)
    assert len(stem) >= min(len(word), 2)
    folded = ANALYZER.stems(word)[1]
    assert len(folded) >= min(len(word), 2)


# --- Python and the browser agree --------------------------------------------------------------------------

def site_words() -> list[str]:
    """Every word of the site's pages and data, lowercased as lunr does."""
    words = set()
    for path in sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "data" / "glossary.yml", ROOT / "data" / "tags.yml"]:
        for word in re.split(search.SEPARATOR, path.read_text(encoding="utf-8").lower()):
            if word and any(c.isalpha() for c in word):
                words.add(word)
    return sorted(words)


def inflections(words: list[str], n: int = 4000) -> list[str]:
    """Kazakh stems with generated suffix chains (derivational, plural, possessive, case), seeded."""
    rng = random.Random(11)
    classes = {cls["name"]: cls["suffixes"] for cls in KK["rules"]["classes"]}
    roots = sorted({stems(w) for w in words if re.fullmatch(r"[а-яәғқңөұүһі]{3,}", w)})
    out = []
    for _ in range(n):
        word = rng.choice(roots)
        for name in ("derivational", "plural", "possessive", "case"):
            if rng.random() < 0.5:
                word += rng.choice(classes[name])
        out.append(word)
    return out


def node_stems(settings_: dict, words: list[str]) -> list[list[str]]:
    script = textwrap.dedent("""
        const kit = require(process.argv[1]);
        let input = '';
        process.stdin.on('data', d => input += d).on('end', () => {
          const {settings, words} = JSON.parse(input);
          const a = kit.analyzer(settings, null);
          process.stdout.write(JSON.stringify(words.map(w => [a.fold(w)].concat(a.stems(w), [a.bare(a.fold(w))]))));
        });
    """)
    proc = subprocess.run(["node", "-e", script, str(KIT)], input=json.dumps({"settings": settings_, "words": words}),
                          capture_output=True, text=True, env=build_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_python_and_the_browser_stem_every_word_alike(node):
    words = site_words()
    corpus = words + inflections(words) + ["елшiлiк", "казакстаннын", "халкына", "ел", "a", "ı", "İ".lower()]
    assert len(words) > 3000
    python = [[ANALYZER.fold(w), *ANALYZER.stems(w), ANALYZER.bare(ANALYZER.fold(w))] for w in corpus]
    js = node_stems(search.config_for("kk", DATA)["kit"], corpus)
    differ = [(w, p, j) for w, p, j in zip(corpus, python, js) if p != j]
    assert differ == []


def node_index_forms(settings_: dict, words: list[str]) -> list[list[str]]:
    script = textwrap.dedent("""
        const kit = require(process.argv[1]);
        let input = '';
        process.stdin.on('data', d => input += d).on('end', () => {
          const {settings, words} = JSON.parse(input);
          const a = kit.analyzer(settings, null);
          process.stdout.write(JSON.stringify(words.map(w => a.indexForms(w))));
        });
    """)
    proc = subprocess.run(["node", "-e", script, str(KIT)], input=json.dumps({"settings": settings_, "words": words}),
                          capture_output=True, text=True, env=build_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_word_that_folds_to_nothing_is_searched_as_written(node):
    """An Arabic "word" of diacritics or tatweel only folds to nothing: it is indexed and searched as
    written, never as an empty term."""
    kit = search.config_for("ar", DATA)["kit"]
    script = textwrap.dedent("""
        const kit = require(process.argv[1]);
        const a = kit.analyzer(JSON.parse(process.argv[2]), null);
        process.stdout.write(JSON.stringify(["\u0640\u0640", "\u064e"].map(w => [a.indexForms(w), a.queryForms(w, true)[0]])));
    """)
    proc = subprocess.run(["node", "-e", script, str(KIT), json.dumps(kit)], capture_output=True, text=True,
                          env=build_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [[["\u0640\u0640"], ["\u0640\u0640", "exact"]], [["\u064e"], ["\u064e", "exact"]]]


def test_the_stems_the_build_writes_are_those_the_browser_would_index(node):
    """The build stems the pages' words (``stems`` in the index): the browser, stemming every word itself,
    would index exactly the same terms — the word folded, as written where folding merges it with another
    word, and its stem where that does not begin the folded word («халқына» → «халык»)."""
    words = site_words()
    corpus = sorted(set(words + inflections(words, 1000) + ["таң", "тан", "тән", "халқына", "қауіпсіздігі"]))
    merged = {"config": {}, "docs": [{"location": "article/", "title": "", "text": " ".join(corpus)}]}
    kit = search.config_for("kk", DATA, docs=merged["docs"])["kit"]
    assert {"таң", "тән"} <= set(kit["written"]) and "тан" not in kit["written"]  # тан is its own folded form
    assert kit["stems"]["халқына"] == "халык"  # an exception gives the dropped vowel back
    assert "дипломатиясындағы" not in kit["stems"]  # «дипломатия» begins «дипломатиясындагы»
    built = [[*([w] if w in kit["written"] else []), ANALYZER.fold(w), *([kit["stems"][w]] if w in kit["stems"] else [])]
             for w in corpus]
    assert node_index_forms(kit, corpus) == built  # what the worker indexes with the build's stems
    browser = node_index_forms({k: v for k, v in kit.items() if k != "stems"}, corpus)  # stemming each word itself
    assert [(w, b) for w, b, j in zip(corpus, built, browser) if b != j] == []


@pytest.mark.parametrize("lang", [code for code in LANGS if DATA.languages[code].get("stemmer") != "rules"])
def test_python_and_the_browser_fold_alike(node, lang):
    words = site_words()
    analyzer = stemmer.Analyzer.of(DATA.languages[lang])
    kit = {**search.config_for(lang, DATA)["kit"], "stemmer": "none"}  # lunr's stemmers run in the browser only
    js = node_stems(kit, words)
    assert [j[0] for j in js] == [analyzer.fold(w) for w in words]
    assert [j[-1] for j in js] == [analyzer.bare(analyzer.fold(w)) for w in words]  # without a proclitic


# --- the data files: clear messages, never a traceback ---------------------------------------------------

def data_root(tmp_path, **files: str):
    shutil.copytree(ROOT / "data" / "search", tmp_path / "data" / "search")
    for name, text in files.items():  # kk_yml=… writes data/search/kk.yml
        (tmp_path / "data" / "search" / name.replace("_yml", ".yml")).write_text(text, encoding="utf-8")
    return tmp_path


def problems(root) -> list[str]:
    try:
        searchdata.load(root, ("kk", "ru", "en"))
    except searchdata.SearchDataError as exc:
        return str(exc).splitlines()
    return []


def test_the_sites_data_is_clean():
    assert problems(ROOT) == []


@pytest.mark.parametrize("name, text, expected", [
    ("kk_yml", "lunr: {lang: [kk]}\n", [
        "data/search/kk.yml:1: lunr language 'kk' is not shipped with Material (one of {}) [search-data]"]),
    ("kk_yml", "lunr: {lang: [en]}\nstemmer: snowball\n", [
        "data/search/kk.yml:2: stemmer 'snowball' is not one of rules, lunr, none [search-data]"]),
    ("kk_yml", "lunr: {lang: [en]}\nstemmer: rules\nrules:\n  vowels: ае\n  classes:\n    - name: case\n"
               "      min_root: 1\n      suffixes: [да]\n", [
        "data/search/kk.yml:7: min_root must be a whole number ≥ 2, found 1 [search-data]"]),
    ("kk_yml", "lunr: {lang: [en]}\nfold: {ә: а, ab: c}\n", [
        "data/search/kk.yml:2: fold: key 'ab' is not a single letter [search-data]"]),
    ("kk_yml", "lunr: [en\n", ["data/search/kk.yml:2: not valid YAML (expected ',' or ']', but got '<stream end>') [search-data]"]),
    ("synonyms_yml", "groups:\n  - [al jazeera, жазира]\n", [
        "data/search/synonyms.yml:2: 'al jazeera' is more than one word for the search (list single words) [search-data]"]),
    ("settings_yml", "fields: {title: 1000, text: 1, tags: -5}\nclauses: {exact: 8, stem: 2, synonym: 1}\n", [
        "data/search/settings.yml:1: fields.tags must be a positive number, found -5 [search-data]"]),
    ("kk_yml", "lunr: {lang: [en]}\nproclitics: [ال, 'و ب', 3]\n", [
        "data/search/kk.yml:2: proclitics must be a list of letter sequences (e.g. [ال, و]), found ['ال', 'و ب', 3] "
        "[search-data]"]),
    ("kk_yml", "lunr: {lang: [en]}\nproclitics: ال\n", [
        "data/search/kk.yml:2: proclitics must be a list of letter sequences (e.g. [ال, و]), found 'ال' [search-data]"]),
    ("settings_yml", "fields: {title: 1000, text: 1, tags: 20}\nclauses: {exact: 8, folded: 4, stem: 3, synonym: 1}\n", [
        "data/search/settings.yml:2: unknown key 'folded' in clauses (expected one of exact, stem, synonym) [search-data]"]),
], ids=["unknown-lunr-language", "unknown-stemmer", "root-below-two", "fold-key", "broken-yaml", "multiword-synonym",
        "negative-boost", "proclitic-not-a-word", "proclitics-not-a-list", "folded-clause-gone"])
def test_bad_data_is_reported_with_its_line(tmp_path, name, text, expected):
    known = ", ".join(sorted(searchdata.lunr_languages()))
    assert problems(data_root(tmp_path, **{name: text})) == [e.replace("{}", known) for e in expected]


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(list(searchdata.LANG_KEYS) + list(searchdata.RULE_KEYS) + ["x", "lang", "pipeline"]),
        inner, max_size=4),
    max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(st.one_of(YAML_VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)), st.text(max_size=60)))
def test_any_language_file_loads_or_is_reported(tmp_path_factory, text):
    root = data_root(tmp_path_factory.mktemp("data"), kk_yml=text)
    for line in problems(root):
        assert LINE.match(line), line


def test_the_command_line_prints_stems():
    proc = subprocess.run([sys.executable, "-m", "sitekit.stemmer", "kk", "Қауіпсіздігі", "ел"], cwd=ROOT,
                          env=build_env(), capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0, "Қауіпсіздігі\tкауипсиздиги\tкауипсиз\nел\tел\tел\n", "")
    proc = subprocess.run([sys.executable, "-m", "sitekit.stemmer", "zz", "a"], cwd=ROOT, env=build_env(),
                          capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("unknown language 'zz' (mkdocs.yml lists ")


def test_a_build_with_bad_search_data_stops_with_the_messages(tmp_path):
    """The hook reports the data's problems as a configuration error (MkDocs prints it, exits 1)."""
    import types

    import hook_site
    from mkdocs.exceptions import PluginError

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    root = data_root(tmp_path, settings_yml="fields: {title: 1000, text: 1, tags: 20}\nclauses: {exact: 8}\n")
    config = types.SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_url=None, plugins={},
                                   theme={"language": "kk"})
    with pytest.raises(PluginError) as caught:
        hook_site.on_config(config)
    assert str(caught.value).splitlines() == [
        f"data/search/settings.yml:2: clauses.{name} must be a positive number, found None [search-data]"
        for name in ("stem", "synonym")]


def test_a_project_without_search_data_keeps_materials_search(tmp_path):
    """Another publication taking up the engine without data/search/: prefix search as typed, Material's
    field boosts, no synonyms — and no error."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      languages:\n        - {locale: de, default: true, name: Deutsch}\n"
        "        - {locale: fr, name: Français}\n", encoding="utf-8")
    proj = project.load(tmp_path)
    data = searchdata.load(tmp_path, proj.codes)
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}
    merged = {"config": {"fields": fields}, "docs": [{"location": "", "title": "Start", "text": "x"},
                                                     {"location": "fr/", "title": "Début", "text": "y"}]}
    indexes = search.split(merged, proj, data)
    assert {code: [d["location"] for d in index["docs"]] for code, index in indexes.items()} == {"de": [""], "fr": [""]}
    for index in indexes.values():
        config = index["config"]
        assert (config["lang"], config["pipeline"], config["fields"]) == (["en"], [], fields)
        assert config["kit"] == {"stemmer": "none", "lunr": {"lang": ["en"]}, "fold": {}, "lookalikes": {}, "proclitics": [],
                                 "rules": None, "written": [], "stems": {}, "synonyms": [], "clauses": {}}
