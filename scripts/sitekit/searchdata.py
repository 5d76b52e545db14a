"""The search's data: ``data/search/<lang>.yml`` per language, ``synonyms.yml`` and ``settings.yml``.

``load`` reads and checks them for the languages ``mkdocs.yml`` lists and returns them, or raises
``SearchDataError`` listing every problem as ``path:line: message [search-data]``. A configured language
without a file searches as typed, by prefix, with no stemmer and no folding (``DEFAULT``); without
``synonyms.yml`` there are none, without ``settings.yml`` Material's own boosts stay.
data/search/README.md documents every key.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from sitekit import safeyaml

FOLDER = Path("data") / "search"
DEFAULT = {"lunr": {"lang": ["en"], "pipeline": []}, "stemmer": "none", "fold": {}, "lookalikes": {}, "proclitics": []}
STEMMERS = ("rules", "lunr", "none")
PIPELINE = ("trimmer", "stopWordFilter", "stemmer")
FIELDS = ("title", "text", "tags")
CLAUSES = ("exact", "stem", "synonym")
LANG_KEYS = ("lunr", "stemmer", "fold", "lookalikes", "proclitics", "rules")
RULE_KEYS = ("vowels", "back", "front", "alternation", "exceptions", "keep", "classes")
CLASS_KEYS = ("name", "min_root", "suffixes", "only_after")
MIN_ROOT = 2  # never strip below a two-letter root: «ел» must still work
CHECK = "search-data"


class SearchDataError(Exception):
    """The search data cannot be used; ``str()`` lists every problem, one ``path:line: message`` a line."""


@dataclasses.dataclass(frozen=True)
class SearchData:
    languages: dict[str, dict]  # code → settings (DEFAULT where no file)
    synonyms: list[list[str]]
    fields: dict[str, float]
    clauses: dict[str, float]
    pages: dict[str, float] = dataclasses.field(default_factory=dict)  # page path → document boost


def lunr_languages() -> set[str]:
    """The lunr languages Material ships (``lunr.<code>.min.js``), plus lunr's own English."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    found = {m.group(1) for p in folder.glob("lunr.*.min.js") if (m := re.fullmatch(r"lunr\.(\w+)\.min\.js", p.name))}
    return (found - {"multi", "stemmer"}) | {"en"}


class _Reader:
    """One YAML file: its data, the line of every node, and the problems found in it."""

    def __init__(self, path: Path, root: Path, problems: list[str]):
        self.path, self.rel, self.problems = path, path.relative_to(root).as_posix(), problems
        self.lines: dict[tuple, int] = {}
        self.data = None
        try:
            text = path.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            self.data = safeyaml.load(text)  # no alias bomb, no key given twice
        except UnicodeDecodeError:
            self.report((), "not UTF-8 text")
            return
        except ValueError as exc:  # a date such as 2026-02-30, a number of thousands of digits
            self.problems.append(f"{self.rel}:1: not valid YAML ({' '.join(str(exc).split())[:200]}) [{CHECK}]")
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
            self.problems.append(f"{self.rel}:{line}: not valid YAML ({problem}) [{CHECK}]")
            return
        except OSError as exc:
            self.report((), f"cannot read ({exc.strerror})")
            return
        if node is not None:
            self._index(node, ())

    def _index(self, node, path: tuple) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = key.value
                self.lines[path + (k,)] = key.start_mark.line + 1
                self._index(value, path + (k,))
                self.lines[path + (k,)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, path + (i,))

    def report(self, path: tuple, message: str) -> None:
        while path and path not in self.lines:
            path = path[:-1]
        self.problems.append(f"{self.rel}:{self.lines.get(path, 1)}: {message} [{CHECK}]")


def _is_text(value) -> bool:
    return isinstance(value, str) and value != ""


def _check_letter_map(r: _Reader, value, path: tuple, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        r.report(path, f"{name} must map single letters to their replacements, found {type(value).__name__}")
        return
    for key, repl in value.items():
        if not isinstance(key, str) or len(key) != 1:
            r.report(path + (key,), f"{name}: key {key!r} is not a single letter")
        if not isinstance(repl, str) or len(repl) > 2:
            r.report(path + (key,), f"{name}: {key!r} maps to {repl!r}; expected a letter or an empty string")


def _check_language(r: _Reader, data, known_lunr: set[str]) -> None:
    if not isinstance(data, dict):
        r.report((), f"expected a mapping of {', '.join(LANG_KEYS)}, found {type(data).__name__}")
        return
    for key in data:
        if key not in LANG_KEYS:
            r.report((key,), f"unknown key {key!r} (expected one of {', '.join(LANG_KEYS)})")
    lunr = data.get("lunr")
    if not isinstance(lunr, dict) or not isinstance(lunr.get("lang"), list) or not lunr["lang"]:
        r.report(("lunr",), "lunr needs 'lang', a non-empty list of lunr languages (e.g. {lang: [en], pipeline: []})")
    else:
        for i, code in enumerate(lunr["lang"]):
            if code not in known_lunr:
                r.report(("lunr", "lang", i), f"lunr language {code!r} is not shipped with Material "
                                              f"(one of {', '.join(sorted(known_lunr))})")
        pipeline = lunr.get("pipeline", [])
        if not isinstance(pipeline, list) or any(p not in PIPELINE for p in pipeline):
            r.report(("lunr", "pipeline"), f"lunr pipeline must list some of {', '.join(PIPELINE)}, found {pipeline!r}")
    stemmer = data.get("stemmer", "none")
    if stemmer not in STEMMERS:
        r.report(("stemmer",), f"stemmer {stemmer!r} is not one of {', '.join(STEMMERS)}")
    _check_letter_map(r, data.get("fold"), ("fold",), "fold")
    _check_letter_map(r, data.get("lookalikes"), ("lookalikes",), "lookalikes")
    proclitics = data.get("proclitics", [])
    if not isinstance(proclitics, list) or not all(_is_text(p) and not re.search(r"\s", p) for p in proclitics):
        r.report(("proclitics",), f"proclitics must be a list of letter sequences (e.g. [ال, و]), found {proclitics!r}")
    if stemmer == "rules":
        _check_rules(r, data.get("rules"))
    elif "rules" in data:
        r.report(("rules",), f"rules given but stemmer is {stemmer!r} (write 'stemmer: rules' to use them)")


def _check_rules(r: _Reader, rules) -> None:
    path = ("rules",)
    if not isinstance(rules, dict):
        r.report(path, "stemmer 'rules' needs a 'rules' mapping with vowels and classes")
        return
    for key in rules:
        if key not in RULE_KEYS:
            r.report(path + (key,), f"unknown key {key!r} in rules (expected one of {', '.join(RULE_KEYS)})")
    for key in ("vowels", "back", "front"):
        if key in rules and not isinstance(rules[key], str) or key == "vowels" and not _is_text(rules.get(key)):
            r.report(path + (key,), f"rules.{key} must be a string of letters")
    _check_letter_map(r, rules.get("alternation"), path + ("alternation",), "alternation")
    exceptions = rules.get("exceptions") or {}
    if not isinstance(exceptions, dict) or not all(_is_text(k) and _is_text(v) for k, v in exceptions.items()):
        r.report(path + ("exceptions",), "rules.exceptions must map words to words")
    keep = rules.get("keep") or []
    if not isinstance(keep, list) or not all(_is_text(w) for w in keep):
        r.report(path + ("keep",), "rules.keep must be a list of words")
    classes = rules.get("classes")
    if not isinstance(classes, list) or not classes:
        r.report(path + ("classes",), "rules.classes must be a non-empty list of suffix classes")
        return
    for i, cls in enumerate(classes):
        here = path + ("classes", i)
        if not isinstance(cls, dict):
            r.report(here, "a suffix class is a mapping of name, min_root, suffixes and only_after")
            continue
        for key in cls:
            if key not in CLASS_KEYS:
                r.report(here + (key,), f"unknown key {key!r} in a suffix class (expected one of {', '.join(CLASS_KEYS)})")
        if not _is_text(cls.get("name")):
            r.report(here, "a suffix class needs a name")
        min_root = cls.get("min_root", MIN_ROOT)
        if not isinstance(min_root, int) or isinstance(min_root, bool) or min_root < MIN_ROOT:
            r.report(here + ("min_root",), f"min_root must be a whole number ≥ {MIN_ROOT}, found {min_root!r}")
        suffixes = cls.get("suffixes")
        if not isinstance(suffixes, list) or not suffixes or not all(_is_text(s) for s in suffixes):
            r.report(here + ("suffixes",), "suffixes must be a non-empty list of non-empty strings")
            continue
        only_after = cls.get("only_after") or {}
        if not isinstance(only_after, dict):
            r.report(here + ("only_after",), "only_after must map suffixes to lists of endings")
            continue
        for suffix, ends in only_after.items():
            if suffix not in suffixes:
                r.report(here + ("only_after", suffix), f"only_after names {suffix!r}, which is not a suffix of the class")
            if not isinstance(ends, list) or not ends or not all(_is_text(e) for e in ends):
                r.report(here + ("only_after", suffix), f"only_after {suffix!r} must list the endings it follows")


def _check_synonyms(r: _Reader, data, separator: str) -> list[list[str]]:
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        r.report((), "expected 'groups:', a list of lists of words")
        return []
    out = []
    for i, group in enumerate(groups):
        if not isinstance(group, list) or len(group) < 2 or not all(_is_text(w) for w in group):
            r.report(("groups", i), "a synonym group lists at least two words")
            continue
        bad = [w for w in group if re.search(separator, w)]
        if bad:
            r.report(("groups", i), f"{bad[0]!r} is more than one word for the search (list single words)")
            continue
        out.append([w.lower() for w in group])
    return out


def _check_numbers(r: _Reader, data, key: str, names: tuple[str, ...]) -> dict[str, float]:
    section = data.get(key) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        r.report((key,), f"expected '{key}:' with {', '.join(names)}")
        return {}
    out = {}
    for name in names:
        value = section.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            r.report((key, name), f"{key}.{name} must be a positive number, found {value!r}")
        else:
            out[name] = float(value)
    for name in section:
        if name not in names:
            r.report((key, name), f"unknown key {name!r} in {key} (expected one of {', '.join(names)})")
    return out


def _check_pages(r: _Reader, data) -> dict[str, float]:
    section = data.get("pages") if isinstance(data, dict) else None
    if section is None:
        return {}
    if not isinstance(section, dict):
        r.report(("pages",), "pages must map page paths (e.g. article/) to document boosts")
        return {}
    out = {}
    for path, value in section.items():
        if not isinstance(path, str) or path.startswith("/") or "#" in path:
            r.report(("pages", path), f"pages: {path!r} is not a page path under the language root (e.g. article/)")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            r.report(("pages", path), f"pages.{path} must be a positive number, found {value!r}")
        else:
            out[path] = float(value)
    return out


def load(root: Path, codes: tuple[str, ...], separator: str | None = None) -> SearchData:
    from sitekit import search

    separator = separator or search.SEPARATOR
    folder = Path(root) / FOLDER
    problems: list[str] = []
    known = lunr_languages()
    languages = {}
    for code in codes:
        path = folder / f"{code}.yml"
        if not path.exists():
            languages[code] = dict(DEFAULT)
            continue
        before = len(problems)
        reader = _Reader(path, Path(root), problems)
        if len(problems) == before:  # it parsed: check what it says
            _check_language(reader, reader.data, known)
        if len(problems) == before:
            languages[code] = {**DEFAULT, **reader.data}
    synonyms, fields, clauses, pages = [], {}, {}, {}
    for name in ("synonyms.yml", "settings.yml"):
        path = folder / name
        if not path.exists():
            continue  # no synonyms; Material's own field boosts
        reader = _Reader(path, Path(root), problems)
        if name == "synonyms.yml":
            synonyms = _check_synonyms(reader, reader.data, separator)
        else:
            fields = _check_numbers(reader, reader.data, "fields", FIELDS)
            clauses = _check_numbers(reader, reader.data, "clauses", CLAUSES)
            pages = _check_pages(reader, reader.data)
            for key in reader.data if isinstance(reader.data, dict) else ():
                if key not in ("fields", "clauses", "pages"):
                    reader.report((key,), f"unknown key {key!r} (expected fields, clauses, pages)")
    if problems:
        raise SearchDataError("\n".join(sorted(dict.fromkeys(problems), key=_order)))
    return SearchData(languages, synonyms, fields, clauses, pages)


def _order(line: str):
    path, _, rest = line.partition(":")
    number = rest.split(":", 1)[0]
    return path, int(number) if number.isdigit() else 0, line
