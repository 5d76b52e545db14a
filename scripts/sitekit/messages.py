"""Every word the site's own templates and hooks show a reader, read from gettext catalogs.

One catalog per language, ``data/locales/<code>.po`` (the format translation tools speak), read with
Babel. A message id is a key (``notice.stale``), not an English sentence: the English text lives in the
English catalog like every other language's. ``CONTRIBUTING.md`` says how to add a message.

Lookups, in order:

1. the reader's catalog, the message in the context of the other language when there is one
   (``msgctxt "kk"`` on ``notice.translated_from``: "Это перевод с казахского языка."): a phrase that
   depends on two languages is a whole message per pair where the grammar needs it;
2. the reader's catalog, the message without context, where ``{language}`` is the other language's name
   in the reader's language from Babel (CLDR), phrased so that a name in the nominative fits;
3. the fallback catalog (``extra.messages_fallback`` in ``mkdocs.yml``, English here), the same two steps.

A message missing from a catalog is no crash: it is shown from the fallback catalog and the translation
check reports it (``scripts/i18ncheck/checks/catalogs.py``). Plural messages (``msgid_plural``) use the
catalog's ``Plural-Forms`` header, so Arabic gets its six forms and Kazakh its one.
"""
from __future__ import annotations

import dataclasses
import functools
import gettext
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from sitekit.project import ROOT

FOLDER = Path("data") / "locales"


class CatalogError(Exception):
    """A catalog that cannot be read; the message says ``path:line: what``."""


@dataclasses.dataclass(frozen=True)
class Messages:
    """The catalogs of one project, by language code, and the code of the fallback catalog."""

    catalogs: dict
    fallback: str
    # the answers of _lookup, by (lang, key, context), and the views made of them (``labels.labels``, by
    # ("labels", lang)): a build asks for the same few dozen messages on every page of every language (the
    # catalogs are read once and never change in a Messages)
    _found: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def _lookup(self, lang: str, key: str, context: str | None):
        """(message, language of its catalog, found with context) or None."""
        memo = (lang, key, context)
        if memo not in self._found:
            self._found[memo] = self._search(lang, key, context)
        return self._found[memo]

    def _search(self, lang: str, key: str, context: str | None):
        for code in dict.fromkeys((lang, self.fallback)):
            catalog = self.catalogs.get(code)
            if catalog is None:
                continue
            for ctx in ((context, None) if context else (None,)):
                message = catalog.get(key, context=ctx)
                if message is not None and translated(message.string):
                    return message, code, ctx is not None
        return None

    def text(self, lang: str, key: str, *, other: str | None = None, count: int | None = None,
             **values) -> str:
        """The message ``key`` in ``lang`` with ``values`` filled in.

        ``other``: the second language the phrase is about (its per-pair message, else ``{language}`` is
        its name in the reader's language). ``count``: picks the plural form and fills ``{count}``."""
        found = self._lookup(lang, key, other)
        if found is None:
            raise KeyError(f"no catalog has the message {key!r} (add it to {FOLDER.as_posix()}/*.po)")
        message, code, _ = found
        string = message.string
        if isinstance(string, (tuple, list)):
            index = _plural(self.catalogs[code].plural_expr)(count if count is not None else 1)
            string = string[min(index, len(string) - 1)] or string[-1]
        if count is not None:
            values.setdefault("count", count)
        if other is not None:
            values.setdefault("language", language_name(other, code))
        return string.format(**values)

    def has(self, lang: str, key: str) -> bool:
        catalog = self.catalogs.get(lang)
        if catalog is None:
            return False
        message = catalog.get(key)
        return message is not None and translated(message.string)

    def strings(self, lang: str) -> list[str]:
        """Every translated text of ``lang``'s catalog (what its readers see of it)."""
        catalog = self.catalogs.get(lang)
        out = []
        for message in catalog or ():
            if message.id and translated(message.string):
                out += list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]
        return out

    def keys(self, lang: str) -> set[str]:
        """The message ids (without context) of ``lang``'s catalog that have a translation."""
        catalog = self.catalogs.get(lang)
        if catalog is None:
            return set()
        return {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog
                if m.id and not m.context and translated(m.string)}


def translated(string) -> bool:
    if isinstance(string, (tuple, list)):
        return any(string)
    return bool(string)


@functools.lru_cache(maxsize=32)
def _plural(expression: str):
    return gettext.c2py(expression)


@functools.lru_cache(maxsize=256)
def language_name(code: str, in_lang: str) -> str:
    """The name of the language ``code`` in the language ``in_lang`` (CLDR via Babel), the code if unknown."""
    try:
        return Locale.parse(code).get_display_name(Locale.parse(in_lang)) or code
    except (ValueError, UnknownLocaleError):
        return code


@functools.lru_cache(maxsize=64)
def direction(code: str) -> str:
    """``rtl`` or ``ltr``: the direction the script of ``code`` is written in (CLDR via Babel)."""
    try:
        order = Locale.parse(code).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def catalog_path(root: Path, code: str) -> Path:
    return root / FOLDER / f"{code}.po"


def read_catalog(path: Path, code: str) -> Catalog:
    """One catalog; a file that cannot be read is a ``CatalogError`` naming it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None
    return _parse(str(path), code, data)


@functools.lru_cache(maxsize=64)
def _parse(name: str, code: str, data: bytes) -> Catalog:
    try:
        return read_po(io.BytesIO(data), locale=code, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError(f"{name}: {exc}") from None
    except (UnicodeDecodeError, ValueError, UnknownLocaleError) as exc:
        raise CatalogError(f"{name}:1: not a readable gettext catalog ({exc})") from None


def load(root: Path = ROOT, codes=None, fallback: str | None = None) -> Messages:
    """The catalogs of the languages of ``mkdocs.yml`` under ``root`` (those present; the check reports
    the absent ones) and its fallback catalog. A publication's own ``data/locales/<code>.po`` wins; a
    language it has no catalog for uses the engine's, when the engine has one."""
    if codes is None or fallback is None:
        from sitekit import project
        proj = project.load(root)
        codes = proj.codes if codes is None else codes
        fallback = proj.messages_fallback if fallback is None else fallback
    catalogs = {}
    for code in dict.fromkeys((*codes, fallback)):
        for folder in dict.fromkeys((Path(root), ROOT)):  # the publication's catalog, else the engine's
            path = catalog_path(folder, code)
            if path.exists():
                catalogs[code] = read_catalog(path, code)
                break
    return Messages(catalogs, fallback)


def for_project(proj) -> Messages:
    """The catalogs of a loaded ``project.Project`` (read once a run)."""
    folders = dict.fromkeys((Path(proj.root) / FOLDER, ROOT / FOLDER))
    key = (proj.root, proj.codes, proj.messages_fallback,
           tuple((str(p), p.stat().st_mtime_ns) for f in folders for p in sorted(f.glob("*.po"))))
    return _cached(key)


@functools.lru_cache(maxsize=8)
def _cached(key) -> Messages:
    root, codes, fallback, _ = key
    return load(root, codes, fallback)
