"""The glossary (``data/glossary.yml``) as the terminology check reads it.

Each term has, per language, ``term`` (the approved form) and ``match`` (a list of entries; an entry is
a space-separated sequence of word stems; a stem matches a word that starts with it, case-insensitively,
and the stems of an entry match consecutive words). Text and stems are split into words the same way
(letters and digits; a hyphen separates words), so ``e-diploma`` matches ``e-diplomacy``.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from i18ncheck.inline import words

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader


class GlossaryError(Exception):
    """``data/glossary.yml`` cannot be used; the message says where and what to write instead."""


@dataclasses.dataclass(frozen=True)
class Term:
    id: str
    term: dict[str, str]                                   # lang -> approved form
    match: dict[str, tuple[tuple[str, ...], ...]]          # lang -> entries of stems


class Glossary:
    KEY = 4  # letters of a stem that index it

    def __init__(self, terms: list[Term]):
        self.terms = terms
        # lang -> the first letters (up to KEY) of an entry's first stem -> [(term, stems)]: a block's
        # candidate terms are the keys its words' first letters hit, one set intersection per block.
        self._index: dict[str, dict[str, list[tuple[Term, tuple[str, ...]]]]] = {}
        for term in terms:
            for lang, entries in term.match.items():
                for stems in entries:
                    self._index.setdefault(lang, {}).setdefault(stems[0][:self.KEY], []).append((term, stems))
        self._key_lengths = {lang: sorted({len(key) for key in index}) for lang, index in self._index.items()}
        self._found: dict[tuple[str, str], list[Term]] = {}

    def find(self, text: str, lang: str) -> list[Term]:
        """The terms whose ``lang`` entries match ``text``, in glossary order (remembered: a source block
        is looked up once for each of its translations)."""
        found = self._found.get((text, lang))
        if found is None:
            found = self._found[(text, lang)] = self._find(words(text), lang)
        return found

    def _find(self, text_words: list[str], lang: str) -> list[Term]:
        index = self._index.get(lang)
        if not index or not text_words:
            return []
        keys: set[str] = set()
        for length in self._key_lengths[lang]:
            keys.update(word[:length] for word in text_words)
        found: set[str] = set()
        for key in keys & index.keys():
            starts = [i for i, word in enumerate(text_words) if word.startswith(key)]
            for term, stems in index[key]:
                if term.id not in found and any(_matches_at(stems, text_words, i) for i in starts):
                    found.add(term.id)
        return [term for term in self.terms if term.id in found] if found else []

    def matches(self, term: Term, text_words: list[str], lang: str) -> bool:
        """Whether one of ``term``'s ``lang`` entries matches ``text_words`` (casefolded words)."""
        for stems in term.match.get(lang, ()):
            first = stems[0]
            for i, word in enumerate(text_words):
                if word.startswith(first) and _matches_at(stems, text_words, i):
                    return True
        return False


def _matches_at(stems: tuple[str, ...], text_words: list[str], i: int) -> bool:
    """Whether the stems match consecutive words from ``text_words[i]``."""
    if i + len(stems) > len(text_words):
        return False
    for k, stem in enumerate(stems):
        if not text_words[i + k].startswith(stem):
            return False
    return True


def load(path: Path, languages: tuple[str, ...], name: str) -> Glossary | None:
    """The glossary at ``path`` (``name`` is how messages call it); None when there is no glossary."""
    if not path.exists():
        return None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{name}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise GlossaryError(f"{name}{where}: not valid yaml ({getattr(exc, 'problem', None) or exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{name}: expected a mapping with a 'terms' list (terms: [{{id, kk: {{term, match}}, ...}}])")
    terms, seen = [], set()
    for number, entry in enumerate(data["terms"], 1):
        where = f"{name}: term {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise GlossaryError(f"{where}: needs an 'id' (a string)")
        if entry["id"] in seen:
            raise GlossaryError(f"{where}: id {entry['id']!r} is used twice")
        seen.add(entry["id"])
        term, match = {}, {}
        for lang in languages:
            forms = entry.get(lang)
            if not isinstance(forms, dict) or not isinstance(forms.get("term"), str):
                raise GlossaryError(f"{where} ({entry['id']}): needs '{lang}: {{term: ..., match: [...]}}'")
            stems = forms.get("match") or [forms["term"]]
            if not isinstance(stems, list) or not all(isinstance(s, str) and words(s) for s in stems):
                raise GlossaryError(f"{where} ({entry['id']}): '{lang}.match' must be a list of word stems")
            term[lang] = forms["term"]
            match[lang] = tuple(tuple(words(s)) for s in stems)
        terms.append(Term(entry["id"], term, match))
    return Glossary(terms)
