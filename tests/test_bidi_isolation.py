"""Left-to-right runs inside right-to-left text are isolated, as a typesetter would set them.

In a right-to-left page (Arabic), a Kazakh phrase in Cyrillic, an English title or a Latin name that stands
inside the Arabic sentence is written as ``<bdi lang="…">…</bdi>`` in the Markdown, the Arabic quotation
marks, brackets and commas around it outside: the run is then laid out on its own and cannot pull the
neighbouring punctuation and numbers into its direction («…»، (2013)). A run that opens its paragraph or
list item (a reference in Latin letters) needs no isolation: nothing right-to-left precedes it.
The right-to-left languages are those of ``mkdocs.yml`` whose script CLDR writes right to left.
The built pages are read for unisolated runs; in Chromium, the glyphs are measured: a quoted Kazakh saying
sits between its quotation marks, a year in brackets after a Latin title stands to the title's left.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
FOREIGN = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]")
RTL_LETTER = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
BLOCKS = {"p", "li", "td", "th", "dd", "dt"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


def rtl_languages() -> list[str]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        plugins = yaml_load(fh)["plugins"]
    (i18n,) = [item["i18n"] for item in plugins if isinstance(item, dict) and "i18n" in item]
    codes = [language["locale"] for language in i18n["languages"]]
    return [code for code in codes if Locale.parse(code).character_order == "right-to-left"]


def written_pages(lang: str) -> list[tuple[Path, str]]:
    """(source, built page) of the article and every brief written or translated in ``lang``."""
    sources = [ROOT / "docs" / f"article.{lang}.md"] + sorted((ROOT / "docs" / "briefs").glob(f"*.{lang}.md"))
    pages = []
    for source in sources:
        if not source.is_file() or source.name == f"index.{lang}.md":
            continue
        folder = source.relative_to(ROOT / "docs").parent / source.name[: -len(f".{lang}.md")]
        pages.append((source, f"{lang}/{folder.as_posix()}/index.html"))
    return pages


class _Runs(HTMLParser):
    """Collects the left-to-right words of the page's Markdown text that follow right-to-left text in their
    block without an isolating ancestor (``<bdi>`` or any element with ``dir``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, isolates, skipped)
        self.blocks: list[list[bool]] = []  # per open block: has right-to-left text been seen
        self.in_article = False
        self.unisolated: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        if tag in VOID:
            return
        # template parts (notices, metadata, tags, the citation block) carry classes; Markdown's own text does not
        skipped = self.in_article and tag != "article" and (
            tag in {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "script", "style", "svg"}
            or ("class" in attrs and tag in {"p", "ul", "ol", "dl", "div", "section", "nav", "a"}))
        self.stack.append((tag, self.in_article and (tag == "bdi" or "dir" in attrs), skipped))
        if tag in BLOCKS:
            self.blocks.append([False])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if tag in VOID:
            return
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag in BLOCKS and self.blocks:
                self.blocks.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.in_article or not self.blocks or any(skip for _, _, skip in self.stack):
            return
        isolated = any(iso for _, iso, _ in self.stack)
        seen = self.blocks[-1]
        for word in re.findall(r"\S+", data):
            if not seen[0] and RTL_LETTER.search(word) and not FOREIGN.search(word):
                seen[0] = True
            elif FOREIGN.search(word) and seen[0] and not isolated:
                self.unisolated.append(word)
            elif RTL_LETTER.search(word):
                seen[0] = True


def unisolated_runs(html: str) -> list[str]:
    parser = _Runs()
    parser.feed(html)
    return parser.unisolated


@pytest.mark.parametrize("fragment, expected", [
    ("<article><p>من ملف PDF، ثم</p></article>", ["PDF،"]),
    ("<article><p>من ملف <bdi lang=\"en\">PDF</bdi>، ثم</p></article>", []),
    ("<article><p>المثل «<bdi lang=\"kk\">Аңдап басқан</bdi>»</p></article>", []),
    ("<article><p>المثل «Аңдап басқан»</p></article>", ["«Аңдап", "басқан»"]),
    ("<article><ul><li>Nye, <em>Bound to Lead</em>، 1990</li></ul></article>", []),
    ("<article><ul><li>كتاب <em>Bound to Lead</em>، 1990</li></ul></article>", ["Bound", "to", "Lead"]),
    ("<article><p>نص <span dir=\"ltr\">Twitter</span></p><p>Twitter أولًا</p></article>", []),
    ("<article><p class=\"page-meta\">نشر PDF</p></article><p>خارج PDF</p>", []),
    ("<body dir=\"rtl\"><div class=\"md-content\"><article class=\"md-typeset\"><p>من ملف PDF</p></article></div></body>", ["PDF"]),
])
def test_the_rule_on_fragments(fragment, expected):
    assert unisolated_runs(fragment) == expected


def test_there_is_a_right_to_left_edition():
    assert rtl_languages(), "mkdocs.yml lists no right-to-left language: this file tests nothing"


@pytest.mark.parametrize("lang", rtl_languages())
def test_left_to_right_runs_inside_right_to_left_text_are_isolated(site_build, lang):
    pages = written_pages(lang)
    assert pages
    found = {}
    for source, page in pages:
        runs = unisolated_runs((site_build.dir / page).read_text(encoding="utf-8"))
        if runs:
            found[source.relative_to(ROOT).as_posix()] = runs
    assert found == {}


@pytest.mark.parametrize("lang", rtl_languages())
def test_the_kazakh_sayings_in_the_translators_notes_are_isolated_inside_their_quotation_marks(site_build, lang):
    page = (site_build.dir / lang / "article" / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<em class="translator-note">(.*?)</em>', page, re.S)
    quoted = [q for note in notes for q in re.findall(r"«([^«»]*[\u0400-\u04FF][^«»]*)»", note)]
    assert quoted, "the translator's notes quote no Kazakh phrase"
    for phrase in quoted:
        assert re.fullmatch(r'<bdi lang="kk">[^<]+</bdi>', phrase), phrase


# What a reader sees: in the rendered Arabic article the Kazakh saying reads left to right, and the Arabic
# quotation marks around it stay on its sides as Arabic sets them: « (which opens) to the right of the
# phrase, » (which closes) to its left. Measured on the glyphs in Chromium, with the note kept on one line.
GEOMETRY = """() => {
  const rect = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start); range.setEnd(node, end);
    const r = range.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const out = [];
  for (const bdi of document.querySelectorAll('article bdi[lang]')) {
    const before = bdi.previousSibling, after = bdi.nextSibling, text = bdi.firstChild;
    if (!before || !after || before.nodeType !== 3 || after.nodeType !== 3 || !text || text.nodeType !== 3) continue;
    if (!before.data.endsWith('«') || !after.data.startsWith('»')) continue;
    bdi.parentElement.style.whiteSpace = 'nowrap';  // one line: where a long note wraps is not the point
    const words = text.data;
    out.push({
      phrase: words,
      bidi: getComputedStyle(bdi).unicodeBidi,
      open: rect(before, before.data.length - 1, before.data.length),
      close: rect(after, 0, 1),
      first: rect(text, 0, 1),
      last: rect(text, words.length - 1, words.length),
    });
  }
  return out;
}"""


@pytest.mark.parametrize("lang", rtl_languages())
def test_a_reader_sees_the_quoted_phrase_left_to_right_between_its_quotation_marks(page, served_site, lang):
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(served_site.url(f"{lang}/article/"))
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    quoted = page.evaluate(GEOMETRY)
    assert len(quoted) >= 2, quoted
    for q in quoted:
        assert q["bidi"] == "isolate", q
        same_line = max(q["open"]["top"], q["close"]["top"], q["first"]["top"]) < min(
            q["open"]["bottom"], q["close"]["bottom"], q["first"]["bottom"])
        assert same_line, q
        assert q["first"]["left"] < q["last"]["left"], q  # the phrase itself reads left to right
        assert q["open"]["left"] >= q["last"]["right"] - 0.5, q  # « on the right of the phrase
        assert q["close"]["right"] <= q["first"]["left"] + 0.5, q  # » on its left


# A title in Latin letters followed by its year in brackets: in Arabic order the year comes after the title,
# that is to its left. Without the isolation the year joins the title's left-to-right run and shows on its right.
YEAR_AFTER_TITLE = r"""() => {
  const out = [];
  for (const bdi of document.querySelectorAll('article bdi')) {
    const after = bdi.nextSibling;
    if (!after || after.nodeType !== 3 || !/^ \(\d{4}\)/.test(after.data)) continue;
    bdi.parentElement.style.whiteSpace = 'nowrap';
    const range = document.createRange();
    range.setStart(after, 1); range.setEnd(after, 7);
    const year = range.getBoundingClientRect(), title = bdi.getBoundingClientRect();
    out.push({title: bdi.textContent, year: after.data.slice(1, 7), yearRight: year.right, titleLeft: title.left});
  }
  return out;
}"""


@pytest.mark.parametrize("lang", rtl_languages())
def test_a_year_after_a_latin_title_reads_after_it_right_to_left(page, served_site, lang):
    page.set_viewport_size({"width": 1600, "height": 1000})
    found = []
    for _, built in written_pages(lang):
        page.goto(served_site.url(built.removesuffix("index.html")))
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        found += page.evaluate(YEAR_AFTER_TITLE)
    assert len(found) >= 4, found
    misplaced = [f for f in found if f["yearRight"] > f["titleLeft"] + 0.5]
    assert misplaced == []
