"""The docs tree: its files, its pages (one page = the same path in every language) and the data the
checks read (the tag vocabulary, the glossary, the sync record).

Files are read once, lazily: the command line reads them all, the MkDocs hook only the pages it builds.
"""
from __future__ import annotations

import collections
import dataclasses
import functools
import os
import re
import stat
import unicodedata
from pathlib import Path


from i18ncheck import document, glossary, syncrecord
from sitekit import kinds as sitekit_kinds
from sitekit import safeyaml
from sitekit.project import ConfigError, Project, readable

RECORD = "data/translation-sync.json"
TAGS = "data/tags.yml"
GLOSSARY = "data/glossary.yml"


@dataclasses.dataclass
class Page:
    """One page in every language: ``docs`` maps each language found to its file."""
    uri: str                                   # language-neutral, docs-relative: article.md
    docs: dict[str, document.Document]
    codes: tuple[str, ...]                     # the configured languages, in mkdocs.yml order
    in_progress: tuple[str, ...] = ()          # languages declared in progress: every page they lack is pending

    @functools.cached_property
    def source_lang(self) -> str | None:
        """The language of the source: the file that names its own language in ``source_lang``, else the
        value most files name."""
        for code in self.codes:
            doc = self.docs.get(code)
            if doc is not None and doc.get("source_lang") == code:
                return code
        named = collections.Counter(d.get("source_lang") for d in self.docs.values()
                                    if d.get("source_lang") in self.codes)
        return named.most_common(1)[0][0] if named else None

    @property
    def source(self) -> document.Document | None:
        return self.docs.get(self.source_lang) if self.source_lang else None

    @property
    def pending(self) -> tuple[str, ...]:
        value = self.source.get("pending") if self.source else None
        if isinstance(value, str):
            value = [value]
        listed = tuple(v for v in value or () if isinstance(v, str))
        return listed + tuple(c for c in self.in_progress if c not in listed and c not in self.docs)

    def translations(self) -> list[document.Document]:
        return [self.docs[code] for code in self.codes if code in self.docs and code != self.source_lang]

    @functools.cached_property
    def fingerprint(self) -> syncrecord.Entry | None:
        """The source's fingerprint now (what ``sync`` would record)."""
        return syncrecord.entry_for(self.source) if self.source is not None else None


@dataclasses.dataclass
class Context:
    """What the checks read besides the pages."""
    project: Project
    tags: dict | None
    glossary: glossary.Glossary | None
    record: syncrecord.Record
    files: frozenset[str] = frozenset()   # every file in docs/, docs-relative (set by the engine)
    tag_problems: list = dataclasses.field(default_factory=list)   # (line, message) in data/tags.yml
    kinds: dict = dataclasses.field(default_factory=dict)   # kind name -> sitekit.kinds.Kind (data/kinds.yml)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.project.root).as_posix()


def load_context(project: Project) -> Context:
    """Read the data files; a file that cannot be used at all is a configuration error (exit 2), a bad entry
    in one is a finding (``checks/data.py``)."""
    root = project.root
    for folder, _, names in os.walk(root / "data"):  # every data file the check or the build reads
        for name in names:
            path = Path(folder) / name
            readable(path, path.relative_to(root).as_posix())
    # languages declared in progress (mkdocs.yml) may lack glossary entries and tag labels for now
    in_progress = tuple(getattr(project, "in_progress", ()) or ())
    tags, tag_problems = load_tags(root / TAGS, project.codes, in_progress)
    try:
        terms = glossary.load(root / GLOSSARY, project.codes, GLOSSARY, in_progress)
        record = syncrecord.load(root / RECORD, RECORD)
    except (glossary.GlossaryError, syncrecord.RecordError) as exc:
        raise ConfigError(str(exc)) from None
    # the project's own content model (sitekit.kinds raises ConfigError, exit 2, for a file it cannot use)
    kinds_ = sitekit_kinds.load(root)
    return Context(project, tags, terms, record, tag_problems=tag_problems, kinds=kinds_)


TAG_EXAMPLE = "id: {kk: label, ru: label, en: label}"


def load_tags(path: Path, codes: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> tuple[dict | None, list[tuple[int, str]]]:
    """The tag vocabulary (id -> {language: label}) and its problems as (line, message); a tag with a
    problem is left out, so that a brief using it is reported too."""
    try:
        found = safeyaml.read_text(path, TAGS)
    except safeyaml.Unusable as exc:
        raise ConfigError(str(exc)) from None
    if found is None:
        return None, []
    text, data = found[0], found[1] or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{TAGS}: expected a mapping of tag ids ({TAG_EXAMPLE})")
    lines = text.split("\n")
    tags, problems = {}, []
    for tag, labels in data.items():
        line = next((i + 1 for i, row in enumerate(lines) if row.startswith(f"{tag}:") or row.startswith(f"'{tag}'")
                     or row.startswith(f'"{tag}"')), 1)
        found = []
        if not isinstance(tag, str) or not TAG_ID.match(tag):
            found.append(f"tag id {tag!r} is not a name of ascii letters, digits, - and _")
        elif not isinstance(labels, dict):
            found.append(f"tag {tag} has no labels (write {tag}: {{{', '.join(f'{c}: label' for c in codes)}}})")
        else:
            for code in codes:
                label = labels.get(code)
                if label is None and code in optional:
                    continue
                if not isinstance(label, str) or not label.strip():
                    found.append(f"tag {tag} has no {code} label (readers would see the id {tag})")
                elif any(ord(c) < 32 or 127 <= ord(c) < 160 for c in label):
                    found.append(f"tag {tag}: the {code} label has a line break or control character")
        problems += [(line, message) for message in found]
        if not found:
            tags[tag] = labels
    return tags, problems


TAG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class Tree:
    def __init__(self, project: Project):
        self.project = project
        self.docs_dir = project.docs_dir
        if not self.docs_dir.is_dir():
            raise ConfigError(f"docs_dir {self.docs_dir} is not a folder")
        self.prefix = _rel_prefix(project)
        self.irregular: list[tuple[str, str]] = []   # (uri, what is wrong with it): never read
        self.files: list[str] = sorted(_walk(self.docs_dir, self.irregular))  # docs-relative POSIX uris
        self.irregular.sort()
        self.markdown = [uri for uri in self.files if uri.endswith(".md")]
        self._docs: dict[str, document.Document] = {}
        self._pages: dict[str, Page] = {}

    def path(self, uri: str) -> str:
        """The repo-relative path of a docs-relative uri."""
        return self.prefix + uri

    def document(self, uri: str) -> document.Document:
        doc = self._docs.get(uri)
        if doc is None:
            try:
                data = _read(self.docs_dir / uri)
            except OSError as exc:
                doc = document.unreadable(self.path(uri), uri, exc.strerror or str(exc))
            else:
                doc = document.read(self.path(uri), uri, data)
            self._docs[uri] = doc
        return doc

    def documents(self) -> list[document.Document]:
        return [self.document(uri) for uri in self.markdown]

    @functools.cached_property
    def page_uris(self) -> dict[str, dict[str, str]]:
        """language-neutral uri -> {language: uri} for the Markdown files in a configured language."""
        pages: dict[str, dict[str, str]] = {}
        codes = set(self.project.codes)
        for uri in self.markdown:
            neutral, lang = document.split_language(uri)
            if lang in codes:
                pages.setdefault(neutral, {})[lang] = uri
        return pages

    def page(self, neutral: str) -> Page | None:
        """The page at a language-neutral uri (``briefs/x.md``), None when no language has it."""
        if neutral not in self._pages:
            uris = self.page_uris.get(neutral)
            if uris is None:
                return None
            docs = {lang: self.document(uris[lang]) for lang in self.project.codes if lang in uris}
            self._pages[neutral] = Page(neutral, docs, self.project.codes, self.project.in_progress)
        return self._pages[neutral]

    def pages(self) -> list[Page]:
        return [self.page(uri) for uri in sorted(self.page_uris)]


def _rel_prefix(project: Project) -> str:
    try:
        rel = project.docs_dir.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        rel = os.path.relpath(project.docs_dir, project.root).replace(os.sep, "/")
    return "" if rel == "." else rel + "/"


MAX_BYTES = 2_000_000  # a Markdown page of this site is under 100 kB; a larger file is a mistake
# MkDocs publishes these as pages too (mkdocs.utils.markdown_extensions); the check reads only .md.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\#?%]|^\s|\s$")


def _read(path: Path) -> bytes:
    """The bytes of a regular file, never more than ``MAX_BYTES`` + 1 (the walk let through no FIFO,
    device or link)."""
    with open(path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _walk(top: Path, irregular: list[tuple[str, str]]):
    """Every regular file under ``top`` as a POSIX path relative to it, skipping dot files and folders as
    MkDocs does. Symbolic links, FIFOs, devices, folders named like pages and names no URL can carry go
    to ``irregular`` with the reason, and are never opened."""
    for folder, dirs, names in os.walk(top):
        rel = os.path.relpath(folder, top)
        base = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        keep = []
        for d in dirs:
            if d.startswith("."):
                continue
            full = os.path.join(folder, d)
            if os.path.islink(full):
                irregular.append((base + d, "is a symbolic link to a folder: MkDocs would publish whatever it "
                                            "points to; copy the files into docs/ instead"))
            elif d.lower().endswith((".md",) + OTHER_MARKDOWN):
                irregular.append((base + d, "is a folder named like a page: rename it (a page is a file)"))
                keep.append(d)
            else:
                keep.append(d)
        dirs[:] = keep
        for name in names:
            if name.startswith("."):
                continue
            uri, full = base + name, os.path.join(folder, name)
            try:
                info = os.lstat(full)
            except OSError as exc:
                irregular.append((uri, f"cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISLNK(info.st_mode):
                irregular.append((uri, "is a symbolic link: MkDocs would publish whatever it points to; "
                                       "put the file itself in docs/"))
            elif not stat.S_ISREG(info.st_mode):
                irregular.append((uri, "is not a regular file (a FIFO, socket or device): remove it"))
            elif _unprintable(uri):
                irregular.append((uri, "has a name that is not utf-8 text: rename it"))
            elif unicodedata.normalize("NFC", name) != name:
                irregular.append((uri, "has a name in decomposed Unicode (NFD, as some systems save it), so it is "
                                       "not the name its other languages' files and links spell: rename it with the "
                                       "same letters typed again (NFC)"))
            elif BAD_NAME.search(name):
                irregular.append((uri, "has a name with a control character, backslash, #, ?, % or leading or "
                                       "trailing space, which no link can carry: rename it"))
            elif name.lower().endswith(OTHER_MARKDOWN) or (name.lower().endswith(".md") and not name.endswith(".md")):
                irregular.append((uri, f"is Markdown that the translation check does not read: name it "
                                       f"{name[:name.rfind('.')]}.md"))
            elif info.st_size > MAX_BYTES and name.endswith(".md"):
                irregular.append((uri, f"is {info.st_size:,} bytes, more than a page may be ({MAX_BYTES:,})"))
            else:
                yield uri


def _unprintable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def display(uri: str) -> str:
    """A uri as it can be printed (a name that is not UTF-8 keeps its bytes as escapes)."""
    return os.fsencode(uri).decode("utf-8", "backslashreplace") if _unprintable(uri) else uri


@dataclasses.dataclass
class Pair:
    """A translation and its source, with what the sync record says about them."""
    page: Page
    source: document.Document
    translation: document.Document
    record: syncrecord.Record

    @property
    def entry(self) -> syncrecord.Entry | None:
        entry = self.record.entries.get(self.translation.uri)
        return entry if entry is not None and entry.source == self.source.uri else None

    @functools.cached_property
    def changes(self) -> list[syncrecord.Change] | None:
        """The source's changes since the last sync; None when the translation was never synced with it."""
        entry = self.entry
        return None if entry is None else syncrecord.changes(entry, self.page.fingerprint, self.source, self.translation)

    @property
    def stale(self) -> bool:
        return self.changes is None or bool(self.changes)

    @property
    def acknowledged(self) -> bool:
        """``translation: stale`` in the translation's front matter."""
        return self.translation.get("translation") == "stale"
