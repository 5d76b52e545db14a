"""Author text is text: titles escaped wherever a theme template prints them, and author values escaped
where they go into generated Markdown.

MkDocs renders themes with Jinja's autoescaping off, and Material prints ``page.meta.title``,
``page.title`` and the navigation's titles as they are, so a front-matter title such as
``</title><script>…`` would become markup in ``<title>``, the header, the sidebar and the footer. Turning
autoescaping on is not an option (``page.content`` and the table of contents are HTML). Instead the
theme's templates are read through ``EscapingLoader``, which appends ``| e`` to exactly the title
expressions listed in ``TITLE_EXPRESSIONS`` wherever they are printed on their own; the copied or
written templates of ``overrides/`` escape what they print themselves. Copying Material's partials to
change one expression each would fall behind on every upgrade; ``tests/test_escaping.py`` pins where the
expressions occur in the installed Material, so an upgrade that moves them fails loudly.
"""
from __future__ import annotations

import re

import jinja2

# Python-Markdown's own backslash escapes (markdown.Markdown.ESCAPED_CHARS, with the tables and tilde
# extensions' additions) that can start markup inside a line: emphasis, code, links and images, attribute
# lists, footnotes, strike-through and smart symbols.
MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]()!+~|])")
# A line that starts with a number and a full stop is an ordered list item.
MARKDOWN_ORDERED = re.compile(r"^(\d+)(\.)")

# Page titles and other front-matter text as Material's templates print them (base.html,
# partials/header.html, nav-item.html, path-item.html, tabs-item.html, footer.html). The table of
# contents' titles are HTML already escaped by Python-Markdown's toc extension and stay as they are.
TITLE_EXPRESSIONS = ("page.meta.title", "page.title", "nav_item.title", "page.previous_page.title",
                     "page.next_page.title", "ref.title", "nav_item.meta.subtitle", "page.meta.description",
                     "page.meta.author")
# ``{{ expression }}`` alone or followed by ``| striptags`` / ``| d(...)``, and nothing else (an
# expression that already ends in ``| e`` or ``| urlencode`` is left as it is).
PRINTED = re.compile(
    r"\{\{(?P<open>-?)\s*(?P<expr>(?:" + "|".join(re.escape(e) for e in TITLE_EXPRESSIONS) + r")"
    r"(?:\s*\|\s*(?:striptags|d\([^(){}]*\)))?)\s*(?P<close>-?)\}\}")


def escape_titles(source: str) -> tuple[str, int]:
    """``source`` with every printed title expression escaped, and how many there were."""
    return PRINTED.subn(lambda m: f"{{{{{m['open']} ({m['expr']}) | e {m['close']}}}}}", source)


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly this text (surrounding spaces aside): raw HTML and
    entities are escaped, and so is every character that could start inline markup or, first on the
    line, make it a heading, list item or quote. For author text that goes into generated Markdown: a
    brief's lead paragraph (``make brief``), a brief's title in the listing, a glossary term."""
    text = text.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_INLINE.sub(r"\\\1", text)
    if text[:1] in ("#", "-"):
        return "\\" + text
    return MARKDOWN_ORDERED.sub(r"\1\\\2", text)


def markdown_without_html(text: str) -> str:
    """Markdown ``text`` with raw HTML turned into text (``<`` and ``&`` escaped), its Markdown kept:
    for a glossary definition, which may use emphasis and links but never markup of its own."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


class EscapingLoader(jinja2.BaseLoader):
    """A Jinja loader that reads templates through ``inner`` and escapes their printed titles."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template.endswith((".html", ".xml")):
            source = escape_titles(source)[0]
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()
