"""What must survive translation inside one block: numbers, reference markers, link targets, inline code,
and the words the glossary is matched against.

Numbers are read in the convention of the block's language and compared by value: in Kazakh and
Russian a comma is the decimal sign (``1,23``), in English it groups thousands (``100,000``); a space, a
no-break space or a thin space groups thousands everywhere (``100 000``). A scale word multiplies
(``100 мың`` = ``100 тыс.`` = ``100 thousand`` = 100000; ``1,23 млрд`` = ``1.23 billion``). Ordinal and
case endings are not part of the number (``6-шы`` = ``6-й`` = ``6th`` = 6, ``2013 жылы`` = ``in 2013``);
a percent sign is not either (``76%`` = ``76 %``). Roman numerals of two or more letters count (``XXI``,
Cyrillic ``ХХІ``) = ``21st``. A number written in words is no number: if one language writes it in words,
the check reports it, and the translator waives it where the idiom wants words.
"""
from __future__ import annotations

import collections
import dataclasses
import re
from decimal import Decimal

CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\([ \t]*<?([^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)")
REFERENCE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])+)\]\[([^\]]*)\]")
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
ATTR_LIST = re.compile(r"\{:?[ \t]*[#.:][^{}]*\}|\{:[^{}]*\}")
MARKER = re.compile(r"\[(\^[^\]\s]+|\d+(?:[ \t]*[,;–—-][ \t]*\d+)*)\](?![(\[:])")
GROUP = "[ \u00a0\u202f\u2009]"
SCALE = re.compile(
    r"[ \u00a0\u202f\u2009]?(?:(мың|тыс\b\.?|тысяч|thousand)|(млн\b\.?|миллион|million|mn\b)"
    r"|(млрд\b\.?|миллиард|billion|bn\b)|(трлн\b\.?|триллион|trillion))", re.I)
SCALES = (Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9, Decimal(10) ** 12)
NUMBER_COMMA_DECIMAL = re.compile(rf"(?<!\d)(?:\d{{1,3}}(?:{GROUP}\d{{3}})+(?!\d)|\d+)(?:[.,]\d+)?")
NUMBER_DOT_DECIMAL = re.compile(rf"(?<!\d)(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d{{1,3}}(?:{GROUP}\d{{3}})+(?!\d)|\d+)(?:\.\d+)?")
ROMAN = re.compile(r"(?<![^\W\d_])[IVXІХ]{2,}(?![^\W\d_])")
ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
WORD = re.compile(r"[^\W_]+")
COMMA_DECIMAL_LANGUAGES = frozenset({"kk", "ru"})


@dataclasses.dataclass(frozen=True, slots=True)
class Inline:
    numbers: tuple[tuple[Decimal, str], ...]   # (value, as written)
    markers: tuple[str, ...]
    targets: tuple[str, ...]
    code: tuple[str, ...]
    words: str                                  # prose: link text kept, code and URLs removed
    lang: str | None


def extract(text: str, lang: str | None) -> Inline:
    code: list[str] = []
    targets: list[str] = []
    markers: list[str] = []
    if "<!--" in text:
        text = COMMENT.sub(" ", text)
    if "`" in text:
        def _code(m):
            code.append(m.group(2).strip() if m.group(2).strip() else m.group(2))
            return " "
        text = CODE_SPAN.sub(_code, text)
    if "](" in text:
        def _link(m):
            targets.append(m.group(3))
            return f" {m.group(2)} "
        text = LINK.sub(_link, text)
    if "][" in text:
        def _reference(m):
            targets.append(f"[{(m.group(3) or m.group(2)).lower()}]")
            return f" {m.group(2)} "
        text = REFERENCE_LINK.sub(_reference, text)
    if "]:" in text:
        def _definition(m):
            targets.append(m.group(2))
            return f" [{m.group(1)}] "
        text = DEFINITION.sub(_definition, text)
    if "<" in text:
        def _autolink(m):
            targets.append(m.group(1))
            return " "
        text = AUTOLINK.sub(_autolink, text)
    if "{" in text:
        text = ATTR_LIST.sub(" ", text)
    if "[" in text:
        def _marker(m):
            markers.append("[" + re.sub(r"[ \t]+", "", m.group(1)) + "]")
            return " "
        text = MARKER.sub(_marker, text)
    return Inline(tuple(numbers(text, lang)), tuple(markers), tuple(targets), tuple(code), text, lang)


def numbers(text: str, lang: str | None) -> list[tuple[Decimal, str]]:
    """The numbers of ``text`` as (value, as written), in order."""
    found = []
    pattern = NUMBER_COMMA_DECIMAL if lang in COMMA_DECIMAL_LANGUAGES else NUMBER_DOT_DECIMAL
    for m in pattern.finditer(text):
        written = m.group(0)
        digits = re.sub(GROUP, "", written)
        if lang in COMMA_DECIMAL_LANGUAGES:
            digits = digits.replace(",", ".")
        else:
            digits = digits.replace(",", "")
        value = Decimal(digits)
        if scale := SCALE.match(text, m.end()):
            value *= SCALES[scale.lastindex - 1]
            written += scale.group(0)
        found.append((m.start(), value, written.strip()))
    if any(c in text for c in "IVXІХ"):
        for m in ROMAN.finditer(text):
            latin = m.group(0).replace("І", "I").replace("Х", "X")
            if ROMAN_VALID.match(latin):
                found.append((m.start(), Decimal(_roman(latin)), m.group(0)))
    found.sort(key=lambda item: item[0])
    return [(canonical(value), written) for _, value, written in found]


def canonical(value: Decimal) -> Decimal:
    return value.normalize() if value else Decimal(0)


def _roman(latin: str) -> int:
    total = 0
    for i, ch in enumerate(latin):
        value = ROMAN_VALUES[ch]
        if i + 1 < len(latin) and ROMAN_VALUES[latin[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def difference(found, expected, key=lambda item: item) -> tuple[list, list]:
    """(items of ``found`` not in ``expected``, items of ``expected`` not in ``found``), as multisets, in
    order of appearance."""
    want = collections.Counter(key(item) for item in expected)
    have = collections.Counter(key(item) for item in found)
    extra_count, missing_count = have - want, want - have
    extra, missing = [], []
    for item in found:
        if extra_count[key(item)]:
            extra_count[key(item)] -= 1
            extra.append(item)
    for item in expected:
        if missing_count[key(item)]:
            missing_count[key(item)] -= 1
            missing.append(item)
    return extra, missing


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())
