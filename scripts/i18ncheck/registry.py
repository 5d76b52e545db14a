"""The checks, registered by a decorator: the id is the function's name with ``-`` for ``_``, the
one-line doc is the first line of its docstring (``python -m i18ncheck --list``).

A check is a small pure generator. What it receives and yields depends on its scope:

``tree``       ``fn(tree)`` over the whole docs tree            yields ``(path, line, message)``
``file``       ``fn(doc, context)`` over one Markdown file      yields ``(line, message)``
``page``       ``fn(page, context)`` over one page's languages  yields ``(doc, line, message, other, other_line)``
``structure``  ``fn(source_node, node)`` over aligned blocks    yields ``message``
``content``    ``fn(source_inline, inline, context)``           yields ``message``
``pair``       ``fn(pair, context)`` over translation + source  yields ``(line, message, other_line)``

``structure`` and ``content`` messages say ``{source}`` where the source file and line belong; the engine
fills it in. Checks know nothing of printing, exit codes or waivers.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Callable

SCOPES = ("tree", "file", "page", "structure", "content", "pair")


@dataclasses.dataclass(frozen=True)
class Check:
    id: str
    scope: str
    fn: Callable
    waivable: bool

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def check(scope: str, *, waivable: bool = False):
    """Register a check; ``waivable`` checks accept an ``<!-- i18n-waive: id: reason -->`` comment."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(fn: Callable) -> Callable:
        check_id = fn.__name__.replace("_", "-")
        if check_id in CHECKS:
            raise ValueError(f"check {check_id} is registered twice")
        CHECKS[check_id] = Check(check_id, scope, fn, waivable)
        return fn

    return register


@functools.lru_cache(maxsize=None)
def by_scope(scope: str, enabled: frozenset[str] | None = None) -> tuple[Check, ...]:
    """The checks of ``scope`` (the enabled ones), in registration order. Call after registration."""
    return tuple(c for c in CHECKS.values() if c.scope == scope and (enabled is None or c.id in enabled))
