"""One Markdown file of docs/, read once: the facts about its bytes, its front matter and its blocks.

Reading never fails and never changes the file: bytes that are not UTF-8, a byte order mark, CRLF line
endings, an empty file or front matter that does not parse are recorded here as facts (the checks in
``checks/text.py`` turn them into findings) and the rest of the file is still read as well as it can be.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import re

import yaml

from i18ncheck import blocks, frontmatter, inline
from sitekit import encodings
from sitekit.project import LOCALE

# The locale pattern of mkdocs-static-i18n 1.3.1 (mkdocs_static_i18n.config.RE_LOCALE), which decides
# whether `page.xx.md` is a translation; importing it costs the command line 0.4 s, so it is repeated
# in sitekit/project.py (which also checks the configured codes with it) and tests/test_i18ncheck_units.py
# pins the copy to the original.

LETTER_RUN = re.compile(r"[^\W\d_]+")

RE_LOCALE = LOCALE
DATE_LIKE = re.compile(r"\b(\d{4})-(\d\d?)-(\d\d?)\b")
META_KEY = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:")
# C0 and C1 control characters but tab and line feed (CR is a line ending, reported as such), and DEL:
# invisible to a reader, they hide text, break the XML of feeds and sitemaps, and NUL truncates strings.
# Also the bidirectional embeddings and overrides U+202A-U+202E, which reorder what a reader sees against
# what the check reads ("Trojan source"; a right-to-left page needs none of them: the isolates
# U+2066-U+2069 and the marks stay allowed), and the line and paragraph separators U+2028/U+2029.
LONG_NUMBER = re.compile(r"\d{4000}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029]")


LANGUAGE_SUFFIX = re.compile(r"^(.*)\.([^./]+)(\.[^./]*)$")


def split_language(uri: str) -> tuple[str, str | None]:
    """(language-neutral uri, language suffix or None): ``briefs/x.ru.md`` → (``briefs/x.md``, ``ru``).
    As static-i18n reads it: the last suffix of the name without its extension, if it looks like a locale."""
    m = LANGUAGE_SUFFIX.match(uri)
    if m and RE_LOCALE.match(m.group(2)) and not m.group(1).endswith("/") and m.group(1):
        return m.group(1) + m.group(3), m.group(2)
    return uri, None


@dataclasses.dataclass
class Document:
    path: str                    # repo-relative POSIX path, e.g. docs/article.ru.md
    uri: str                     # docs-relative, e.g. article.ru.md
    page: str                    # language-neutral, e.g. article.md
    lang: str | None             # the suffix, configured or not
    lines: list[str]
    bom: bool = False
    decode_error: tuple[int, int] | None = None   # (line, first undecodable byte)
    crlf: tuple[int, int] | None = None           # (first line, number of lines) ending in CR LF or CR
    empty: bool = False                           # nothing but white space
    meta: dict | None = None                      # None when there is no parsable front matter
    meta_error: tuple[int, str] | None = None     # (line, message)
    meta_lines: dict = dataclasses.field(default_factory=dict)   # top-level key -> line
    controls: list[tuple[int, str]] = dataclasses.field(default_factory=list)  # (line, character)
    read_error: str | None = None                 # the file could not be read at all
    foreign: str | None = None                    # UTF-16 or UTF-32: not read further (one finding)
    body_line: int = 1                            # file line of the first body line
    nodes: list[blocks.Node] = dataclasses.field(default_factory=list)
    waivers: list[blocks.Waiver] = dataclasses.field(default_factory=list)

    def get(self, key: str, default=None):
        return (self.meta or {}).get(key, default)

    def key_line(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    @functools.cached_property
    def inlines(self) -> list[inline.Inline | None]:
        """What must survive translation in each block with text, parallel to ``nodes``."""
        vocabulary = self.vocabulary
        return [inline.extract(node.text, self.lang, node.kind == "table")._replace(kind=node.kind, vocabulary=vocabulary)
                if node.text and node.kind != "code" else None for node in self.nodes]

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """The words this document writes in lower case somewhere, casefolded: a capitalised word that is
        also one of them is a common word (a heading's first word, "Figures"), not a name ("Facebook")."""
        return frozenset(w.casefold() for node in self.nodes if node.text
                         for w in LETTER_RUN.findall(node.text) if w[0].islower())


def unreadable(path: str, uri: str, reason: str) -> Document:
    """A file that cannot be opened: no lines, no front matter; ``checks/text.py`` reports why."""
    page, lang = split_language(uri)
    return Document(path, uri, page, lang, [], empty=True, read_error=reason)


def read(path: str, uri: str, data: bytes) -> Document:
    """The document at ``path`` (repo-relative) from its bytes."""
    page, lang = split_language(uri)
    foreign = encodings.foreign(data)
    if foreign:  # every other byte a NUL: one finding for the file, not one per character
        return Document(path, uri, page, lang, [], empty=True, foreign=foreign)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    decode_error = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        decode_error = (data.count(b"\n", 0, exc.start) + 1, data[exc.start])
        text = data.decode("utf-8", "replace")
    crlf = None
    if "\r" in text:
        first = text.count("\n", 0, text.index("\r")) + 1
        crlf = (first, text.count("\r"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = []
    if CONTROL.search(text):
        controls = [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in CONTROL.finditer(text)]
        text = CONTROL.sub(" ", text)  # read on as if they were spaces; the finding names each one
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    doc = Document(path, uri, page, lang, lines, bom=bom, decode_error=decode_error, crlf=crlf,
                   empty=not text or text.isspace(), controls=controls)
    if not doc.empty:
        _front_matter(doc)
        doc.nodes, doc.waivers = blocks.parse(lines[doc.body_line - 1:], doc.body_line)
    return doc


def _front_matter(doc: Document) -> None:
    lines = doc.lines
    if not lines or lines[0].rstrip() != "---":
        doc.meta_error = (1, "no front matter (start the file with a --- line, the keys, and a closing --- line)")
        return
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        doc.meta_error = (1, "front matter opened at line 1 has no closing --- line")
        return
    doc.body_line = close + 2
    try:
        meta = frontmatter.parse(lines[1:close])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        doc.meta_error = (line, f"front matter is not valid yaml: {problem}")
        return
    except ValueError as exc:  # PyYAML builds dates with datetime, which rejects 2026-13-45 this way
        if "integer string conversion" in str(exc):  # and ints with int(), which refuses 4,300 digits and more
            line = next((i + 1 for i in range(1, close) if LONG_NUMBER.search(lines[i])), 1)
            doc.meta_error = (line, "front matter has a number too long to read (thousands of digits): quote it, "
                                    "or shorten it")
            return
        line = next((i + 1 for i in range(1, close) if any(not _valid_date(*m) for m in DATE_LIKE.findall(lines[i]))), 1)
        doc.meta_error = (line, f"front matter has an impossible date ({exc})")
        return
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        doc.meta_error = (2, f"front matter is not a mapping of keys (found {_type(meta)})")
        return
    for i in range(1, close):
        if m := META_KEY.match(lines[i]):
            doc.meta_lines.setdefault(m.group(1), i + 1)
    bad = next((key for key in meta if not isinstance(key, str)), None)
    if bad is not None:
        line = next((i + 1 for i in range(1, close) if lines[i].lstrip().startswith(str(bad))), 2)
        doc.meta_error = (line, f"front matter key {bad!r} is not text (found {_type(bad)}; keys are names "
                                "like title)")
        doc.meta_lines.clear()
        return
    doc.meta = meta


def _valid_date(year: str, month: str, day: str) -> bool:
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _type(value) -> str:
    """How a YAML value reads to an author."""
    return {"list": "a list", "dict": "a mapping", "str": "text", "int": "a number", "float": "a number",
            "bool": "true/false", "NoneType": "nothing", "date": "a date", "datetime": "a date and time",
            "bytes": "binary data", "set": "a set", "tuple": "a list"}.get(type(value).__name__,
                                                                          type(value).__name__)
