"""The glossary pages, generated from ``data/glossary.yml`` (the same file the translation check uses
for terminology). ``hook_site.py`` puts the rendered glossary at the ``<!-- glossary -->`` marker of
``docs/glossary.<lang>.md``.
"""
from __future__ import annotations

import functools
import html
from pathlib import Path

import yaml

from sitekit import escaping
from sitekit.messages import language_name

MARKER = "<!-- glossary -->"


def load(path: Path) -> list[dict]:
    return list(_parse(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _parse(text: str) -> tuple[dict, ...]:
    """The terms of one text of the file, parsed once a build, not once per language (PyYAML's pure-Python
    loader takes about 60 ms for this file; its C loader, when installed, a tenth of that)."""
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return tuple(data.get("terms") or [])


def render(terms: list[dict], lang: str, codes: tuple[str, ...], msgs, directions: dict | None = None) -> str:
    """Markdown: one section per term, sorted in the reader's alphabet, with its equivalents, each marked
    with its own language and direction and named in the reader's language. A term the glossary has not
    translated into ``lang`` yet is left out (the translation check reports it), never shown in another
    language inside the reader's."""
    directions = directions or {}
    others = [code for code in codes if code != lang]
    out = []
    shown = [t for t in terms if isinstance(t.get(lang), dict) and t[lang].get("term")
             and isinstance(t.get("definition"), dict) and t["definition"].get(lang)]
    for term in sorted(shown, key=lambda t: t[lang]["term"].casefold()):
        name = term[lang]["term"]
        equivalents = "; ".join(
            f'<span lang="{code}" dir="{directions.get(code, "ltr")}">{html.escape(term[code]["term"])}</span>'
            f" ({html.escape(language_name(code, lang))})"
            for code in others if isinstance(term.get(code), dict) and term[code].get("term")
        )
        out.append(
            f"## {escaping.markdown_text(name)} {{#{term['id']}}}\n\n"
            f"{escaping.markdown_without_html(term['definition'][lang].strip())}\n\n"
            f"*{html.escape(msgs.text(lang, 'glossary.equivalents'))}:* {equivalents}\n"
        )
    return "\n".join(out)
