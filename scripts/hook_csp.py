"""MkDocs hook: a Content-Security-Policy ``<meta>`` on every HTML page (a thin adapter over sitekit.csp).

The allow-list is read from the theme's templates once a build, when the Jinja environment exists
(``on_env``); a template that cannot be allowed stops the build with a message. Each page's policy is the
allow-list rendered for the page's base URL, taken from the template context MkDocs gives the page, never
from the page's HTML. Pages come through ``on_post_page``; theme pages such as ``404.html`` through
``on_post_template``. A page that cannot carry the policy is a warning, which ``--strict`` turns into a
failed build. Inline code the policy will block is logged at info level (the translation check is what
keeps it out of ``docs/``; the policy is the second line).
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitekit import csp

log = logging.getLogger("mkdocs.hooks.csp")

# `mkdocs serve` injects a live-reload script that changes on every request; only on_startup knows the
# command, and `serve` keeps this module for the whole process, so the command is kept here. The other
# entries are one build's: set again by on_env and the context events of every build.
STATE: dict = {"command": "build", "allowlist": None, "base_url": {}}


def on_startup(command, dirty):
    STATE["command"] = command


def on_env(env, config, files):
    try:
        STATE["allowlist"] = csp.allowlist(lambda name: env.loader.get_source(env, name)[0],
                                           scope=(config.extra or {}).get("scope"))
    except csp.CSPError as exc:
        raise PluginError(f"Content-Security-Policy: {exc}") from None
    STATE["base_url"] = {}
    return env


@event_priority(-100)
def on_page_context(context, page, config, nav):
    STATE["base_url"][("page", page.url)] = context.get("base_url", ".")
    return context


@event_priority(-100)
def on_template_context(context, template_name, config):
    STATE["base_url"][("template", template_name)] = context.get("base_url", ".")
    return context


def _apply(html: str, where: str, key: tuple[str, str]) -> str:
    allowed = STATE["allowlist"] or csp.Allowlist()
    base_url = STATE["base_url"].pop(key, ".")
    live_reload = STATE["command"] == "serve"
    try:
        out = csp.apply(html, allowed, base_url, live_reload=live_reload)
    except csp.CSPError as exc:
        log.warning("%s: %s", where, exc)
        return html
    if not live_reload:
        stopped = csp.blocked(html, allowed, base_url)
        count = len(stopped.scripts) + len(stopped.style_elements) + len(stopped.style_attributes)
        if count:
            log.info("%s: %d inline script(s) or style(s) not in the allow-list; browsers will not run them",
                     where, count)
    return out


@event_priority(-100)
def on_post_page(output, page, config):
    return _apply(output, page.file.src_uri, ("page", page.url))


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return _apply(output_content, template_name, ("template", template_name))
