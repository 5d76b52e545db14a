"""Incremental rebuilds for the preview (``make serve``): after a save, only what the change affects.

``make serve`` runs ``mkdocs serve --dirty``: MkDocs then keeps its site folder between rebuilds and reads
and renders a page only when ``page.file.is_modified()`` (its source is newer than its output, or it has
no output). On its own that is wrong for this site: the pages that depend on the saved one (its
counterparts' notices and banners, the briefs listing, the status page, the navigation's titles) would
stay as they were, and the search index would hold the rebuilt pages only. This module decides, from
the content of the files (never their times), what a rebuild must redo; ``scripts/hook_incremental.py``
applies it:

- ``Tracker.plan``: compares the project's files with the last rebuild's. A *full* rebuild (the site
  folder emptied, every page rebuilt, as stock ``mkdocs serve`` always does) on the first build, after a
  rebuild that did not finish, when a file is added or removed, when anything but a page changed
  (``mkdocs.yml``, ``data/``, ``overrides/``, an asset under the docs folder), or when a page in the
  navigation changed its title. Otherwise the plan names the pages to rebuild: every language's file of
  each saved page (its notices, staleness and banners read the others) and the pages generated from all
  pages (the briefs listing, the status page: those holding ``briefs.MARKER`` or ``status.MARKER``),
  and whether their font preloads may have changed (then full too: see ``preload_counts``).
- ``merge_search``: the merged search index of a rebuild that indexed only the rebuilt pages, completed
  with the last index's entries of every other page, in a full build's order.
- ``TemplateCache`` and ``RenderCache``: what a rebuild would compute again for nothing — the theme's
  compiled templates and file list, and the HTML of a rebuilt page whose final Markdown did not change.
- ``Session``: the one preview of this process (``on_startup``: ``mkdocs serve --dirty``), what the
  last rebuild left (its complete search index and sitemap pages) and whether it finished.

Feeds, sitemaps and the per-language search indexes are written by ``hook_site.py`` on every rebuild, from
the files and these completed lists. ``make site`` and CI never take this path: ``mkdocs build`` is not a
preview, and a preview without ``--dirty`` rebuilds everything.
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections import Counter
import logging
from pathlib import Path

import jinja2

from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from i18ncheck.status import MARKER as STATUS_MARKER
from sitekit.briefs import MARKER as BRIEFS_MARKER
from sitekit.preload import css_faces

AGGREGATE_MARKERS = (BRIEFS_MARKER, STATUS_MARKER)
WATCHED = ("data", "overrides")  # besides mkdocs.yml and the docs folder
FONTS_CSS = "assets/stylesheets/fonts.css"  # what hook_site's font preload reads (docs-relative)


@dataclasses.dataclass(frozen=True)
class Plan:
    """What one rebuild redoes: everything (``full``, with the ``reason``), or the pages of ``stems``
    (docs-relative, language suffix removed: ``briefs/x.md``) in every language."""

    full: bool
    reason: str = ""
    stems: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()


def neutral(src_uri: str, codes: tuple[str, ...]) -> str:
    """``briefs/x.ru.md`` → ``briefs/x.md`` (a path without a language suffix is returned as it is)."""
    if src_uri.endswith(".md"):
        stem = src_uri[:-3]
        for code in codes:
            if stem.endswith("." + code):
                return stem[:-len(code) - 1] + ".md"
    return src_uri


def snapshot(root: Path, docs_dir: Path) -> dict[str, bytes]:
    """``{root-relative path: content}`` of every page (``*.md`` under the docs folder) and a content hash
    for every other file the build reads: ``mkdocs.yml``, the rest of the docs folder, ``data/``,
    ``overrides/``. An unreadable file has the value ``b"\\0unreadable"``."""
    out: dict[str, bytes] = {}
    paths = [root / "mkdocs.yml"]
    for folder in (docs_dir, *(root / name for name in WATCHED)):
        if folder.is_dir():
            paths += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in paths:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        try:
            data = path.read_bytes()
        except OSError:
            out[name] = b"\0unreadable"
            continue
        out[name] = data if path.suffix == ".md" and path.is_relative_to(docs_dir) else \
            hashlib.blake2b(data, digest_size=16).digest()
    return out


def title_of(text: bytes) -> tuple[str, str | None] | None:
    """The title the navigation shows for a page of this text (its front matter's ``title``, else its
    first ``#`` heading), as MkDocs reads it; None if the text is not UTF-8."""
    try:
        markdown, meta = get_data(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if "title" in meta:
        return ("meta", str(meta["title"]))
    return ("heading", get_markdown_title(markdown))


def preload_counts(text: bytes, faces) -> tuple[int, tuple[int, ...]]:
    """(letters and digits, how many of them each face of ``faces`` draws) in ``text``: what the share of
    each face in a language's preload (``sitekit/preload.py``) is summed from, file by file."""
    letters = {c: n for c, n in Counter(text.decode("utf-8", "replace")).items() if c.isalnum()}
    return (sum(letters.values()),
            tuple(sum(n for c, n in letters.items() if ord(c) in codes) for _, _, codes in faces))


class Tracker:
    """The project's files at the last rebuild, and what the next rebuild must redo."""

    def __init__(self):
        self._seen: dict[str, bytes] | None = None
        self._preload: dict[str, tuple[int, tuple[int, ...]]] = {}  # per page, summed per language

    def plan(self, root: Path, docs_dir: Path, codes: tuple[str, ...], nav: frozenset[str] | None,
             now: dict[str, bytes] | None = None, finished: bool = True) -> Plan:
        """Compare the files (``now``, or a ``snapshot`` taken here) with the last call's. ``nav``: the
        docs-relative neutral paths of the navigation's pages (None: every page, MkDocs' navigation without a
        ``nav``); ``finished``: whether the last rebuild
        completed (if not, its output is not to be trusted: full)."""
        root, docs_dir = Path(root), Path(docs_dir)
        now = snapshot(root, docs_dir) if now is None else now
        before, self._seen = self._seen, now
        if before is None:
            return Plan(True, "the first build")
        if not finished:
            return Plan(True, "the last rebuild did not finish")
        if before.keys() != now.keys():
            return Plan(True, "a file was added or removed")
        changed = frozenset(p for p in now if before[p] != now[p])
        docs = docs_dir.relative_to(root).as_posix() + "/" if docs_dir.is_relative_to(root) else None
        pages = {}
        for path in sorted(changed):
            if docs is None or not path.startswith(docs) or not path.endswith(".md"):
                return Plan(True, f"{path} changed", changed=changed)
            pages[path] = path[len(docs):]
        for path, src_uri in pages.items():
            if (nav is None or neutral(src_uri, codes) in nav) and title_of(before[path]) != title_of(now[path]):
                return Plan(True, f"the navigation's title of {path} changed", changed=changed)
        if pages and self._preload_changed(root, docs, before, now, pages, codes):
            return Plan(True, "a language's preloaded fonts changed", changed=changed)
        stems = {neutral(src_uri, codes) for src_uri in pages.values()}
        if stems:
            stems |= {neutral(path[len(docs):], codes) for path, text in now.items()
                      if path.startswith(docs) and path.endswith(".md")
                      and any(marker.encode() in text for marker in AGGREGATE_MARKERS)}
        return Plan(False, stems=frozenset(stems), changed=changed)

    def _preload_changed(self, root: Path, docs: str, before: dict, now: dict, pages: dict,
                         codes: tuple[str, ...]) -> bool:
        """Whether the saved pages move a face of their language across the preload's share (2 % of the
        language's letters and digits): the language's counts are summed per page, each page counted once
        and then only again when it changes."""
        css_path = root / docs / FONTS_CSS
        try:
            faces = [face for face in css_faces(css_path.read_text(encoding="utf-8")) if face[1] == "400"]
        except OSError:
            return False  # no font faces: nothing is preloaded
        langs = {src_uri[:-3].rsplit(".", 1)[-1] for src_uri in pages.values()} & set(codes)
        for lang in sorted(langs):
            mine = [p for p in now if p.startswith(docs) and p.endswith(f".{lang}.md")]
            for path in mine:
                if path not in self._preload:
                    self._preload[path] = preload_counts(before[path], faces)
            old = _shares([self._preload[p] for p in mine], len(faces))
            for path in mine:
                if path in pages:
                    self._preload[path] = preload_counts(now[path], faces)
            if _shares([self._preload[p] for p in mine], len(faces)) != old:
                return True
        return False


def _shares(counts: list[tuple[int, tuple[int, ...]]], faces: int, share: float = 0.02) -> tuple[bool, ...]:
    total = sum(n for n, _ in counts)
    if not total:
        return ()
    return tuple(sum(c[i] for _, c in counts) >= share * total for i in range(faces))


def merge_search(previous: list[dict] | None, current: list[dict], rebuilt: set[str]) -> list[dict]:
    """The index entries of a full build: ``previous`` (the last complete index's ``docs``) with the entries
    of every page in ``rebuilt`` (page URLs, as the entries' ``location`` before ``#``) replaced by
    ``current``'s, in place; pages ``previous`` lacks come last."""
    if previous is None:
        return list(current)
    fresh: dict[str, list[dict]] = {}
    for doc in current:
        fresh.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
    out, done = [], set()
    for doc in previous:
        page = doc["location"].split("#", 1)[0]
        if page not in rebuilt:
            out.append(doc)
        elif page not in done:
            out += fresh.get(page, [])
            done.add(page)
    for page, docs in fresh.items():
        if page not in done and page not in {d["location"].split("#", 1)[0] for d in previous}:
            out += docs
    return out


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept for the next language's build (``hook_parallel.py``, every
    ``mkdocs build``) and the preview's next rebuilds: MkDocs makes a new Jinja
    environment for every build of every language, which compiles every template again. Jinja checks each
    template's source against the checksum it was compiled from, so an edited template is compiled anew.
    Also keeps the list of the theme's files (``list_templates``, a walk of Material's thousands of icons
    per build), emptied by a full rebuild (``overrides/`` is among the files that make one)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}
        self.names: dict[tuple, list[str]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def install(self, theme) -> None:
        """Make ``theme.get_env`` give environments that use this cache (one build's theme object)."""
        make = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make()
            env.bytecode_cache = self
            listing = env.list_templates

            def list_templates(extensions=None, filter_func=None) -> list[str]:
                # the walk of the theme's folders is kept (static-i18n inserts its sitemap folder again in
                # every language's build: a folder listed twice lists nothing new); MkDocs' filter, which
                # depends on the build's static templates, runs on it every time, as Jinja would run it
                key = tuple(dict.fromkeys(str(d) for d in theme.dirs))
                if key not in self.names:
                    self.names[key] = listing()
                found = self.names[key]
                if extensions is not None:
                    found = [name for name in found if "." in name and name.rsplit(".", 1)[1] in extensions]
                if filter_func is not None:
                    found = [name for name in found if filter_func(name)]
                return list(found)

            env.list_templates = list_templates
            return env

        theme.get_env = get_env


@dataclasses.dataclass
class _Rendered:
    digest: bytes
    content: str | None
    toc: object
    title: str | None
    anchors: set | None
    links: dict | None


class RenderCache:
    """The HTML each page's final Markdown (after every hook's ``on_page_markdown``) rendered to in the
    preview's last rebuild: a page rebuilt for what depends on it elsewhere (a counterpart's notice or
    banner, a listing whose entries stayed the same) but whose Markdown is unchanged is not converted
    again. Rendering depends on the Markdown, the configuration and the files (links resolve against
    them); a full rebuild (any change to ``mkdocs.yml`` or to the set of files) empties the cache."""

    def __init__(self):
        self._pages: dict[tuple[str, str, str], _Rendered] = {}

    def clear(self) -> None:
        self._pages.clear()

    def attach(self, page, markdown: str, lang: str) -> None:
        """Give ``page`` (about to be rendered from ``markdown``) a ``render`` that reuses the last HTML
        of the same Markdown, or renders and keeps it."""
        key = (lang, page.file.src_uri, page.file.dest_uri)
        digest = hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        kept = self._pages.get(key)
        render = type(page).render

        def reuse(config, files) -> None:
            page.content = kept.content
            page.toc = copy.deepcopy(kept.toc)
            page._title_from_render = kept.title
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
            if kept.links is not None:  # links to anchors, keyed by the files of this build
                page.links_to_anchors = {}
                for src, anchors in kept.links.items():
                    target = files.get_file_from_path(src)
                    if target is not None:
                        page.links_to_anchors[target] = dict(anchors)

        def render_and_keep(config, files) -> None:
            render(page, config, files)
            links = getattr(page, "links_to_anchors", None)
            self._pages[key] = _Rendered(
                digest, page.content, copy.deepcopy(page.toc), page._title_from_render,
                set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                {f.src_uri: dict(a) for f, a in links.items()} if links is not None else None)

        page.render = reuse if kept is not None and kept.digest == digest else render_and_keep


class DirtyNotice(logging.Filter):
    """Drops MkDocs' "A 'dirty' build is being performed, this will likely lead to inaccurate navigation"
    warning, printed on every rebuild of every language: ``hook_incremental`` rebuilds what it names."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(
            ("A 'dirty' build is being performed", "The directory contains stale files")))


class Session:
    """The preview of this process: whether it rebuilds incrementally, the current plan, and what the
    last rebuild left for the next (its complete search entries and sitemap paths)."""

    def __init__(self):
        self.active = False
        self.tracker = Tracker()
        self.plan: Plan | None = None
        self.codes: tuple[str, ...] = ()
        self.finished = True
        self.rebuilt: set[str] = set()
        self.search_docs: list[dict] | None = None
        self.pages: set[str] | None = None
        self.templates = TemplateCache()
        self.renders = RenderCache()
        self._filter = DirtyNotice()

    def start(self, incremental: bool) -> None:
        """``on_startup``: incremental under ``mkdocs serve --dirty`` only."""
        self.active = incremental
        logger = logging.getLogger("mkdocs.commands.build")
        if incremental and self._filter not in logger.filters:
            logger.addFilter(self._filter)
        elif not incremental and self._filter in logger.filters:
            logger.removeFilter(self._filter)

    def begin(self, root: Path, docs_dir: Path, codes: tuple[str, ...], nav: frozenset[str] | None) -> Plan:
        """The plan of the rebuild that starts now (before it reads any file)."""
        self.codes = tuple(codes)
        self.plan = self.tracker.plan(root, docs_dir, codes, nav, finished=self.finished)
        self.finished = False
        self.rebuilt = set()
        if self.plan.full:
            self.search_docs = self.pages = None
            self.templates.names.clear()
            self.renders.clear()
        return self.plan

    def rebuilds(self, src_uri: str) -> bool:
        """Whether this rebuild redoes the page of ``src_uri`` (a full one redoes every page)."""
        return self.plan is None or self.plan.full or neutral(src_uri, self.codes) in self.plan.stems

    def search(self, merged: dict) -> dict:
        """This rebuild's merged index completed with the last one's entries of the pages not rebuilt."""
        if not self.active:
            return merged
        docs = merge_search(self.search_docs, merged.get("docs", []), self.rebuilt)
        self.search_docs = docs
        return {**merged, "docs": docs}

    def sitemap_paths(self, paths: set[str]) -> set[str]:
        """The sitemap's paths: this rebuild's pages and those of the last complete list (a rebuild that
        is not full adds and removes no page)."""
        if not self.active:
            return paths
        self.pages = set(paths) | (self.pages or set())
        return set(self.pages)

    def finish(self) -> None:
        self.finished = True


SESSION = Session()  # the one preview a process runs (MkDocs keeps hook modules for the whole process)
