"""The glossary (``data/glossary.yml``) as the terminology check reads it.

Each term has, per language, ``term`` (the approved form) and ``match`` (a list of entries; an entry is
a space-separated sequence of word stems; a stem matches a word that starts with it, case-insensitively,
and the stems of an entry match consecutive words). Text and stems are split into words the same way
(letters and digits; a hyphen separates words), so ``e-diploma`` matches ``e-diplomacy``.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path


from i18ncheck import languages
from sitekit import safeyaml
from i18ncheck.inline import word_offsets, words


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
        self.problems: list[tuple[int, str]] = []  # (line, message): terms left out, see load()
        # lang -> the first letters (up to KEY) of an entry's first stem -> [(term, stems)]: a block's
        # candidate terms are the keys its words' first letters hit, one set intersection per block.
        self._index: dict[str, dict[str, list[tuple[Term, tuple[str, ...]]]]] = {}
        for term in terms:
            for lang, entries in term.match.items():
                for stems in entries:
                    self._index.setdefault(lang, {}).setdefault(stems[0][:self.KEY], []).append((term, stems))
        self._key_lengths = {lang: sorted({len(key) for key in index}) for lang, index in self._index.items()}
        self._found: dict[tuple[str, str], list[Term]] = {}

    def prepare(self, text: str, lang: str) -> list:
        """The words of ``text`` as the matching reads them: casefolded and normalised strings, or, in a
        language whose words may carry clitic prefixes (its data file lists them), tuples of the word
        and the word without each prefix."""
        found = words(text, lang)
        rules = languages.rules(lang)
        return [rules.variants(w) for w in found] if rules.prefixes else found

    def find(self, text: str, lang: str) -> list[Term]:
        """The terms whose ``lang`` entries match ``text``, in glossary order (remembered: a source block
        is looked up once for each of its translations)."""
        found = self._found.get((text, lang))
        if found is None:
            found = self._found[(text, lang)] = self._find(self.prepare(text, lang), lang)
        return found

    def _find(self, text_words: list, lang: str) -> list[Term]:
        index = self._index.get(lang)
        if not index or not text_words:
            return []
        keys: set[str] = set()
        for length in self._key_lengths[lang]:
            for word in text_words:
                if isinstance(word, tuple):
                    keys.update(v[:length] for v in word)
                else:
                    keys.add(word[:length])
        found: set[str] = set()
        for key in keys & index.keys():
            starts = [i for i, word in enumerate(text_words) if _starts(word, key)]
            for term, stems in index[key]:
                if term.id not in found and any(_matches_at(stems, text_words, i) for i in starts):
                    found.add(term.id)
        return [term for term in self.terms if term.id in found] if found else []

    def matches(self, term: Term, text_words: list, lang: str) -> bool:
        """Whether one of ``term``'s ``lang`` entries matches ``text_words`` (from ``prepare``)."""
        return self._first(term, text_words, lang) is not None

    def _first(self, term: Term, text_words: list, lang: str) -> int | None:
        for stems in term.match.get(lang, ()):
            first = stems[0]
            for i, word in enumerate(text_words):
                if _starts(word, first) and _matches_at(stems, text_words, i):
                    return i
        return None

    def offset(self, term: Term, text: str, lang: str) -> int | None:
        """Where in ``text`` the first match of ``term`` starts (None when it does not match)."""
        i = self._first(term, self.prepare(text, lang), lang)
        if i is None:
            return None
        offsets = word_offsets(text)
        return offsets[i] if i < len(offsets) else None


def _starts(word, stem: str) -> bool:
    if isinstance(word, tuple):
        return any(v.startswith(stem) for v in word)
    return word.startswith(stem)


def _matches_at(stems: tuple[str, ...], text_words: list, i: int) -> bool:
    """Whether the stems match consecutive words from ``text_words[i]``."""
    if i + len(stems) > len(text_words):
        return False
    for k, stem in enumerate(stems):
        if not _starts(text_words[i + k], stem):
            return False
    return True


def load(path: Path, languages: tuple[str, ...], name: str, optional: tuple[str, ...] = ()) -> Glossary | None:
    """The glossary at ``path`` (``name`` is how messages call it); None when there is no glossary.

    A file that is not a YAML mapping with a ``terms`` list is a ``GlossaryError`` (a configuration error);
    an incomplete or malformed term is left out of the matching and listed in ``Glossary.problems`` as
    ``(line, message)``: the glossary pages would crash on it or show it broken. A language in
    ``optional`` (declared in progress in mkdocs.yml) may lack a term: the pages leave it out there."""
    try:
        found = safeyaml.read_text(path, name)
    except safeyaml.Unusable as exc:
        raise GlossaryError(str(exc)) from None
    if found is None:
        return None
    text, data = found[0], found[1] or {}
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{name}: expected a mapping with a 'terms' list (terms: [{{id, kk: {{term, match}}, ...}}])")
    starts = [i + 1 for i, line in enumerate(text.split("\n")) if ENTRY_START.match(line)]
    terms, seen, problems = [], {}, []
    for number, entry in enumerate(data["terms"], 1):
        line = starts[number - 1] if number <= len(starts) and len(starts) == len(data["terms"]) else 1
        found = list(_problems(entry, number, languages, seen, line, optional))
        problems += [(line, message) for message in found]
        if found:
            continue
        seen[entry["id"]] = line
        present = [lang for lang in languages if isinstance(entry.get(lang), dict)]
        terms.append(Term(entry["id"], {lang: entry[lang]["term"] for lang in present},
                          {lang: tuple(tuple(words(s, lang)) for s in entry[lang].get("match") or [entry[lang]["term"]])
                           for lang in present}))
    glossary = Glossary(terms)
    glossary.problems = problems
    return glossary


ENTRY_START = re.compile(r"^\s*-\s")
ANCHOR_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _problems(entry, number: int, languages: tuple[str, ...], seen: dict, line: int, optional: tuple[str, ...] = ()):
    """What keeps one term from being matched and rendered."""
    if not isinstance(entry, dict):
        yield f"term {number} is not a mapping (write - id: ..., then one key per language and definition)"
        return
    term_id = entry.get("id")
    if not isinstance(term_id, str) or not ANCHOR_ID.match(term_id):
        yield (f"term {number} needs an id of ascii letters, digits, - and _ (found {_show(term_id)}); "
               "it is the term's anchor on the glossary pages")
        return
    if term_id in seen:
        yield f"term {term_id} is listed twice (first at line {seen[term_id]})"
        return
    definition = entry.get("definition")
    for lang in languages:
        forms = entry.get(lang)
        if lang in optional and forms is None and not (isinstance(definition, dict) and lang in definition):
            continue  # a language in progress that has no entry for this term yet
        if not isinstance(forms, dict) or not _text(forms.get("term")):
            yield f"term {term_id} has no {lang} term (write {lang}: {{term: ..., match: [...]}})"
            continue
        stems = forms.get("match")
        if stems is not None and not (isinstance(stems, list) and stems
                                      and all(isinstance(x, str) and words(x, lang) for x in stems)):
            yield f"term {term_id}: {lang}.match is not a list of word stems (found {_show(stems)})"
        if not (isinstance(definition, dict) and _text(definition.get(lang), one_line=False)):
            yield f"term {term_id} has no {lang} definition (write definition: {{{lang}: ...}})"


def _text(value, one_line: bool = True) -> bool:
    """Whether ``value`` is text the glossary page can show (one line for a term)."""
    if not isinstance(value, str) or not value.strip():
        return False
    if any(ord(c) < 32 and c not in ("\n" if not one_line else "") for c in value.strip()):
        return False
    return True


def _show(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."
