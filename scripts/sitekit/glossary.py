"""The glossary pages, generated from ``data/glossary.yml`` (the same file the translation check uses
for terminology). ``hook_site.py`` puts the rendered glossary at the ``<!-- glossary -->`` marker of
``docs/glossary.<lang>.md``.
"""
from __future__ import annotations

import functools
import html
from pathlib import Path

import yaml

from sitekit import escaping, strings

MARKER = "<!-- glossary -->"


def load(path: Path) -> list[dict]:
    return list(_parse(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _parse(text: str) -> tuple[dict, ...]:
    """The terms of one text of the file, parsed once a build, not once per language (PyYAML's pure-Python
    loader takes about 60 ms for this file; its C loader, when installed, a tenth of that)."""
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return tuple(data.get("terms") or [])


def render(terms: list[dict], lang: str, codes: tuple[str, ...]) -> str:
    """Markdown: one section per term, sorted in the reader's alphabet, with its equivalents."""
    others = [code for code in codes if code != lang]
    out = []
    for term in sorted(terms, key=lambda t: t[lang]["term"].casefold()):
        name = term[lang]["term"]
        equivalents = "; ".join(
            f'<span lang="{code}">{html.escape(term[code]["term"])}</span> ({code})' for code in others
        )
        out.append(
            f"## {escaping.markdown_text(name)} {{#{term['id']}}}\n\n"
            f"{escaping.markdown_without_html(term['definition'][lang].strip())}\n\n"
            f"*{strings.t(lang, 'glossary_equivalents')}:* {equivalents}\n"
        )
    return "\n".join(out)
