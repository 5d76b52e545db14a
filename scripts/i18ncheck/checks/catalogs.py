"""The message catalogs (``data/locales/<code>.po``, ``sitekit/messages.py``): every configured language
has one, with every message of the fallback catalog and the same ``{placeholders}``. A gap is a finding,
never a crash: the site then shows that message from the fallback catalog."""
from __future__ import annotations

import gettext
import re
import string
from pathlib import Path

from i18ncheck.registry import check
from sitekit import messages



def _display(path: Path, root: Path) -> str:
    for base in (root, messages.ROOT):
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(Path(root).resolve())
        return True
    except ValueError:
        return False


MALFORMED = "\0malformed"  # an unbalanced { or }: never printed, reported as such


def _fields(value) -> set[str]:
    texts = value if isinstance(value, (tuple, list)) else (value,)
    out = set()
    for text in texts:
        try:
            out |= {name for _, name, _, _ in string.Formatter().parse(text or "") if name is not None}
        except ValueError:
            out.add(MALFORMED)
    return out


def _read(path: Path, code: str):
    """(the catalog, None) or (None, (line, problem)): babel's "... on 10" becomes line 10."""
    try:
        catalog = messages.read_catalog(path, code)
    except messages.CatalogError as exc:
        text = str(exc)
        match = re.search(r":(\d+):", text)
        babel = re.search(r" on (\d+)$", text)  # babel counts lines from 0
        line = int(match.group(1)) if match else int(babel.group(1)) + 1 if babel else 1
        return None, (line, re.sub(r" on \d+$", "", text.split(": ", 1)[-1]))
    problem = _plural_problem(catalog)
    if problem:
        header = next((n for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1)
                       if line.startswith('"Plural-Forms:')), 1)
        return None, (header, problem)
    return catalog, None


def _plural_problem(catalog) -> str | None:
    """What keeps the site from choosing a plural form with the catalog's Plural-Forms (gettext compiles
    it when a page is built): an expression it cannot read, or one that picks a form the catalog lacks."""
    expression, count = catalog.plural_expr, catalog.num_plurals
    try:
        choose = gettext.c2py(expression)
        chosen = {choose(n) for n in range(0, 1001)}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, OverflowError) as exc:
        return f"Plural-Forms cannot be read ({' '.join(str(exc).split())[:80]}): write it as in the gettext manual"
    bad = sorted(form for form in chosen if not (isinstance(form, int) and 0 <= form < count))
    if bad:
        return f"Plural-Forms picks form {bad[0]}, but the catalog has nplurals={count} (forms 0 to {count - 1})"
    return None


@check("tree")
def message_catalog(tree, context):
    """Every configured language has a message catalog holding every message of the fallback catalog."""
    proj = context.project
    root = proj.root
    paths = {}
    for code in dict.fromkeys((*proj.codes, proj.messages_fallback)):
        found = [p for p in (messages.catalog_path(root, code), messages.catalog_path(messages.ROOT, code))
                 if p.exists()]
        paths[code] = found[0] if found else None
    fallback_path = paths[proj.messages_fallback]
    if fallback_path is None:
        yield (messages.FOLDER / f"{proj.messages_fallback}.po").as_posix(), 1, (
            f"no message catalog for the fallback language {proj.messages_fallback} "
            "(extra.messages_fallback in mkdocs.yml names the catalog every missing message comes from)")
        return
    fallback, problem = _read(fallback_path, proj.messages_fallback)
    if problem:
        yield _display(fallback_path, root), problem[0], problem[1]
        return
    for code in proj.codes:
        path = paths[code]
        if path is None:
            yield (messages.FOLDER / f"{code}.po").as_posix(), 1, (
                f"language {code} has no message catalog: its pages would show the {proj.messages_fallback} "
                f"words (copy {_display(fallback_path, root)} and translate every msgstr)")
            continue
        if code == proj.messages_fallback:
            continue
        catalog, problem = _read(path, code)
        if problem:
            yield _display(path, root), problem[0], problem[1]
            continue
        shown = _display(path, root)
        for message in fallback:
            if not message.id or message.context:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            own = catalog.get(key)
            if own is None or not messages.translated(own.string):
                yield shown, 1, (f"message {key!r} is missing: readers of {code} see it in "
                                 f"{proj.messages_fallback} ({_display(fallback_path, root)}:{message.lineno})")
                continue
            expected, found = _fields(message.string), _fields(own.string)
            if MALFORMED in found:
                yield shown, own.lineno, (f"message {key!r} has an unbalanced {{ or }} (write {{{{ or }}}} for a "
                                          "literal brace)")
                found.discard(MALFORMED)
            if found - expected:
                yield shown, own.lineno, (f"message {key!r} uses {{{', '.join(sorted(found - expected))}}}, "
                                          f"which the site does not fill in (expected {sorted(expected) or 'none'})")
            if isinstance(own.string, (tuple, list)) and not all(own.string):
                yield shown, own.lineno, f"message {key!r} leaves a plural form empty"
        if not _inside(path, root):
            continue  # the engine's catalog serves this language: its extra messages are the engine's
        for message in catalog:
            if message.id and message.context:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                if fallback.get(key) is None:
                    yield shown, message.lineno, (f"message {key!r} (context {message.context}) is not a message "
                                                  f"of the site ({_display(fallback_path, root)} has no {key!r})")
