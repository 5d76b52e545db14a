"""MkDocs hook: ``mkdocs build`` builds the languages side by side (a thin adapter over
``sitekit/parallel.py``), and compiles the theme's templates once for all of them.

Once the default language's build has emptied the site folder (``on_files``, first of all handlers), the
process forks a child for each further group of languages; static-i18n's loop over the other languages
then builds the parent's own group and, at a child's first language, waits for that child instead of
building (its ``build`` is wrapped for the duration of the build). What static-i18n keeps from each
language's build for the end of the run (the search entries it merges) is sent back by the children;
the other hooks register theirs themselves. Only ``mkdocs build`` (``make site``, CI, the benchmark) takes
this path, and only with more than one process (``SITE_JOBS``, default: the CPUs); ``mkdocs serve`` (the
preview, threaded) and a dirty build never fork.

MkDocs makes a new Jinja environment for every language's build, which compiles every template and lists
Material's thousands of theme files again, and a new Markdown converter for every page: from the outer
build's ``on_config`` on, the environments share one ``incremental.TemplateCache`` (the preview keeps its
own across rebuilds, ``hook_incremental.py``) and pages of the same configuration one converter, reset
between pages (``sitekit/converters.py``).
"""
from __future__ import annotations

import logging
import os

import mkdocs_static_i18n.plugin as static_i18n
from mkdocs import utils
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs_static_i18n.utils import I18nLoggingFilter

from sitekit import converters, incremental, parallel

STATE: dict = {"command": None, "dirty": False, "run": None, "original": None, "plugin": None, "entries": 0}


def on_startup(command, dirty):
    STATE.update(command=command, dirty=dirty)
    parallel.ENABLED["build"] = command == "build" and not dirty and hasattr(os, "fork")


def on_config(config):
    plugin = config.plugins.get("i18n")
    if STATE["command"] == "build" and not (plugin is not None and plugin.building):
        incremental.TemplateCache().install(config.theme)  # one run's languages share compiled templates
        converters.install()  # and their pages Markdown converters, reset between pages
    return config


@event_priority(1000)  # the first handler: nothing of the default language's build is kept yet
def on_files(files, config):
    plugin = config.plugins.get("i18n")
    if (plugin is None or plugin.building or STATE["run"] is not None or STATE["command"] != "build"
            or STATE["dirty"] or not hasattr(os, "fork")):
        return files
    try:
        processes = parallel.processes()
    except parallel.JobsError as exc:
        raise PluginError(str(exc)) from None
    groups = parallel.plan(plugin.build_languages, plugin.current_language, processes)
    if len(groups) < 2:
        return files
    original = static_i18n.build
    STATE.update(run=parallel.Run(), original=original, plugin=plugin, entries=len(plugin.search_entries))
    STATE["run"].start(groups[1:], lambda group: _build_group(plugin, config, group, original))
    static_i18n.build = _build_or_join
    return files


def _build_group(plugin, config, group: tuple[str, ...], build) -> dict:
    """In a child: build ``group`` as static-i18n's loop builds every language but the first; return what
    the parent takes in (``parallel.collect``)."""
    STATE.update(run=None)  # a child has no children of its own (its siblings are the parent's)
    utils.clean_directory = lambda path: path  # as static-i18n's loop: the site folder was emptied once
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_inner_builds())
    plugin.building = True
    for locale in group:
        plugin.current_language = locale
        build(config, dirty=False)
    return parallel.collect(group)


def _quiet_inner_builds() -> logging.Filter:
    """static-i18n's filter of its inner builds' "Documentation built in" lines."""
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.add("Documentation built in")
    quiet.filtered_prefixes.add("Building documentation to directory")
    return quiet


def _build_or_join(config, dirty=False):
    """static-i18n's ``build`` while children run: a child's language is waited for, not built."""
    run, plugin = STATE["run"], STATE["plugin"]
    if run is not None and plugin.current_language in run.languages():
        try:
            run.join(plugin.current_language)
        except parallel.ChildFailed as exc:
            raise (Abort if exc.kind == "Abort" else PluginError)(str(exc)) from None
        return None
    return STATE["original"](config, dirty=dirty)


def _static_i18n_entries(group):
    """What static-i18n keeps from a language's build: its search entries (those added since the fork)."""
    plugin = STATE["plugin"]
    return list(plugin.search_entries[STATE["entries"]:]) if plugin is not None else []


def _merge_static_i18n_entries(entries) -> None:
    STATE["plugin"].search_entries.extend(entries)


parallel.share("static-i18n", _static_i18n_entries, _merge_static_i18n_entries)


def _finish() -> None:
    converters.uninstall()
    run = STATE["run"]
    if run is not None:
        run.abandon()
    if STATE["original"] is not None:
        static_i18n.build = STATE["original"]
    STATE.update(run=None, original=None, plugin=None)


@event_priority(-1000)  # after every other handler of the outer build
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is None or not plugin.building:
        _finish()


def on_build_error(error):
    _finish()


def on_shutdown():
    _finish()
