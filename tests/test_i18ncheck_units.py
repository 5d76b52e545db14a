"""The translation check's parts: the locale pattern, the front matter fast path, numbers, blocks and
glossary matching."""
from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from i18ncheck import blocks, document, frontmatter, inline
from i18ncheck.glossary import Glossary, Term
from i18ncheck.inline import words

ROOT = Path(__file__).resolve().parents[1]


def test_locale_pattern_is_static_i18ns():
    from mkdocs_static_i18n.config import RE_LOCALE

    assert document.RE_LOCALE.pattern == RE_LOCALE.pattern


@pytest.mark.parametrize("uri, expected", [
    ("article.ru.md", ("article.md", "ru")),
    ("briefs/x.en.md", ("briefs/x.md", "en")),
    ("a.b.kk.md", ("a.b.md", "kk")),
    ("page.pt-BR.md", ("page.md", "pt-BR")),
    ("assets/pic.de.png", ("assets/pic.png", "de")),
    ("file.md", ("file.md", None)),
    ("ru.md", ("ru.md", None)),
    ("assets/app.min.js", ("assets/app.min.js", None)),
    ("x/.ru.md", ("x/.ru.md", None)),
])
def test_split_language(uri, expected):
    assert document.split_language(uri) == expected


# ---------------------------------------------------------------- front matter


def test_fast_path_reads_every_real_page_as_pyyaml_does():
    read = 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
        expected = yaml.safe_load("\n".join(lines[1:close]) + "\n")
        try:
            assert frontmatter._fast(lines[1:close]) == (expected or {}), path
            read += 1
        except frontmatter.Decline:
            assert frontmatter.parse(lines[1:close]) == expected
    assert read


SCALARS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["yes", "No", "null", "~", "2026-11-25", "2026-13-45", "12", "0755", "1.5", "a: b", "a #b",
                     "x:", "'q'", '"q"', "[a, b]", "{a: 1}", "- x", ">-", "Қазақша мәтін", "Qatar's", "C#"]),
)


def _yaml_text(entries) -> list[str]:
    lines = []
    for key, kind, value in entries:
        if kind == "plain":
            lines.append(f"{key}: {value}")
        elif kind == "double":
            lines.append(f'{key}: "{value}"')
        elif kind == "single":
            lines.append(f"{key}: '{value}'")
        elif kind == "flow":
            lines.append(f"{key}: [{', '.join(value)}]")
        elif kind == "block":
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in value]
        else:
            lines.append(f"{key}: {kind}")
            lines += [f"  {row}" if row else "" for row in value]
    return lines


ENTRY = st.tuples(
    st.sampled_from(["title", "tags", "date", "on", "abstract", "kind"]),
    st.sampled_from(["plain", "double", "single", "flow", "block", ">-", ">", "|", "|-"]),
    st.one_of(SCALARS, st.lists(SCALARS, max_size=4)),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ENTRY, max_size=5))
def test_fast_path_agrees_with_pyyaml(entries):
    """The fast path returns what PyYAML returns, or declines; it never returns something else."""
    entries = [(k, kind, v if isinstance(v, list) == (kind in ("flow", "block", ">-", ">", "|", "|-")) else
                ([v] if not isinstance(v, list) else " ".join(v))) for k, kind, v in entries]
    lines = "\n".join(_yaml_text(entries)).split("\n")
    try:
        expected = yaml.safe_load("\n".join(lines) + "\n")
    except (yaml.YAMLError, ValueError):  # ValueError: PyYAML's dates (2026-13-45)
        expected = "error"
    try:
        fast = frontmatter._fast(lines)
    except frontmatter.Decline:
        return
    assert fast == (expected if expected is not None else {})


def test_front_matter_errors_name_their_line():
    doc = document.read("docs/p.kk.md", "p.kk.md", b"---\ntitle: a\ndescription: b: c\n---\n\nText.\n")
    assert doc.meta_error == (3, "front matter is not valid yaml: mapping values are not allowed in this context")
    assert doc.nodes[0].line == 6
    doc = document.read("docs/p.kk.md", "p.kk.md", b"---\ntitle: a\ndate: 2026-13-45\n---\n\nText.\n")
    assert doc.meta_error == (3, "front matter has an impossible date (month must be in 1..12)")
    assert frontmatter.parse(["date: 2026-11-25", "tags: [a, b]"]) == {
        "date": datetime.date(2026, 11, 25), "tags": ["a", "b"]}


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("kk, ru, en", [
    ("1,23 млрд", "1,23 млрд", "1.23 billion"),
    ("100 000", "100\u00a0000", "100,000"),
    ("100 мың", "100 тыс.", "100 thousand"),
    ("945 миллион", "945 миллионов", "945 million"),
    ("әр 6-шы", "каждый 6-й", "every 6th"),
    ("76%", "76 %", "76%"),
    ("2013 жылы", "в 2013 году", "in 2013"),
    ("XXI ғасыр", "ХХI век", "21st century"),
    ("ХХІ ғасыр", "XXI век", "the 21st-century"),
    ("7,21", "7,21", "7.21"),
])
def test_numbers_compare_by_value_across_conventions(kk, ru, en):
    values = {lang: [v for v, _, _ in inline.numbers(text, lang)] for lang, text in (("kk", kk), ("ru", ru), ("en", en))}
    assert values["kk"] == values["ru"] == values["en"] != []


def pairs(text: str, lang: str) -> list:
    return [(value, written) for value, written, _ in inline.numbers(text, lang)]


@pytest.mark.parametrize("one_line, wrapped, lang", [
    ("757 million", "757\nmillion", "en"), ("1,23 млрд", "1,23\nмлрд", "kk"), ("100 000", "100\n000", "ru"),
    ("2.5 billion", "2.5\nbn", "en"),
])
def test_reflowed_numbers_read_the_same(one_line, wrapped, lang):
    """A number and its unit split across lines is the number on one line (issue 10, item 4)."""
    assert [v for v, _, _ in inline.numbers(wrapped, lang)] == [v for v, _, _ in inline.numbers(one_line, lang)] != []


@pytest.mark.parametrize("arabic, western", [
    ("٢٠١٣", "2013"), ("۱۲۳", "123"), ("١٫٢٣ مليار", "1.23 billion"), ("١٠٠٬٠٠٠", "100,000"), ("٧٦٪", "76%"),
])
def test_arabic_indic_and_persian_digits_read_as_western(arabic, western):
    assert [v for v, _, _ in inline.numbers(arabic, "ar")] == [v for v, _, _ in inline.numbers(western, "en")] != []


def test_numbers_keep_their_written_form_and_values():
    assert pairs("1,5 и 2,000.5; mid-2013, COVID-19; I, MIX, VI", "en") == [
        (1, "1"), (5, "5"), (Decimal("2000.5"), "2,000.5"), (2013, "2013"), (19, "19"), (6, "VI")]
    assert pairs("1,5 және 2011, 2012", "kk") == [(Decimal("1.5"), "1,5"), (2011, "2011"), (2012, "2012")]
    assert pairs("шестой, six, алты", "ru") == []
    assert [offset for _, _, offset in inline.numbers("a 12 b\n3,5", "kk")] == [2, 7]


def test_inline_extraction():
    found = inline.extract("See ![img](a.png \"t\") [the article](../article.md#x) [1], [2, 3], [^n] "
                           "`code 5` 1,23 млрд <https://example.org/7> {#id}", "ru")
    assert found.targets == ("a.png", "../article.md#x", "https://example.org/7")
    assert found.markers == ("[1]", "[2,3]", "[^n]")
    assert found.code == ("code 5",)
    assert found.numbers == ((1230000000, "1,23 млрд"),)
    assert "the article" in found.words and "example" not in found.words


# ---------------------------------------------------------------- blocks


def kinds(text: str) -> list[tuple]:
    nodes, _ = blocks.parse(text.split("\n"), 1)
    return [(n.kind, n.line, n.depth) for n in nodes]


def test_block_sequence():
    text = ("## Title {#t}\n\nPara\nstill para\n# Heading interrupts {#h}\n\n- a\n- b\n\n    nested para\n\n"
            "1. one\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n!!! note \"T\"\n\n    inside\n\n```py\n# not a heading\n```\n\n"
            "    indented code\n\nSetext\n---\n\n***\n\n[^1]: note\n    more\n\n![img](x.png)\n\n<div>html</div>\n")
    assert kinds(text) == [
        ("heading", 1, 0), ("paragraph", 3, 0), ("heading", 5, 0),
        ("list", 7, 0), ("item", 7, 1), ("paragraph", 7, 2), ("item", 8, 1), ("paragraph", 8, 2),
        ("paragraph", 10, 2), ("item", 12, 1), ("paragraph", 12, 2),
        ("table", 14, 0), ("admonition", 18, 0), ("paragraph", 20, 1), ("code", 22, 0), ("code", 26, 0),
        ("heading", 28, 0), ("rule", 31, 0), ("footnote", 33, 0), ("paragraph", 33, 1), ("image", 36, 0),
        ("html", 38, 0),
    ]
    nodes, _ = blocks.parse(text.split("\n"), 1)
    assert (nodes[0].level, nodes[0].anchor, nodes[0].text) == (2, "t", "Title")
    assert (nodes[3].ordered, nodes[3].count) == (False, 3)
    assert (nodes[11].rows, nodes[11].cols) == (2, 2)
    assert (nodes[12].name, nodes[12].text) == ("note", "T")
    assert nodes[14].name == "py"
    assert (nodes[16].level, nodes[16].text) == (2, "Setext")


def test_waivers_bind_to_the_next_block():
    text = "<!-- i18n-waive: numbers: a reason -->\n<!-- i18n-waive: terminology:  two  words -->\nPara\nmore\n\n<!-- plain comment -->\n\nNext\n\n<!-- i18n-waive: numbers -->"
    nodes, waivers = blocks.parse(text.split("\n"), 10)
    assert [(n.kind, n.line) for n in nodes] == [("paragraph", 12), ("paragraph", 17)]
    assert waivers == [blocks.Waiver(10, "numbers", "a reason", 12, 13),
                       blocks.Waiver(11, "terminology", "two words", 12, 13),
                       blocks.Waiver(19, "numbers", "", None, None)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-*#>!?|`~ \n\t1.[]^:abc{}<>=", max_size=200))
def test_parser_never_fails(text):
    nodes, waivers = blocks.parse(text.split("\n"), 1)
    assert all(1 <= n.line <= n.end <= text.count("\n") + 1 for n in nodes)


# ---------------------------------------------------------------- glossary


def test_glossary_matching():
    term = Term("e-diplomacy", {"kk": "электрондық дипломатия", "en": "e-diplomacy"},
                {"kk": (tuple(words("электрондық дипломат")),), "en": (tuple(words("e-diploma")), ("ediploma",))})
    glossary = Glossary([term])
    assert glossary.find("Электрондық Дипломатия туралы", "kk") == [term]
    assert glossary.find("дипломатия электрондық", "kk") == []
    assert glossary.matches(term, words("The E-Diplomacy office"), "en")
    assert glossary.matches(term, words("eDiplomacy"), "en")
    assert not glossary.matches(term, words("e mail diplomacy"), "en")


# ---------------------------------------------------------------- robustness

FIXTURES = Path(__file__).parent / "i18ncheck"


@settings(max_examples=80, deadline=None)
@given(data=st.one_of(st.binary(max_size=300),
                      st.text(max_size=300).map(lambda t: ("---\ntitle: x\n---\n" + t).encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_findings_not_tracebacks(data):
    import shutil
    import tempfile

    from i18ncheck import engine
    from i18ncheck.tree import Tree, load_context
    from sitekit import project

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "clean"
        shutil.copytree(FIXTURES / "clean", root)
        (root / "docs" / "article.ru.md").write_bytes(data)
        proj = project.load(root)
        findings = engine.run(Tree(proj), load_context(proj))
        assert all(f.path.startswith(("docs/", "data/")) and f.line >= 1 for f in findings)


def test_a_language_in_progress_may_lack_glossary_entries_and_tag_labels(tmp_path):
    """A language declared in progress (mkdocs.yml) is not held to a complete glossary or tag vocabulary;
    every other language is."""
    from i18ncheck import glossary as glossary_module
    from i18ncheck.tree import load_tags

    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - id: x\n    kk: {term: а}\n    en: {term: b}\n    definition: {kk: А., en: B.}\n",
                    encoding="utf-8")
    assert glossary_module.load(path, ("kk", "en", "ar"), "g", ("ar",)).problems == []
    assert glossary_module.load(path, ("kk", "en", "ar"), "g").problems == [
        (2, "term x has no ar term (write ar: {term: ..., match: [...]})")]
    tags = tmp_path / "tags.yml"
    tags.write_text("qatar: {kk: Қатар, en: Qatar}\n", encoding="utf-8")
    assert load_tags(tags, ("kk", "en", "ar"), ("ar",)) == ({"qatar": {"kk": "Қатар", "en": "Qatar"}}, [])
    assert load_tags(tags, ("kk", "en", "ar"))[1] == [(1, "tag qatar has no ar label (readers would see the id qatar)")]


# ---------------------------------------------------------------- raw HTML links (probe D3)

URL = st.from_regex(r"\A(https?://[a-z]{1,8}\.example(/[a-z0-9._-]{0,10}){0,2}|[a-z]{1,8}\.(png|md|gif))\Z")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(url=URL, tag=st.sampled_from(["a", "img", "source", "area", "iframe", "video"]),
       attr=st.sampled_from(["href", "src", "HREF", "poster", "srcset", "data"]),
       quote=st.sampled_from(['"', "'", ""]), before=st.sampled_from([" ", "/", ' class="x" ']),
       lang=st.sampled_from(["kk", "ru", "en", "ar"]))
def test_a_url_in_raw_html_is_a_link_target(url, tag, attr, quote, before, lang):
    """<a href>, <img src> and their kin lead somewhere as a Markdown link does: the target is compared."""
    text = f"Text 2013 [1]. <{tag}{before}{attr}={quote}{url}{quote}>x</{tag}> more."
    found = inline.extract(text, lang)
    assert found.targets == (url,)
    assert found.markers == ("[1]",) and 2013 in found.values
