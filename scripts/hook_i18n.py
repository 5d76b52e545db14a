"""MkDocs hook: the translation check, page by page (a thin adapter over ``scripts/i18ncheck``).

For every page it builds, the hook

- (under the preview, or when the whole check could not run) logs the page's findings as warnings under
  ``mkdocs.hooks.i18n``, so ``mkdocs build --strict`` fails on unacknowledged drift (waived findings and
  acknowledged staleness are logged at info level);
- sets ``page.meta["i18n"]``, the data the templates render notices from (see ``page_meta``);
- removes ``<!-- i18n-waive: ... -->`` comments from the Markdown;
- replaces ``<!-- i18n-status -->`` with the table of every page's state, in the reader's language.

The check runs once per build: the hook takes the whole check's result from ``i18ncheck/cache.py``,
which the command line (``make check``, ``--cache``) has left for the same inputs, or runs it and leaves
it there for the next run, and reports all of it as the command line would (sorted; the tree-wide checks
and files no page is built from included; failing findings as warnings, so a strict build stops; then its
summary line): at the start of the build when the result is cached (or the build runs in one process), else
at its end, the check having run in a forked process of its own beside the languages' builds
(``sitekit/parallel.py``; also when the build fails for another reason). ``make site`` is that one build.
static-i18n runs one build per language and every event fires once per language. State lives in
``STATE``, reset in ``on_config`` of each ``mkdocs build`` (and each ``mkdocs serve`` rebuild, which re-runs
the events without re-importing the hook) and kept through static-i18n's inner builds of the other languages.

Under the preview (``mkdocs serve``, which ``make serve`` runs without ``--strict``; ``sitekit/preview.py``)
the findings are still warnings in the console, and the page also gets ``page.meta["i18n_preview"]``: the
banner ``partials/notices.html`` shows above its text, in the reader's language, listing the page's failing
findings with their lines. A build never sets it. After the preview's first build, the console lists only
the findings of the files that changed and of the translations whose source changed (``preview.Changes``);
when a save only edited existing pages, only their pages are checked again (``cache.recheck``), the rest of
the last result stands.
"""
from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from i18ncheck import cache, engine, status
from i18ncheck.cli import cpus
from i18ncheck.registry import by_scope
from i18ncheck.document import split_language
from i18ncheck.finding import summary
from i18ncheck.tree import Tree, load_context
from sitekit import messages, parallel, preview, project
from sitekit.project import ConfigError

log = logging.getLogger("mkdocs.hooks.i18n")
WAIVER_COMMENT = re.compile(r"^[ \t]*<!--\s*i18n-waive\b.*?-->[ \t]*(?:\n|\Z)", re.M | re.S)
STATE: dict = {}
CHANGES = preview.Changes()  # the preview's files at its last rebuild (a module's lifetime: the process's)
PREVIOUS: dict = {}  # the preview's last result of the check, by path
TREE_WIDE = frozenset(c.id for c in by_scope("tree", engine.ALL))
# The reader-facing state of a translation (status.State.state -> page.meta["i18n"]["state"]).
READER_STATE = {"source": "source", "translated": "translated", "stale": "stale",
                "stale-acknowledged": "stale", "unknown": "translated"}


def on_startup(command, dirty):
    preview.start(command)


@event_priority(100)  # before the other hooks and plugins read the data files and the pages
def on_config(config):
    plugin = config.plugins.get("i18n")
    if STATE and plugin is not None and plugin.building:
        # static-i18n's inner build of another language: the same files in the same run, so the tree and
        # the findings already computed (each language's build reports its own files from them) stand.
        return config
    STATE.clear()
    try:
        proj = project.load(Path(config.config_file_path).parent)
        # the preview's files as they are before this build reads them (preview.Changes)
        snapshot = preview.Changes.snapshot(Path(proj.root), Path(proj.docs_dir)) if preview.active() else None
        tree = Tree(proj)
        context = load_context(proj)
    except ConfigError as exc:
        raise PluginError(f"i18ncheck: {exc}") from None
    context.files = frozenset(tree.files)
    blocking = engine.blocking(tree, context)
    if blocking:
        # What the site's hooks and templates would crash on or publish broken (a data file entry, a page
        # that cannot be read, front matter that does not parse or holds values no page can show): the
        # build stops here, with the check's own messages, before anything reads it.
        shown = "\n".join(f.text() for f in blocking[:50]) + (f"\n... and {len(blocking) - 50} more" if len(blocking) > 50 else "")
        raise PluginError(f"i18ncheck: the build would break on these (run make check):\n{shown}")
    changed = CHANGES.since_last(proj.root, proj.docs_dir, snapshot) if preview.active() else None
    findings, beside = None, None
    if changed is not None and CHANGES.contents_only and PREVIOUS.get("by_path") is not None:
        # a preview's rebuild after edits of existing pages: only their pages are checked again
        try:
            by_path = cache.recheck(tree, context, PREVIOUS["by_path"], changed, TREE_WIDE)
        except Exception:  # noqa: BLE001 - the whole check, and its own fallback, then
            by_path = _by_path(_whole_check(tree, context))
    elif not preview.active() and (found := cache.cached(proj)) is not None:
        findings, by_path = found, _by_path(found)  # `make check` (or the last build) left this result
    elif not preview.active() and parallel.processes() > 1:
        # a build with more than one process and no result to read: the check runs in a process of its
        # own beside the languages' builds, and is reported at the end of the build (on_post_build)
        beside = parallel.Beside(lambda: cache.run(tree, context, jobs=1)[0], "the translation check")
        by_path = {}
    else:
        findings = _whole_check(tree, context)
        by_path = _by_path(findings)
    if findings is not None and not preview.active():
        _report_all(findings, tree)
    if preview.active():
        PREVIOUS["by_path"] = by_path
    # a build reports the whole check once (here or at its end), never page by page
    reported = not preview.active() and (findings is not None or beside is not None)
    STATE.update(tree=tree, context=context, findings={}, by_path=by_path, changed=changed, reported=reported,
                 beside=beside)
    return config


def _by_path(findings: list | None) -> dict | None:
    return cache.by_path(findings, TREE_WIDE) if findings is not None else None


def _report_all(findings: list, tree) -> None:
    """A build reports the whole check as the command line does (sorted, the tree-wide checks and the
    files no page is built from included, then its summary): `make site` runs the check once."""
    for finding in findings:
        (log.warning if finding.fails else log.info)(finding.text())
    log.info(summary(findings, len(tree.markdown)))


def _whole_check(tree, context) -> list | None:
    """Every finding of the whole check (from the cache the command line left for the same inputs, or
    computed and left there); None when the whole check fails, and the pages are then checked one by one
    as they are built, each failure a warning of its own."""
    try:
        # the preview rebuilds in a thread of a process with other threads (its server, its watcher):
        # no forked workers there
        findings, _ = cache.run(tree, context, jobs=1 if preview.active() else cpus())
    except Exception:  # noqa: BLE001 - the page-by-page path reports it, page by page
        return None
    return findings


@event_priority(-300)  # after static-i18n (-100) has built every language: the check had all that time
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if not (plugin is not None and plugin.building):
        _report_beside()


def on_build_error(error):
    _report_beside()  # a build that failed for another reason still shows what the check found


def _report_beside() -> None:
    """Wait for the check running beside the build, and report it."""
    beside = STATE.get("beside")
    if beside is None or not beside.owned:
        return  # none, or a language's build forked from the process that started it (it reports)
    STATE["beside"] = None
    try:
        findings = beside.result()
    except parallel.ChildFailed as exc:
        log.warning("i18ncheck: %s; run make check", exc)
        return
    _report_all(findings, STATE["tree"])


def build_language(config) -> str | None:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None)


def on_page_markdown(markdown, page, config, files):
    tree, context = STATE["tree"], STATE["context"]
    neutral, lang = split_language(page.file.src_uri)
    translated = tree.page(neutral)
    if translated is None or lang not in translated.docs:
        return markdown  # not a page in a configured language: the command line reports it
    build = build_language(config) or lang
    # static-i18n gives a fallback page the default language's file: its locale is not the build's.
    shown = getattr(page.file, "locale", None) or lang
    if shown == build:
        failing = _report(translated, translated.docs[lang], context)
        if preview.active():
            page.meta["i18n_preview"] = preview.banner(messages.for_project(context.project), build,
                                                       translated.docs[lang].path, failing)
    page.meta["i18n"] = page_meta(translated, context, build, shown, config.use_directory_urls)
    markdown = WAIVER_COMMENT.sub("", markdown)
    if status.MARKER in markdown:
        markdown = markdown.replace(status.MARKER, status.table(tree, context, shown, neutral))
    return markdown


def _report(translated, doc, context) -> list:
    """Log the findings of ``doc`` (its page's, computed once a build); return the failing ones."""
    by_path = STATE["by_path"]
    findings = by_path.get(doc.path, []) if by_path is not None else STATE["findings"].get(translated.uri)
    if findings is None:
        try:
            findings = engine.check_page(translated, context)
        except Exception as exc:  # noqa: BLE001 - a warning (strict fails), never a traceback mid-build
            log.warning("%s: i18ncheck could not check this page (%s: %s); run make check", doc.path,
                        type(exc).__name__, exc)
            findings = []
        STATE["findings"][translated.uri] = findings
    failing = []
    for finding in findings:
        if finding.path == doc.path:
            if preview.shown(finding, STATE["changed"]) and not STATE["reported"]:
                (log.warning if finding.fails else log.info)(finding.text())
            if finding.fails:
                failing.append(finding)
    return failing


def page_meta(translated, context, build: str, shown: str, use_directory_urls: bool) -> dict:
    """``page.meta["i18n"]``:

    ``state``        ``source`` | ``translated`` | ``stale`` | ``fallback`` (the text is another language's)
    ``source_lang``  the language the page was written in
    ``page_lang``    the language of the text shown (differs from ``build_lang`` for a fallback)
    ``build_lang``   the language being built
    ``source_url``   the source-language version's URL relative to the site root (``article/``,
                     ``ru/briefs/x/``), None when the page has no source
    ``stale_blocks`` the source lines of the source blocks changed since the last sync ([] unless stale)
    """
    source_lang = translated.source_lang
    state, stale = "fallback", []
    if shown == build:
        current = status.page_states(translated, context)[build]
        state, stale = READER_STATE[current.state], list(current.stale_lines)
    source_url = None
    if source_lang is not None:
        source_url = context.project.language(source_lang).prefix + page_url(translated.uri, use_directory_urls)
    return {"state": state, "source_lang": source_lang, "page_lang": shown, "build_lang": build,
            "source_url": source_url, "stale_blocks": stale}


def page_url(neutral: str, use_directory_urls: bool) -> str:
    """The language-neutral URL of a docs-relative page (``briefs/x.md`` → ``briefs/x/``), as MkDocs
    makes it."""
    stem = neutral[:-3]
    folder, name = posixpath.split(stem)
    if name == "README":
        name, stem = "index", posixpath.join(folder, "index")
    if not use_directory_urls:
        return f"{stem}.html"
    if name == "index":
        return f"{folder}/" if folder else ""
    return f"{stem}/"
