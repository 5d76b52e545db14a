"""MkDocs hook: the site-wide pieces static-i18n and Material leave open.

A thin adapter over ``sitekit``: per-language search indexes, sitemaps with alternates, absolute hreflang
links for the page head. static-i18n runs one build per language, so every event below fires once per
language; the whole-site outputs are written once, after the last language is built.
"""
from __future__ import annotations

import gzip
import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_date

from sitekit import alternates, project, search, sitemap

log = logging.getLogger("mkdocs.hooks.site")

# Per-run state. MkDocs re-imports nothing on `serve` rebuilds, so it is reset in on_startup/on_config.
STATE: dict = {"pages": {}}


def _i18n(config):
    return config.plugins.get("i18n")


def current_language(config) -> str:
    plugin = _i18n(config)
    return plugin.current_language if plugin else config.theme["language"]


def on_config(config):
    proj = project.load(Path(config.config_file_path).parent)
    STATE["project"] = project.Project(proj.root, proj.docs_dir, proj.site_url_from(config.site_url), proj.languages)
    STATE["pages"][current_language(config)] = set()
    return config


def on_page_context(context, page, config, nav):
    proj = STATE["project"]
    lang, path = alternates.identity(page.url, proj)
    STATE["pages"].setdefault(lang, set()).add(path)
    context["hreflang_links"] = alternates.alternates(page.url, proj)
    context["language_root"] = proj.language(current_language(config)).prefix
    return context


@event_priority(-200)  # after static-i18n (-100) has built the other languages and merged the index
def on_post_build(config):
    plugin = _i18n(config)
    if plugin is not None and plugin.building:
        return  # an inner, per-language build: the whole-site files are written by the outer one
    proj = STATE["project"]
    site_dir = Path(config.site_dir)
    search.write(site_dir, proj)
    paths = set().union(*STATE["pages"].values()) if STATE["pages"] else set()
    lastmod = get_build_date()
    sitemap.write(site_dir, sorted(paths), proj, lastmod)
    with (site_dir / "sitemap.xml").open("rb") as src, gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
        gz.write(src.read())
