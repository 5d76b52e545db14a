"""MkDocs hook: the preview rebuilds what a save affects, not the whole site (a thin adapter over
``sitekit/incremental.py``).

Only under ``make serve`` (``mkdocs serve --dirty``, which keeps the site folder between rebuilds and
renders a page only when its output is missing or older than its source). At the start of each rebuild
the plan is made from the files' contents: a full rebuild empties the site folder; otherwise the outputs
of the pages the plan names (every language's file of each saved page, the briefs listing, the status
page) are removed in each language's build, so MkDocs renders exactly those. The pages it does not
render keep their output; those in the navigation are still read for their titles. After the languages
are built, the merged search index is completed with the last index's entries of the pages not rebuilt
(before ``hook_site.py`` splits it per language), and ``hook_site.py`` completes the sitemap's pages the
same way. A rebuilt page whose final Markdown is unchanged (a counterpart rebuilt for its notice) gets its
last HTML back instead of being converted again, and the theme's templates stay compiled. ``mkdocs build`` (``make site``, CI) never takes this path.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs import utils
from mkdocs.plugins import event_priority

from sitekit import incremental, project

SESSION = incremental.SESSION


def on_startup(command, dirty):
    SESSION.start(command == "serve" and dirty)


def _outer(config) -> bool:
    plugin = config.plugins.get("i18n")
    return not (plugin is not None and plugin.building)


def _nav_paths(items) -> set[str]:
    out = set()
    for item in items or ():
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                out |= _nav_paths(value) if isinstance(value, list) else ({value} if isinstance(value, str) else set())
    return out


@event_priority(110)  # before the other hooks read any file
def on_config(config):
    if not SESSION.active or not _outer(config):
        return config
    proj = project.load(Path(config.config_file_path).parent)
    nav = frozenset(_nav_paths(config.nav)) if config.nav is not None else None
    SESSION.begin(Path(proj.root), Path(config.docs_dir), proj.codes, nav)
    SESSION.templates.install(config.theme)  # compiled templates kept from the last rebuild
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "is_dirty"):
            plugin.is_dirty = False  # Material's merge of dirty rebuilds keeps one page's entries: ours below
    return config


def on_pre_build(config):
    if SESSION.active and _outer(config) and SESSION.plan.full and os.path.isdir(config.site_dir):
        utils.clean_directory(config.site_dir)  # what a stock rebuild does: no output outlives its page


@event_priority(-200)  # after static-i18n (-100) and hook_site (-150) have chosen each page's file
def on_files(files, config):
    if not SESSION.active or SESSION.plan.full:
        return files
    for file in files.documentation_pages():
        if SESSION.rebuilds(file.src_uri):
            try:
                os.remove(file.abs_dest_path)  # no output: MkDocs renders the page (File.is_modified)
            except FileNotFoundError:
                pass
    return files


@event_priority(-200)
def on_nav(nav, config, files):
    """The navigation shows every page's title: pages MkDocs will not read are read (not rendered)."""
    if SESSION.active and not SESSION.plan.full:
        for page in nav.pages:
            if page.markdown is None and not page.file.is_modified():
                page.read_source(config)
    return nav


@event_priority(-1000)  # after every hook's on_page_markdown: the Markdown MkDocs converts
def on_page_markdown(markdown, page, config, files):
    """A page whose final Markdown is the same as in the last rebuild gets its last HTML back."""
    if SESSION.active:
        plugin = config.plugins.get("i18n")
        SESSION.renders.attach(page, markdown, getattr(plugin, "current_language", None) or "")
    return markdown


def on_post_page(output, page, config):
    if SESSION.active:
        SESSION.rebuilt.add(page.url)
    return output


@event_priority(-150)  # after static-i18n (-100) merged the languages' indexes, before hook_site (-200) splits it
def on_post_build(config):
    """The merged search index: this rebuild's entries (static-i18n's, every language's, in build order)
    with the last index's entries of the pages not rebuilt. Material's own merge of a dirty rebuild's index
    with its last one keeps the entries of one page only, so its file is replaced here."""
    if not SESSION.active or not _outer(config):
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    current = _search_entries(config)
    if path.exists() and current is not None:
        merged = SESSION.search({**json.loads(path.read_text(encoding="utf-8")), "docs": current})
        path.write_text(json.dumps(merged, separators=(",", ":"), default=str), encoding="utf-8")
    SESSION.finish()  # a later failure (on_build_error) makes the next rebuild full again


def _search_entries(config) -> list | None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and hasattr(i18n, "search_entries"):
        return list(i18n.search_entries)
    for name in ("material/search", "search"):
        index = getattr(config.plugins.get(name), "search_index", None)
        if index is not None:
            return list(getattr(index, "entries", []))
    return None


def on_build_error(error):
    if SESSION.active:
        SESSION.finished = False
