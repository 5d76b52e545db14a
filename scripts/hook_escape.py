"""MkDocs hook: titles are printed as text in every theme template (a thin adapter over sitekit.escaping).

MkDocs creates the theme's Jinja environment once a build; ``on_env`` reads its templates through a loader
that escapes the printed titles (``sitekit/escaping.py``).
"""
from __future__ import annotations

from sitekit import escaping


def on_env(env, config, files):
    if not isinstance(env.loader, escaping.EscapingLoader):
        env.loader = escaping.EscapingLoader(env.loader)
    return env
