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
    def __init__(self, terms: list[Term]):
        self.terms = terms
        # lang -> first two letters of an entry's first stem -> [(term, stems)]: a word is looked up by
        # its first one and two letters, so matching costs two dict lookups per word.
        self._index: dict[str, dict[str, list[tuple[Term, tuple[str, ...]]]]] = {}
        for term in terms:
            for lang, entries in term.match.items():
                for stems in entries:
                    self._index.setdefault(lang, {}).setdefault(stems[0][:2], []).append((term, stems))

    def find(self, text_words: list[str], lang: str) -> list[Term]:
        """The terms whose ``lang`` entries match ``text_words`` (casefolded words), in glossary order."""
        index = self._index.get(lang)
        if not index:
            return []
        found: dict[str, Term] = {}
        n = len(text_words)
        for i, word in enumerate(text_words):
            for key in {word[:1], word[:2]}:
                for term, stems in index.get(key, ()):
                    if term.id in found or i + len(stems) > n:
                        continue
                    if all(text_words[i + k].startswith(stem) for k, stem in enumerate(stems)):
                        found[term.id] = term
        return [term for term in self.terms if term.id in found]

    def matches(self, term: Term, text_words: list[str], lang: str) -> bool:
        n = len(text_words)
        for stems in term.match.get(lang, ()):
            for i in range(n - len(stems) + 1):
                if all(text_words[i + k].startswith(stem) for k, stem in enumerate(stems)):
                    return True
        return False


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
