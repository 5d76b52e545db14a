"""MkDocs hook: a Content-Security-Policy ``<meta>`` on every HTML page (a thin adapter over sitekit.csp).

Runs last (priority -100) so that the hashes cover the page as written, after every other hook and
plugin has changed it. Pages come through ``on_post_page``; theme pages such as ``404.html`` through
``on_post_template``. A page that cannot carry the policy is a warning, which ``--strict`` turns into a
failed build.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from sitekit import csp

log = logging.getLogger("mkdocs.hooks.csp")

# `mkdocs serve` injects a live-reload script that changes on every request; only on_startup knows the
# command, and `serve` keeps this module for the whole process, so the command is kept here.
COMMAND: dict[str, str] = {"name": "build"}


def on_startup(command, dirty):
    COMMAND["name"] = command


def _apply(html: str, where: str) -> str:
    try:
        return csp.apply(html, live_reload=COMMAND["name"] == "serve")
    except csp.CSPError as exc:
        log.warning("%s: %s", where, exc)
        return html


@event_priority(-100)
def on_post_page(output, page, config):
    return _apply(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return _apply(output_content, template_name)
