"""The article's PDF galleys: on the built site (``site_build`` typesets them once per session) and, for
the library, on tiny inputs (a right-to-left galley, the cache, the font data's errors).

Expected values come from the article's front matter and Markdown, never from the code under test. PDFs
are read with pypdf (structure, metadata, fonts) and pdfminer.six (the text a reader copies).
"""
from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from sitekit import galley, messages, project
from sitekit.labels import labels

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
# The languages the article is written or translated in (a pending translation has no file and no PDF).
LANGS = [lang.code for lang in PROJECT.languages if (ROOT / "docs" / f"article.{lang.code}.md").exists()]
KAZAKH_LETTERS = "әғқңөұүһі"
EPOCH = "1764028800"  # conftest's default SOURCE_DATE_EPOCH: 2025-11-25 00:00:00 UTC


def source(lang: str) -> tuple[dict, str]:
    body, meta = get_data((ROOT / "docs" / f"article.{lang}.md").read_text(encoding="utf-8"))
    return meta, body


def pdf_path(site_build, lang: str) -> Path:
    return site_build.dir / PROJECT.language(lang).prefix / "article" / f"article-{lang}.pdf"


def flat(text: str) -> str:
    """Text with line breaks, hyphens, runs of white space and combining marks (Arabic harakat, which an
    extractor may set apart from their letter) taken out, for comparing across lines."""
    text = "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", re.sub(r"[-‐\u00ad]", "", text)).replace(" ", "")


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(expected: str, text: str, lang: str) -> bool:
    """``expected`` is in the flattened extracted ``text``: whole, or for a right-to-left language, whose
    extractor may order the lines of a paragraph that mixes scripts differently, word by word."""
    if messages.direction(lang) != "rtl":
        return flat(expected) in text
    words = (re.sub(r"[^\w]", "", flat(word)) for word in expected.split())
    letters = re.sub(r"[^\w]", "", text)
    return all(word in letters for word in words if word)


def has_marker(n: int, text: str, lang: str) -> bool:
    """The reference marker [n] in the flattened text; drawn right to left, the extractor gives a marker
    with the punctuation after it as it is drawn ("[1]." as "[.]1")."""
    if messages.direction(lang) != "rtl":
        return f"[{n}]" in text
    return re.search(rf"\[{n}\]|\]{n}\[|\[[^\w\s]?\]{n}(?!\d)", text) is not None


def reader_text(data: bytes, lang: str, page: int | None = None) -> str:
    """The text a reader copies from the PDF (``page``: 0-based, None: all). pdfminer.six gives glyphs in
    the order they are drawn, which for a right-to-left language is the reverse of the reading order;
    poppler's pdftotext reorders right-to-left text into reading order, as PDF readers do."""
    if messages.direction(lang) != "rtl":
        return extract_text(io.BytesIO(data), page_numbers=None if page is None else [page])
    pages = [] if page is None else ["-f", str(page + 1), "-l", str(page + 1)]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, "-", "-"], input=data, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return BIDI_CONTROLS.sub("", out)


def plain(markdown: str) -> str:
    """Markdown as the text a reader sees (comments, inline tags such as <bdi>, emphasis, code marks and
    heading ids removed)."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"</?[A-Za-z][\w-]*(?:\s[^>]*)?>", "", text)  # not an autolink <https://…>
    text = re.sub(r"\{#[^}]*\}", "", text)
    return re.sub(r"[`*_#]", "", text)


@pytest.fixture(scope="module")
def pdfs(site_build) -> dict[str, bytes]:
    return {lang: pdf_path(site_build, lang).read_bytes() for lang in LANGS}


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, str]:
    return {lang: reader_text(data, lang) for lang, data in pdfs.items()}


def test_every_language_of_the_article_has_a_galley():
    assert LANGS and PROJECT.default.code in LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_is_beside_the_page_and_linked_from_it(site_build, lang):
    assert pdf_path(site_build, lang).is_file()
    page = (site_build.dir / PROJECT.language(lang).prefix / "article" / "index.html").read_text(encoding="utf-8")
    url = site_build.url(PROJECT.language(lang).prefix + "article/") + f"article-{lang}.pdf"
    assert re.findall(r'<meta name="citation_pdf_url" content="([^"]+)"', page) == [url]
    section = page[page.index('<section class="citation"'):]
    t = labels(lang)
    assert (f'<a class="md-button" href="article-{lang}.pdf" type="application/pdf" download>{t["pdf"]}</a> '
            f'<span class="citation__pdf-note">{t["pdf_title"]}</span>') in section


@pytest.mark.parametrize("lang", LANGS)
def test_typeset_on_a4_over_several_pages(pdfs, lang):
    reader = PdfReader(io.BytesIO(pdfs[lang]))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


@pytest.mark.parametrize("lang", LANGS)
def test_tagged_and_described_in_the_page_language(pdfs, lang):
    reader = PdfReader(io.BytesIO(pdfs[lang]))
    meta, _ = source(lang)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    info = reader.metadata
    assert info.title == meta["title"]
    assert info.author == meta["author_position"]
    assert info.subject == " ".join(str(meta["abstract"]).split())
    assert info["/Keywords"] == "; ".join(meta["keywords"])
    # dates from SOURCE_DATE_EPOCH (the build's: conftest's default, or the Makefile's last commit), never the clock
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", EPOCH))
    stamp = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).strftime("D:%Y%m%d%H%M%S")
    assert info["/CreationDate"].startswith(stamp) and info["/ModDate"] == info["/CreationDate"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp and meta["title"] in xmp


def fonts_of(reader: PdfReader) -> list[dict]:
    found, seen = [], set()

    def walk(resources):
        resources = resources.get_object() if isinstance(resources, IndirectObject) else resources
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                found.append(font)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if "/Resources" in xobject:
                walk(xobject["/Resources"])

    for page in reader.pages:
        if "/Resources" in page:
            walk(page["/Resources"])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_and_maps_to_unicode(pdfs, lang):
    fonts = fonts_of(PdfReader(io.BytesIO(pdfs[lang])))
    assert fonts
    for font in fonts:
        descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for descendant in descendants:
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
        assert "/ToUnicode" in font, font["/BaseFont"]
        # the galley's own families (data/galley.yml), never a system font found by chance
        assert "+Galley-" in font["/BaseFont"], font["/BaseFont"]


@pytest.mark.parametrize("lang", LANGS)
def test_front_matter_as_the_page_shows_it(texts, lang):
    text, meta, t = flat(texts[lang]), source(lang)[0], labels(lang)
    for expected in (meta["title"], meta["author_position"], t["edition_date"], t["abstract"],
                     str(meta["abstract"]), t["keywords"], *meta["keywords"]):
        assert shown(expected, text, lang), expected
    # the title comes first, above the author's position and the abstract
    assert text.index(flat(meta["title"])) < text.index(flat(meta["author_position"])) < text.index(
        flat(str(meta["abstract"]).split()[0]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_body_opening_sentence_markers_figures_and_notes(texts, lang):
    text, (meta, body) = flat(texts[lang]), source(lang)
    first = plain(body.strip().split("\n\n")[0])
    opening = re.split(r"(?<=[.!?])\s", first)[0]
    assert shown(opening, text, lang)
    assert [f"[{n}]" for n in range(1, 6) if not has_marker(n, text, lang)] == []
    figures = set(re.findall(r"\d+(?:[.,]\d+)*%?", plain(body)))
    # drawn right to left, a percentage's sign is extracted before its digits ("76%" as "%76")
    rtl_form = (lambda f: "%" + f[:-1] if f.endswith("%") else f) if messages.direction(lang) == "rtl" else str
    assert figures and sorted(f for f in figures if f not in text and rtl_form(f) not in text) == []
    # the references note and the editors' note, with their headings
    for heading in re.findall(r"^## (.+?) \{#(?:references|editors-note)\}", body, re.M):
        assert shown(heading, text, lang)
    last = plain(body.strip().split("\n\n")[-1])
    assert shown(last, text, lang)


def test_kazakh_letters_are_drawn_and_extractable(texts):
    text = texts[PROJECT.default.code]
    meta, body = source(PROJECT.default.code)
    sayings = re.findall(r"«([^«»]+)»", body)
    assert "Аңдап басқан жаңылмас" in sayings  # the article's own saying, with ң and қ
    assert "Аңдап басқан жаңылмас" in " ".join(text.split())
    assert set(KAZAKH_LETTERS) <= set(text.lower())
    for lang in LANGS:  # every PDF gives back the Kazakh letters its source has (the editors' notes quote some)
        letters = set(KAZAKH_LETTERS) & set(source(lang)[1].lower())
        assert letters <= set(texts[lang].lower()), lang


@pytest.mark.parametrize("lang", LANGS)
def test_running_head_and_page_numbers(pdfs, lang):
    reader = PdfReader(io.BytesIO(pdfs[lang]))
    pages = [reader_text(pdfs[lang], lang, i) for i in range(len(reader.pages))]
    count = len(pages)
    meta, _ = source(lang)
    name = PROJECT.language(lang).name
    for number, page in enumerate(pages, 1):
        if messages.direction(lang) == "rtl":  # "n / N" set right to left: the extractor gives its digits as drawn
            assert f"{number}/{count}" in flat(page) or f"{count}/{number}" in flat(page)
        else:
            assert f"{number} / {count}" in page
        if number > 1:
            assert name in page and flat(meta.get("short_title") or meta["title"]) in flat(page)
    # no running head on the first page: nothing stands above the title
    assert pages[0].strip().startswith(meta["title"].split()[0])


@pytest.mark.parametrize("lang", LANGS)
def test_hyphenation_only_with_a_dictionary(texts, lang):
    """A line that ends in a hyphen is either a word the source hyphenates itself or, where pyphen has a
    dictionary for the language, a hyphenation; without a dictionary the text is never hyphenated."""
    _, body = source(lang)
    words = set(re.findall(r"\w+-\w+", body))
    broken = re.findall(r"(\w+)[-‐]\n(\w+)", texts[lang])
    invented = [f"{a}-{b}" for a, b in broken if f"{a}-{b}" not in words]
    if galley.hyphenates(lang):
        assert invented, "a language with a dictionary is hyphenated"
    else:
        assert invented == []


# --- the library on tiny inputs ---------------------------------------------------------------------------

def tiny(lang: str, **changes) -> galley.Galley:
    fields = dict(
        lang=lang, title="الدبلوماسية الرقمية", short_title="الدبلوماسية", author="السكرتير الثاني",
        author_label="المؤلف", edition_label="تاريخ هذه الطبعة الإلكترونية", edition_date=datetime.date(2026, 11, 25),
        edition_text="25 نوفمبر 2026", url_label="العنوان", url="https://example.org/ar/article/",
        abstract_label="ملخص", abstract="وسائل التواصل الاجتماعي في قطر.", keywords_label="الكلمات المفتاحية",
        keywords=("قطر", "الدبلوماسية"), running_language="العربية",
        body_html="<p>تستخدم دولة قطر وسائل التواصل الاجتماعي في الدبلوماسية [1].</p>" * 3,
    )
    fields.update(changes)
    return galley.Galley(**fields)


CREATED = datetime.datetime(2025, 11, 25, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope="module")
def fonts() -> galley.Fonts:
    return galley.load_fonts(ROOT / "data" / "galley.yml", "data/galley.yml")


def test_language_facts_come_from_cldr_and_pyphen():
    assert [(galley.script_of(c), galley.direction_of(c)) for c in ("ar", "kk", "en")] == [
        ("Arab", "rtl"), ("Cyrl", "ltr"), ("Latn", "ltr")]
    assert (galley.script_of("qqq"), galley.direction_of("qqq")) == ("", "ltr")
    assert galley.hyphenates("en") and not galley.hyphenates("kk")  # pyphen has no Kazakh dictionary


def test_right_to_left_galley(fonts, tmp_path):
    html = galley.document(tiny("ar"), fonts, CREATED)
    assert '<html lang="ar" dir="rtl">' in html
    assert "@top-right { content: \"الدبلوماسية\"" in html and "@top-left { content: \"العربية\"" in html
    pdf = galley.typeset(html, base_url="https://example.org/ar/article/", fonts=fonts)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert {f["/BaseFont"].split("+")[1] for f in fonts_of(reader)} >= {"Galley-Noto-Naskh-Arabic"}
    text = extract_text(io.BytesIO(pdf))
    # pdfminer gives right-to-left lines in visual order; the letters themselves are the text's (joined
    # forms map back to the base letters)
    for word in ("الدبلوماسية", "قطر", "الاجتماعي"):
        assert word in text or word[::-1] in text, word


def test_the_cache_typesets_only_what_changed(fonts, tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = galley.publish(tiny("ar"), fonts, site / "a.pdf", cache=cache, created=CREATED)
    again = galley.publish(tiny("ar"), fonts, site / "b.pdf", cache=cache, created=CREATED)
    changed = galley.publish(tiny("ar", abstract="نص آخر."), fonts, site / "c.pdf", cache=cache, created=CREATED)
    assert (first, again, changed) == (True, False, True)
    assert (site / "a.pdf").read_bytes() == (site / "b.pdf").read_bytes() != (site / "c.pdf").read_bytes()
    assert len(list(cache.glob("*.pdf"))) == 2


def test_nothing_is_fetched_from_the_network(fonts):
    html = galley.document(tiny("ar", body_html='<p>نص <img src="https://example.org/x.png" alt="x"></p>'),
                           fonts, CREATED)
    fetcher = galley._fetcher_class()(frozenset(fonts.paths()), "https://example.org/", None)
    with pytest.raises(ValueError, match="not fetched"):
        fetcher.fetch("https://example.org/x.png")
    with pytest.raises(ValueError, match="not fetched"):
        fetcher.fetch("file:///etc/passwd")
    assert galley.typeset(html, base_url="https://example.org/ar/article/", fonts=fonts).startswith(b"%PDF-")


def test_file_name_and_css_strings():
    assert galley.file_name("article/", "kk") == "article-kk.pdf"
    assert galley.file_name("", "en") == "index-en.pdf"
    assert galley.css_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\A d"'


FONT_ERRORS = [
    ("[]", "data/galley.yml: expected a mapping with 'scripts' and 'families'"),
    ("scripts: {Latn: x}\nfamilies: {}", "data/galley.yml: 'families' must map a family id to its name and files"),
    ("scripts: {Latn: x}\nfamilies: {x: {name: X, package: p, files: {bold: /a.ttf}}}",
     "data/galley.yml: family 'x' needs 'files' with at least 'regular'"),
    ("scripts: {Latn: y}\nfamilies: {x: {name: X, package: p, files: {regular: /a.ttf}}}",
     "data/galley.yml: script 'Latn' names family 'y', which 'families' lacks"),
    ("scripts: {Latn: x}\nfamilies: {x: {name: X, package: p, files: {regular: a.ttf}}}",
     "data/galley.yml: family 'x' face 'regular' must be an absolute file path"),
    ("scripts: {Latn: x}\nfamilies: {x: {name: 'X\"}', package: p, files: {regular: /a.ttf}}}",
     "data/galley.yml: family 'x' has a name with a character CSS cannot take ('X\"}')"),
    ("scripts: {Latn: x}\nfamilies: {x: {name: X, files: {regular: /a.ttf}}}",
     "data/galley.yml: family 'x' needs 'package', the Debian package of its files"),
    ("scripts: [\n", "data/galley.yml:2: not valid YAML (did not find expected node content)"),
]


@pytest.mark.parametrize("text, message", FONT_ERRORS)
def test_font_data_errors_name_the_file_and_the_fix(tmp_path, text, message):
    path = tmp_path / "galley.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(galley.GalleyError) as error:
        galley.load_fonts(path, "data/galley.yml")
    assert str(error.value) == message


def test_a_missing_font_file_names_its_package(tmp_path):
    path = tmp_path / "galley.yml"
    path.write_text("scripts: {Latn: x}\nfamilies: {x: {name: X, package: fonts-x, files: {regular: /nowhere/x.ttf}}}",
                    encoding="utf-8")
    assert galley.missing_files(galley.load_fonts(path)) == [
        "/nowhere/x.ttf: font file missing (install Debian's fonts-x: apt-get install fonts-x)"]


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["scripts", "families", "x"]), yaml_values, max_size=3))
def test_any_font_data_loads_or_is_a_clear_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fonts") / "galley.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        galley.load_fonts(path, "data/galley.yml")
    except galley.GalleyError as exc:
        assert str(exc).startswith("data/galley.yml")


# --- the preview: an edit elsewhere does not typeset the article again ------------------------------------

@pytest.mark.slow
def test_an_edit_to_a_brief_does_not_typeset_the_article_again(site_build, tmp_path):
    """What `make serve` does on a save: a rebuild with the same galley cache. The session's build filled
    the cache; a copy of the project with one brief edited builds again and copies every PDF from it."""
    import shutil
    import subprocess
    import sys

    from conftest import build_env

    project_copy = tmp_path / "project"
    for name in ("docs", "data", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project_copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", project_copy / "mkdocs.yml")
    other = next(lang for lang in PROJECT.languages if not lang.default)  # edit a translation: no check fails
    brief = sorted((project_copy / "docs" / "briefs").glob(f"*.{other.code}.md"))[0]
    # the edit: the first paragraph gets a sentence made of its own first words (in its own language and
    # alphabet, without figures, so the check still passes)
    lines = brief.read_text(encoding="utf-8").split("\n")
    body_start = lines.index("---", 1) + 1
    at = next(i for i in range(body_start, len(lines)) if lines[i].strip() and lines[i][0] not in "#-<|>*!`")
    words = [w for w in re.findall(r"\w+", lines[at]) if not any(c.isdigit() for c in w)][:4]
    edit = " ".join(words).capitalize() + "."
    lines[at] += " " + edit
    brief.write_text("\n".join(lines), encoding="utf-8")
    before = sorted(p.name for p in site_build.galley_cache.glob("*.pdf"))
    dest = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(dest)],
        cwd=project_copy, capture_output=True, text=True,
        env=build_env(SITE_URL=site_build.site_url, REPO_URL="https://github.com/example-owner/example-repo",
                      EDIT_URI="edit/main/docs/", GALLEY_CACHE=str(site_build.galley_cache),
                      PYTHONPATH=str(project_copy / "scripts")),
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line.split("galley: ", 1)[1] for line in proc.stderr.splitlines() if "galley: " in line]
    assert sorted(lines) == sorted(f"{PROJECT.language(lang).prefix}article/article-{lang}.pdf unchanged, "
                                   "copied from the cache" for lang in LANGS)
    assert sorted(p.name for p in site_build.galley_cache.glob("*.pdf")) == before
    for lang in LANGS:
        assert (dest / PROJECT.language(lang).prefix / "article" / f"article-{lang}.pdf").read_bytes() == \
            pdf_path(site_build, lang).read_bytes()
    page = dest / other.prefix / "briefs" / brief.name.split(".")[0] / "index.html"
    assert edit in page.read_text(encoding="utf-8")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40))
def test_any_title_is_one_css_string_in_the_running_head(title):
    """A short title or language line with quotes, backslashes or line breaks stays one CSS string."""
    import tinycss2

    tokens = [t for t in tinycss2.parse_component_value_list(galley.css_string(title)) if t.type != "whitespace"]
    expected = title.replace("\r", "").replace("\f", "").replace("\0", "\ufffd")
    assert [(t.type, t.value) for t in tokens] == [("string", expected)]
