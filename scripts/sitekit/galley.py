"""The article's PDF galleys: one PDF per language, typeset with WeasyPrint (CSS Paged Media).

A galley is what a journal platform offers as "PDF": the article typeset for A4 — title, the author's
position, the date of this online edition (labelled as such), the abstract and keywords as the page shows
them, the body with its [n] markers, the references note and the editors' note — with a running head
(short title, language) and page numbers "n / N". It is tagged (PDF/UA-1), carries the document
language (``/Lang``), title, author, subject (the abstract) and keywords, and embeds its fonts whole
enough that every letter is drawn and extractable.

Languages are data: the direction comes from CLDR (Babel's ``text_direction``), the script from CLDR's
likely subtags, the fonts per script from ``data/galley.yml``, hyphenation only where pyphen has a
dictionary for the language (none is better than wrong), every word from ``sitekit/labels.py``.

Reproducible and cheap: the PDF's dates come from the build date (``SOURCE_DATE_EPOCH``), and a PDF is
typeset only when its input changes — the input (the HTML with its stylesheet, the fonts' bytes, the
WeasyPrint version) is hashed, and the PDF kept under that hash in a cache folder (``.cache/galley/``).
``publish`` says whether it typeset or reused. Nothing is fetched from the network: the URL fetcher
serves the font files and files of the built site, and refuses everything else.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import html
import importlib.metadata
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml

from sitekit import safeyaml

FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
         "bold-italic": (700, "italic")}
VARIANT = "pdf/ua-1"
CSS_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\A ", "\r": "", "\f": ""}


class GalleyError(Exception):
    """A galley cannot be made; the message names the file and says what to do."""


# -- fonts per script, from data/galley.yml ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Family:
    name: str  # the family name the stylesheet declares (distinct from any installed family)
    package: str  # the Debian package that installs the files
    files: tuple[tuple[str, Path], ...]  # (face, file) with face a key of FACES


@dataclasses.dataclass(frozen=True)
class Fonts:
    scripts: tuple[tuple[str, str], ...]  # (ISO 15924 script, family id)
    families: tuple[tuple[str, Family], ...]  # (family id, family), in the file's order

    def stack(self, script: str) -> list[Family]:
        """The families a text in ``script`` is set in: its own first, then every other."""
        by_id = dict(self.families)
        first = dict(self.scripts).get(script)
        order = ([first] if first else []) + [key for key, _ in self.families if key != first]
        return [by_id[key] for key in order]

    def paths(self) -> list[Path]:
        return [path for _, family in self.families for _, path in family.files]


def load_fonts(path: Path, display: str | None = None) -> Fonts:
    """``data/galley.yml`` as ``Fonts``; every problem is a ``GalleyError`` naming the file."""
    where = display or path.as_posix()
    try:
        data = safeyaml.load(path.read_text(encoding="utf-8"))  # no alias bomb, no key given twice
    except OSError as exc:
        raise GalleyError(f"{where}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise GalleyError(f"{where}: not UTF-8 text") from None
    except ValueError as exc:  # a number of thousands of digits
        raise GalleyError(f"{where}: not valid YAML ({' '.join(str(exc).split())[:200]})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise GalleyError(f"{where}{line}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if not isinstance(data, dict):
        raise GalleyError(f"{where}: expected a mapping with 'scripts' and 'families'")
    scripts, families = data.get("scripts"), data.get("families")
    if not isinstance(families, dict) or not families:
        raise GalleyError(f"{where}: 'families' must map a family id to its name and files")
    if not isinstance(scripts, dict) or not scripts:
        raise GalleyError(f"{where}: 'scripts' must map ISO 15924 scripts (Latn, Cyrl, Arab, …) to family ids")
    parsed = []
    for key, entry in families.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise GalleyError(f"{where}: family '{key}' needs a 'name'")
        name = entry["name"].strip()
        if any(c in name for c in '"\\\n;{}'):
            raise GalleyError(f"{where}: family '{key}' has a name with a character CSS cannot take ({name!r})")
        package = entry.get("package")
        if not isinstance(package, str) or not package.strip():
            raise GalleyError(f"{where}: family '{key}' needs 'package', the Debian package of its files")
        files = entry.get("files")
        if not isinstance(files, dict) or "regular" not in files:
            raise GalleyError(f"{where}: family '{key}' needs 'files' with at least 'regular'")
        faces = []
        for face, file in files.items():
            if face not in FACES:
                raise GalleyError(f"{where}: family '{key}' has an unknown face '{face}' "
                                  f"(expected one of {', '.join(FACES)})")
            if not isinstance(file, str) or not os.path.isabs(file):
                raise GalleyError(f"{where}: family '{key}' face '{face}' must be an absolute file path")
            faces.append((face, Path(file)))
        parsed.append((str(key), Family(name, package.strip(), tuple(faces))))
    ids = {key for key, _ in parsed}
    for script, family in scripts.items():
        if str(family) not in ids:
            raise GalleyError(f"{where}: script '{script}' names family '{family}', which 'families' lacks")
    return Fonts(tuple((str(s), str(f)) for s, f in scripts.items()), tuple(parsed))


def missing_files(fonts: Fonts) -> list[str]:
    """A message per font file that is not installed."""
    return [f"{path}: font file missing (install Debian's {family.package}: apt-get install {family.package})"
            for _, family in fonts.families for _, path in family.files if not path.is_file()]


# -- language facts, from CLDR and pyphen --------------------------------------------------------------

def script_of(lang: str) -> str:
    """The ISO 15924 script CLDR expects ``lang`` to be written in ('' if CLDR does not know it)."""
    from babel.core import get_global

    subtags = get_global("likely_subtags").get(lang.replace("-", "_"), "")
    parts = subtags.split("_")
    return parts[1] if len(parts) > 2 else ""


def direction_of(lang: str) -> str:
    """'rtl' or 'ltr', as CLDR says ``lang`` is written."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


def hyphenates(lang: str) -> bool:
    """Whether pyphen (WeasyPrint's hyphenator) has a dictionary for ``lang``."""
    import pyphen

    return pyphen.language_fallback(lang.replace("-", "_")) is not None


# -- the galley -------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Galley:
    """Everything one language's PDF is made from (the words already in that language)."""

    lang: str
    title: str
    short_title: str
    author: str  # the author's position, as the source gives it
    author_label: str
    edition_label: str  # "Date of this online edition"
    edition_date: datetime.date
    edition_text: str  # the date written out in the language
    url_label: str
    url: str  # the article page's absolute address
    abstract_label: str
    abstract: str
    keywords_label: str
    keywords: tuple[str, ...]
    running_language: str  # the running head's language line ("English · translated from Kazakh")
    body_html: str  # the page's rendered Markdown


def file_name(path: str, lang: str) -> str:
    """The PDF's file name beside the page: ``article/`` in ``kk`` → ``article-kk.pdf``."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path.strip("/")).strip("-").lower() or "index"
    return f"{slug}-{lang}.pdf"


def css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + "".join(CSS_ESCAPES.get(c, c) for c in text) + '"'


def stylesheet(galley: Galley, fonts: Fonts) -> str:
    """The galley's CSS: fonts, page, running heads, typography for its language and direction."""
    rtl = direction_of(galley.lang) == "rtl"
    start, end = ("right", "left") if rtl else ("left", "right")
    families = fonts.stack(script_of(galley.lang))
    faces = []
    for family in families:
        for face, path in family.files:
            weight, style = FACES[face]
            faces.append(f'@font-face {{ font-family: {css_string(family.name)}; font-weight: {weight}; '
                         f'font-style: {style}; src: url({css_string(path.as_uri())}); }}')
    stack = ", ".join(css_string(f.name) for f in families)
    hyphens = "auto" if hyphenates(galley.lang) else "manual"
    align = "justify" if hyphens == "auto" else "start"
    return "\n".join(faces) + f"""
@page {{
  size: A4;
  margin: 24mm 22mm 26mm 22mm;
  @top-{start} {{ content: {css_string(galley.short_title)}; font-size: 8.5pt; color: #444;
                 vertical-align: bottom; padding-bottom: 3mm; width: 70%; }}
  @top-{end} {{ content: {css_string(galley.running_language)}; font-size: 8.5pt; color: #444;
               vertical-align: bottom; padding-bottom: 3mm; text-align: {end}; }}
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; }}
}}
@page :first {{
  @top-{start} {{ content: none; }}
  @top-{end} {{ content: none; }}
}}
html {{ font-family: {stack}; font-size: 10.5pt; line-height: 1.45; color: #000; }}
body {{ margin: 0; hyphens: {hyphens}; text-align: {align}; }}
.front {{ margin-bottom: 8mm; text-align: start; hyphens: manual; }}
h1 {{ font-size: 19pt; line-height: 1.2; margin: 0 0 4mm; font-weight: 700; }}
.front .author {{ font-size: 12pt; margin: 0 0 3mm; }}
.front dl {{ margin: 0 0 5mm; font-size: 9.5pt; }}
.front dt {{ font-weight: 700; display: inline; }}
.front dd {{ display: inline; margin: 0; }}
.front dd::after {{ content: "\\A"; white-space: pre; }}
.front .url {{ word-break: break-all; }}
bdi {{ unicode-bidi: isolate; }}
.abstract {{ border-top: 0.6pt solid #000; border-bottom: 0.6pt solid #000; padding: 3mm 0; font-size: 9.5pt; }}
.abstract h2 {{ font-size: 9.5pt; margin: 0 0 1.5mm; }}
.abstract p {{ margin: 0 0 2mm; text-align: {align}; hyphens: {hyphens}; }}
.abstract .keywords {{ margin: 0; text-align: start; }}
.abstract .keywords strong {{ font-weight: 700; }}
main p {{ margin: 0; text-indent: 6mm; orphans: 2; widows: 2; }}
main h2 + p, main h3 + p, main p:first-child {{ text-indent: 0; }}
main h2 {{ font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; text-align: start; }}
main h3 {{ font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; text-align: start; }}
main ul, main ol {{ margin: 1.5mm 0; padding-inline-start: 6mm; }}
main li {{ margin: 0 0 0.8mm; }}
main code {{ font-family: inherit; hyphens: manual; }}
main a {{ color: inherit; text-decoration: none; }}
main table {{ border-collapse: collapse; margin: 3mm 0; font-size: 9.5pt; }}
main th, main td {{ border: 0.4pt solid #666; padding: 1mm 2mm; text-align: start; }}
main img {{ max-width: 100%; }}
main blockquote {{ margin: 2mm 6mm; }}
.footnote {{ font-size: 9pt; border-top: 0.4pt solid #666; margin-top: 6mm; }}
.footnote hr {{ display: none; }}
a.headerlink, a.footnote-backref {{ display: none; }}
"""


def document(galley: Galley, fonts: Fonts, created: datetime.datetime) -> str:
    """The standalone HTML WeasyPrint typesets; its head is the PDF's metadata."""
    e = html.escape
    stamp = created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    keywords = "; ".join(galley.keywords)
    direction = direction_of(galley.lang)
    return f"""<!DOCTYPE html>
<html lang="{e(galley.lang)}" dir="{direction}">
<head>
<meta charset="utf-8">
<title>{e(galley.title)}</title>
<meta name="author" content="{e(galley.author)}">
<meta name="description" content="{e(galley.abstract)}">
<meta name="keywords" content="{e(keywords)}">
<meta name="dcterms.created" content="{stamp}">
<meta name="dcterms.modified" content="{stamp}">
<style>
{stylesheet(galley, fonts)}</style>
</head>
<body>
<header class="front">
<h1>{e(galley.title)}</h1>
<p class="author">{e(galley.author)}</p>
<dl>
<dt>{e(galley.edition_label)}:</dt> <dd><time datetime="{galley.edition_date.isoformat()}">{e(galley.edition_text)}</time></dd>
<dt>{e(galley.url_label)}:</dt> <dd class="url"><bdi dir="ltr">{e(galley.url)}</bdi></dd>
</dl>
<section class="abstract">
<h2>{e(galley.abstract_label)}</h2>
<p>{e(galley.abstract)}</p>
<p class="keywords"><strong>{e(galley.keywords_label)}:</strong> {e(keywords)}</p>
</section>
</header>
<main>
{galley.body_html}
</main>
</body>
</html>
"""


# -- typesetting, offline and cached ---------------------------------------------------------------------

def _fetcher_class():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves the font files and the built site's own files; fetches nothing from the network."""

        def __init__(self, files: frozenset[Path], site_url: str, site_dir: Path | None):
            super().__init__()
            self.files, self.site_url, self.site_dir = files, site_url, site_dir

        def fetch(self, url, headers=None):
            path = None
            if url.startswith("file:"):
                candidate = Path(url2pathname(urlsplit(url).path))
                if candidate in self.files:
                    path = candidate
            elif self.site_dir is not None and self.site_url and url.startswith(self.site_url):
                relative = url2pathname(urlsplit(url[len(self.site_url):]).path)
                candidate = (self.site_dir / relative).resolve()
                if candidate.is_file() and candidate.is_relative_to(self.site_dir.resolve()):
                    path = candidate
            if path is None:
                raise ValueError(f"{url}: not fetched (a galley uses only its fonts and the site's own files)")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return LocalFetcher


def typeset(document_html: str, *, base_url: str, fonts: Fonts, site_url: str = "",
            site_dir: Path | None = None) -> bytes:
    """The PDF of ``document_html`` (PDF/UA-1, tagged), fetching nothing from the network."""
    import weasyprint

    fetcher = _fetcher_class()(frozenset(fonts.paths()), site_url, site_dir)
    page = weasyprint.HTML(string=document_html, base_url=base_url, url_fetcher=fetcher)
    return page.write_pdf(pdf_variant=VARIANT, pdf_identifier=hashlib.md5(
        document_html.encode("utf-8")).hexdigest().encode("ascii"))


def cache_key(document_html: str, fonts: Fonts) -> str:
    """What a PDF is made from, hashed: the HTML (stylesheet included), the fonts' bytes, the tools (their
    installed versions, read without importing WeasyPrint: a build whose PDFs are cached never loads it)."""
    digest = hashlib.sha256()
    for part in (_version("weasyprint"), _version("pydyf"), VARIANT, document_html):
        digest.update(part.encode("utf-8") + b"\0")
    for path in fonts.paths():
        digest.update(path.as_posix().encode("utf-8") + b"\0" + _file_digest(path) + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=8)
def _version(distribution: str) -> str:
    return importlib.metadata.version(distribution)


def _file_digest(path: Path) -> bytes:
    """The SHA-256 of a font file's bytes, read once while the file keeps its size and modification time
    (a build makes a key per language, a preview one per rebuild, from the same megabytes of fonts)."""
    stat = path.stat()
    return _digest_of(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _digest_of(path: Path, size: int, mtime_ns: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def publish(galley: Galley, fonts: Fonts, dest: Path, *, cache: Path, created: datetime.datetime,
            site_url: str = "", site_dir: Path | None = None) -> bool:
    """Write ``galley`` as a PDF to ``dest``; True if it was typeset, False if the cache had it."""
    problems = missing_files(fonts)
    if problems:
        raise GalleyError("; ".join(problems))
    text = document(galley, fonts, created)
    cached = cache / f"{cache_key(text, fonts)}.pdf"
    typeset_now = not cached.is_file()
    if typeset_now:
        data = typeset(text, base_url=galley.url, fonts=fonts, site_url=site_url, site_dir=site_dir)
        _atomic_write(cached, data)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, dest)
    return typeset_now


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` so that a concurrent build never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
