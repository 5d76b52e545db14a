"""What the check knows of each language's text, read from one data file per language
(``languages/<code>.yml``): its alphabet (to tell a block written in it from an untranslated copy or a
block in another language), its decimal sign and scale words (to read numbers), and, where the language
needs them, how words are normalised and which clitics may precede a stem (to match glossary terms).

No language is named in code: a language without a file is read with neutral rules (no alphabet, so no
script rule; the point as decimal sign; words compared case-insensitively). Adding a language to the
check is adding its file. Digits of any script (Arabic-Indic ٠–٩, Persian ۰–۹, ...) read as 0–9 in every
language, from the Unicode database; ``٫`` is a decimal sign and ``٬`` a thousands separator everywhere.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from sitekit import safeyaml
from sitekit.project import ConfigError

FOLDER = Path(__file__).with_name("languages")
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "percent": -2}
# Signs that follow a number in every language: the percent sign (ASCII, Arabic, full width)
SIGNS = {"percent": ("%", "\u066a", "\uff05")}


class LanguageDataError(ConfigError):
    """A language file cannot be used; the message names it."""


@dataclasses.dataclass(frozen=True)
class Rules:
    code: str | None
    letters: frozenset[str] = frozenset()
    distinctive: frozenset[str] = frozenset()
    decimal: str = "."
    scale: tuple[tuple[int, str], ...] = ()          # (power of ten, word pattern)
    drop: str = ""                                   # characters removed before words are compared
    fold: tuple[tuple[str, str], ...] = ()           # letters read as another
    prefixes: tuple[str, ...] = ()                   # clitics that may precede a stem, longest first

    @functools.cached_property
    def _table(self) -> dict:
        table = {ord(c): None for c in self.drop}
        table.update({ord(a): b for a, b in self.fold})
        return table

    def normalize(self, word: str) -> str:
        """A casefolded word as the glossary compares it."""
        return word.translate(self._table) if self._table else word

    def variants(self, word: str) -> tuple[str, ...]:
        """The word, and the word without each clitic prefix that leaves a stem of two letters or more."""
        out = [word]
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                out.append(word[len(prefix):])
        return tuple(out)


def _pattern(word: str) -> str:
    if not any(c.isalnum() for c in word):  # a sign (%): no word boundary after it
        return re.escape(word)
    if word.endswith("~"):
        return re.escape(word[:-1]) + r"\w*"
    if word.endswith("."):
        return re.escape(word[:-1]) + r"\b\.?"
    return re.escape(word) + r"\b"


def _text(value, name: str, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LanguageDataError(f"{name}: {key} is not text")
    return value


@functools.lru_cache(maxsize=None)
def rules(code: str | None) -> Rules:
    """The rules of language ``code`` (neutral ones when it has no file)."""
    if code is None or not re.match(r"^[A-Za-z0-9_-]+$", code):
        return Rules(code)
    path = FOLDER / f"{code}.yml"
    if not path.is_file():
        return Rules(code)
    name = f"scripts/i18ncheck/languages/{code}.yml"
    try:
        data = safeyaml.load(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # noqa: BLE001 - a broken data file of the check itself: say which
        raise LanguageDataError(f"{name}: cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise LanguageDataError(f"{name}: expected a mapping (letters: ..., decimal: ...)")
    if not isinstance(data.get("scale") or {}, dict) or not isinstance(data.get("normalize") or {}, dict):
        raise LanguageDataError(f"{name}: scale and normalize are mappings (scale: {{thousand: [...]}})")
    for key in ("letters", "decimal"):
        if key in data and not data[key]:
            raise LanguageDataError(f"{name}: {key} is empty (leave the key out, or give its value)")
    scale = []
    for key, words in (data.get("scale") or {}).items():
        if key not in SCALES or not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LanguageDataError(f"{name}: scale.{key} is not one of {', '.join(SCALES)} with a list of words")
        scale += [(SCALES[key], _pattern(w.casefold())) for w in words]
    normalize = data.get("normalize") or {}
    fold = normalize.get("fold") or {}
    prefixes = data.get("prefixes") or []
    if not isinstance(fold, dict) or not isinstance(prefixes, list):
        raise LanguageDataError(f"{name}: normalize.fold is a mapping, prefixes a list")
    decimal = _text(data.get("decimal"), name, "decimal") or "."
    if decimal not in (",", "."):
        raise LanguageDataError(f"{name}: decimal is ',' or '.'")
    base = Rules(code, frozenset(_text(data.get("letters"), name, "letters").casefold()),
                 frozenset(_text(data.get("distinctive"), name, "distinctive").casefold()), decimal, tuple(scale),
                 _text(normalize.get("drop"), name, "normalize.drop"),
                 tuple((str(a), str(b)) for a, b in fold.items()))
    folded = sorted({base.normalize(str(p).casefold()) for p in prefixes}, key=lambda p: (-len(p), p))
    return dataclasses.replace(base, prefixes=tuple(folded))


def known() -> list[str]:
    """The codes that have a data file."""
    return sorted(p.stem for p in FOLDER.glob("*.yml"))


@functools.lru_cache(maxsize=1)
def scale_words() -> tuple[tuple[int, str], ...]:
    """Every known language's scale words, one alternation per power of ten: a number in one language's
    text may carry another's unit (a Kazakh text writes млн as Russian does)."""
    by_power: dict[int, set[str]] = {SCALES[key]: {_pattern(sign) for sign in signs} for key, signs in SIGNS.items()}
    for code in known():
        for power, pattern in rules(code).scale:
            by_power.setdefault(power, set()).add(pattern)
    return tuple((power, "|".join(sorted(patterns, key=lambda x: (-len(x), x))))
                 for power, patterns in sorted(by_power.items()))
