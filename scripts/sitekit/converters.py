"""One Markdown converter per configuration, reset between pages.

MkDocs makes a new ``markdown.Markdown`` for every page it renders (``Page.render``), which builds the
parser and registers every extension again: about 2 ms a page before a word is converted, a tenth of what
converting a page costs. ``Converters`` keeps one converter per distinct configuration (the extensions and
their settings, which a language's build may change: the headings' permalink title is in the reader's
language) and hands it out reset, as Python-Markdown's ``reset()`` is meant for: every extension with
state (footnotes, abbreviations, the table of contents, the HTML stash, references) clears it there.
MkDocs then registers its per-page processors again, replacing the last page's by name.

``install`` makes MkDocs' page module use it for one run; ``uninstall`` restores Python-Markdown. A
property test renders random sequences of pages both ways and compares the HTML and tables of contents
(``tests/test_converters.py``).
"""
from __future__ import annotations

import markdown
from mkdocs.structure import pages


class Converters:
    """``markdown.Markdown(extensions=..., extension_configs=...)``, one instance per configuration."""

    def __init__(self):
        self._made: dict[str, markdown.Markdown] = {}

    def __call__(self, extensions=(), extension_configs=None, **options) -> markdown.Markdown:
        key = repr((extensions, extension_configs, sorted(options.items())))
        md = self._made.get(key)
        if md is None:
            md = self._made[key] = markdown.Markdown(extensions=extensions, extension_configs=extension_configs or {},
                                                     **options)
        else:
            md.reset()
        return md


class _Module:
    """What ``mkdocs.structure.pages`` sees as ``markdown``: the module, with ``Markdown`` reused."""

    def __init__(self, converters: Converters):
        self.Markdown = converters

    def __getattr__(self, name):
        return getattr(markdown, name)


def install() -> None:
    """Render this run's pages with reused converters."""
    if not isinstance(pages.markdown, _Module):
        pages.markdown = _Module(Converters())


def uninstall() -> None:
    pages.markdown = markdown
