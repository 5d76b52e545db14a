"""``data/fonts.yml`` as ``make fonts`` (``sitekit/fonts.py``) reads it: the self-hosted text face of each
script, checked entry by entry so that the translation check reports every problem at its line.

A face's ``family`` is printed into ``fonts.css`` inside quotes, its ``package`` and ``subsets`` become
paths under ``node_modules/`` and ``docs/assets/fonts/``: each must be a plain name, never a path or CSS.
Every script a configured language writes in (CLDR's likely script: kk → Cyrl, ar → Arab) needs a face,
or its readers get whatever font their system has.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from sitekit import safeyaml

FILE = "data/fonts.yml"
FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
PACKAGE = re.compile(r"^(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$")   # an npm package name
SUBSET = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")                                      # ISO 15924
FEATURE = re.compile(r"^(?:\*|[A-Za-z0-9]{4}|[A-Za-z0-9]{1,3} *)$")          # an OpenType feature tag
EXAMPLE = "faces: [{family: Roboto, package: '@fontsource/roboto', subsets: [latin], scripts: [Latn]}]"


class FontsError(Exception):
    """``data/fonts.yml`` cannot be used; the message has one ``path:line: problem`` per line."""


@functools.lru_cache(maxsize=64)
def script_of(code: str) -> str:
    """The ISO 15924 script a language is written in, from CLDR's likely subtags (kk → Cyrl, ar → Arab)."""
    from babel.core import get_global
    likely = get_global("likely_subtags").get(code.split("_")[0].split("-")[0], "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else "Latn"


def read(path: Path, name: str = FILE, codes: tuple[str, ...] = ()) -> list[dict]:
    """The faces of ``path`` as keyword arguments of ``fonts.Face``; a ``FontsError`` listing every problem
    when there is one (with ``codes``, a configured language whose script has no face is one too)."""
    faces, problems = check(path, name, codes)
    if problems:
        raise FontsError("\n".join(f"{name}:{line}: {message}" for line, message in problems))
    return faces


def check(path: Path, name: str = FILE, codes: tuple[str, ...] = ()) -> tuple[list[dict], list[tuple[int, str]]]:
    """(the usable faces, the problems as (line, message)); no file is no face and no problem."""
    try:
        found = safeyaml.read_text(path, name)
    except safeyaml.Unusable as exc:
        return [], [(exc.line or 1, exc.problem)]
    if found is None:
        return [], []
    text, data = found
    node = yaml.compose(text, Loader=safeyaml.SafeLoader)  # the same document, for the lines of its entries
    entries = data.get("faces") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        return [], [(1, f"expected a mapping with a 'faces' list ({EXAMPLE})")]
    items = _child(node, "faces")
    faces, problems = [], []
    for number, entry in enumerate(entries):
        item = items.value[number] if items is not None and number < len(items.value) else None
        line = item.start_mark.line + 1 if item is not None else 1
        found_problems = list(_face(entry, number + 1))
        problems += [(_key_line(item, key) or line, message) for key, message in found_problems]
        if not found_problems:
            faces.append({"family": entry["family"], "package": entry["package"], "subsets": tuple(entry["subsets"]),
                          "scripts": tuple(entry.get("scripts") or ()), "features": tuple(entry.get("features") or ("*",))})
    covered = {script for entry in entries if isinstance(entry, dict) and isinstance(entry.get("scripts"), list)
               for script in entry["scripts"]}
    uncovered: dict[str, list[str]] = {}
    for code in codes:
        if script_of(code) not in covered:
            uncovered.setdefault(script_of(code), []).append(code)
    for script, langs in uncovered.items():
        problems.append((items.start_mark.line if items is not None else 1,
                         f"no face for the {script} script, in which {', '.join(langs)} "
                         f"{'is' if len(langs) == 1 else 'are'} written (add a face with scripts: [{script}], "
                         "then run make fonts)"))
    return faces, sorted(problems)


def _face(entry, number: int):
    """(key, problem) for each thing ``make fonts`` could not use in one face."""
    if not isinstance(entry, dict):
        yield None, f"face {number} is not a mapping (write - family: ..., package: ..., subsets: [...])"
        return
    family = entry.get("family")
    if not isinstance(family, str) or not FAMILY.match(family):
        yield "family", (f"face {number}: family {family!r} is not a font name of ascii letters, digits, spaces "
                         "and hyphens (it is written into fonts.css)")
    package = entry.get("package")
    if not isinstance(package, str) or not PACKAGE.match(package) or ".." in package:
        yield "package", f"face {number}: package {package!r} is not an npm package name (e.g. '@fontsource/roboto')"
    for key, pattern, what, required in (("subsets", SUBSET, "subset names of the package (latin, cyrillic-ext)", True),
                                         ("scripts", SCRIPT, "ISO 15924 script codes (Latn, Cyrl, Arab)", False),
                                         ("features", FEATURE, "OpenType feature tags (kern, liga) or '*'", False)):
        value = entry.get(key)
        if value is None and not required:
            continue
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and pattern.match(v) for v in value):
            yield key, f"face {number}: {key} is not a list of {what} (found {_show(value)})"
    unknown = sorted(str(k) for k in entry if k not in ("family", "package", "subsets", "scripts", "features"))
    if unknown:
        yield unknown[0], f"face {number}: unknown key {', '.join(unknown)} (family, package, subsets, scripts, features)"


def _child(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v if isinstance(v, yaml.SequenceNode) else None
    return None


def _key_line(item, key) -> int | None:
    if key is None or not isinstance(item, yaml.MappingNode):
        return None
    return next((k.start_mark.line + 1 for k, _ in item.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _show(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."
