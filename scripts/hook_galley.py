"""MkDocs hook: the article's PDF galleys, one per language it is written or translated in (a thin
adapter over ``sitekit/galley.py``).

``hook_scholarly.py`` gives an article page in its own language (never a fallback: a pending translation
has no PDF) its ``scholarly`` context, which names the PDF beside the page; this hook, listed after it,
collects what the PDF is made from — the page's words and rendered body — and, once every language is
built, writes each PDF into the site. A PDF is typeset only when what it is made from changed (a
content-hash cache in ``.cache/galley/``, or ``$GALLEY_CACHE``): an edit to a brief under ``make serve``
copies the article's PDFs from the cache. Its dates come from ``SOURCE_DATE_EPOCH`` (the Makefile sets
it from the last commit), or else from the date of the online edition, never from the clock.
"""
from __future__ import annotations

import datetime
import functools
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitekit import galley, labels, messages, parallel, project

log = logging.getLogger("mkdocs.hooks.galley")
FONTS = "data/galley.yml"
PANGO_HINT = ("; WeasyPrint needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
              "(README.md, setup)")

# State of one run (all its languages); reset in on_config, since `mkdocs serve` does not re-import hooks.
STATE: dict = {}


def _queued(group: tuple[str, ...]) -> list:
    """The PDFs the builds of ``group`` queued (in a child, ``sitekit/parallel.py``): typeset by the parent."""
    return [entry for entry in STATE.get("queue", ()) if entry[0].lang in group]


parallel.share("hook_galley", _queued, lambda queued: STATE["queue"].extend(queued))


def current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin else config.theme["language"]


def _outer(config) -> bool:
    plugin = config.plugins.get("i18n")
    return not (plugin is not None and plugin.building)


def on_config(config):
    if not _outer(config):
        return config  # static-i18n's inner build of another language: the same run
    root = Path(config.config_file_path).parent
    try:
        fonts = galley.load_fonts(root / FONTS, FONTS)
    except galley.GalleyError as exc:
        raise PluginError(f"galley: {exc}") from None
    missing = galley.missing_files(fonts)
    if missing:
        raise PluginError("galley: " + "; ".join(missing))
    STATE.clear()
    STATE.update(root=root, fonts=fonts, queue=[])
    return config


def on_page_context(context, page, config, nav):
    scholarly = context.get("scholarly")
    if not scholarly or not scholarly.get("pdf") or not scholarly.get("front"):
        return context
    lang = current_language(config)
    proj = project.load(STATE["root"])
    meta, front, t = page.meta, scholarly["front"], scholarly["labels"]
    running = proj.language(lang).name
    source = meta.get("source_lang") or lang
    if source != lang:
        running += " · " + labels.translated_from(lang, source, messages.for_project(proj))
    item = galley.Galley(
        lang=lang, title=str(meta["title"]).strip(),
        short_title=str(meta.get("short_title") or meta["title"]).strip(),
        author=front["author"], author_label=t["author"],
        edition_label=t["edition_date"], edition_date=meta["published"], edition_text=front["edition_text"],
        url_label=t["page_url"], url=scholarly["url"],
        abstract_label=t["abstract"], abstract=front["abstract"],
        keywords_label=t["keywords"], keywords=tuple(front["keywords"]),
        running_language=running, body_html=page.content or "",
    )
    dest = Path(config.site_dir) / Path(page.file.dest_uri).parent / scholarly["pdf"]["href"]
    STATE["queue"].append((item, dest, proj.site_url_from(config.site_url)))
    return context


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config):
    if not _outer(config):
        return
    site_dir = Path(config.site_dir)
    cache = Path(os.environ.get("GALLEY_CACHE") or STATE["root"] / ".cache" / "galley")
    # each PDF on its own: side by side in a build (sitekit/parallel.py), their messages logged here
    tasks = [functools.partial(_publish, entry, site_dir, cache) for entry in STATE.get("queue", ())]
    for level, message in parallel.each(tasks):
        log.log(level, "%s", message)


def _publish(entry, site_dir: Path, cache: Path) -> tuple[int, str]:
    """Typeset (or copy from the cache) one PDF; the message to log, never an exception."""
    item, dest, site_url = entry
    shown = dest.relative_to(site_dir).as_posix()
    try:
        typeset = galley.publish(item, STATE["fonts"], dest, cache=cache, created=_created(item.edition_date),
                                 site_url=site_url, site_dir=site_dir)
    except galley.GalleyError as exc:
        return logging.WARNING, f"galley: {exc}"
    except OSError as exc:  # WeasyPrint loads Pango (a shared library) when it first typesets
        hint = (PANGO_HINT if "library" in str(exc) else "")
        return logging.WARNING, f"galley: {shown}: cannot typeset ({exc}){hint}"
    except Exception as exc:  # WeasyPrint's own failures: a finding, not a traceback
        return logging.WARNING, f"galley: {shown}: cannot typeset ({type(exc).__name__}: {exc})"
    return logging.INFO, f"galley: {shown} {'typeset' if typeset else 'unchanged, copied from the cache'}"


def _created(edition: datetime.date) -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime(edition.year, edition.month, edition.day, tzinfo=datetime.timezone.utc)
