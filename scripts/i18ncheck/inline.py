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
import re
import typing
from decimal import Decimal

# Everything inline that is not prose, in one pass. Each alternative starts with a literal character, so
# the regex engine skips straight to the next "<", "`", "[" or "{". An image's "!" stays in the text.
SCAN = re.compile(
    r"<(?:(?P<comment>!--.*?-->)|(?P<url>(?:https?|ftp|mailto):[^>\s]+)>)"
    r"|`(?P<ticks>`*)(?P<code>.+?)(?<!`)`(?P=ticks)(?!`)"
    r"|\[(?:(?P<ltext>(?:[^\[\]]|\[[^\]]*\])*)\]\([ \t]*<?(?P<target>[^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"
    r"|(?P<rtext>(?:[^\[\]]|\[[^\]]*\])+)\]\[(?P<label>[^\]]*)\]"
    r"|(?P<marker>\^[^\]\s]+|\d+(?:[ \t]*[,;–—-][ \t]*\d+)*)\](?![(\[]))"
    r"|\{(?P<attr>:?[ \t]*[#.:][^{}]*|:[^{}]*)\}", re.S)
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
GROUP = "[ \u00a0\u202f\u2009]"
SCALE = (r"(?:[ \u00a0\u202f\u2009]?(?i:(мың\w*|тыс\b\.?|тысяч\w*|thousand\w*)"
         r"|(млн\b\.?|миллион\w*|million\w*|mn\b)|(млрд\b\.?|миллиард\w*|billion\w*|bn\b)"
         r"|(трлн\b\.?|триллион\w*|trillion\w*)))?")
# (whole, integer digits, fraction, thousand, million, billion, trillion). ASCII digits, led by one outside
# the alternation so that the regex engine skips to them; no (?<![0-9]) needed: a match starts only
# where the previous one ended, at the start of a digit run.
NUMBER = {
    # kk, ru: a comma is the decimal sign
    True: re.compile(rf"(([0-9](?:[0-9]{{0,2}}(?:{GROUP}[0-9]{{3}})+(?![0-9])|[0-9]*))([.,][0-9]+)?{SCALE})"),
    # en and the rest: a comma groups thousands
    False: re.compile(rf"(([0-9](?:[0-9]{{0,2}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]{{0,2}}(?:{GROUP}[0-9]{{3}})+(?![0-9])"
                      rf"|[0-9]*))(\.[0-9]+)?{SCALE})"),
}
ROMAN = re.compile(r"[IVXІХ][IVXІХ]+(?![^\W\d_])")  # and not preceded by a letter: checked in numbers()
DROP_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009,")
ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
WORD = re.compile(r"[^\W_]+")
COMMA_DECIMAL_LANGUAGES = frozenset({"kk", "ru"})


class Inline(typing.NamedTuple):
    numbers: tuple[tuple[int | Decimal, str], ...]   # (value, as written)
    values: tuple[int | Decimal, ...]                # the values alone, in order
    markers: tuple[str, ...]
    targets: tuple[str, ...]
    code: tuple[str, ...]
    words: str                                  # prose: link text kept, code and URLs removed
    lang: str | None


def extract(text: str, lang: str | None) -> Inline:
    code: list[str] = []
    targets: list[str] = []
    markers: list[str] = []

    def inline(m: re.Match) -> str:
        kind = m.lastgroup
        if kind == "code":
            value = m.group("code")
            code.append(value.strip() or value)
            return " "
        if kind == "target":
            targets.append(m.group("target"))
            return f" {SCAN.sub(inline, m.group('ltext'))} "
        if kind == "label":
            targets.append(f"[{(m.group('label') or m.group('rtext')).lower()}]")
            return f" {SCAN.sub(inline, m.group('rtext'))} "
        if kind == "marker":
            markers.append("[" + "".join(m.group("marker").split()) + "]")
        elif kind == "url":
            targets.append(m.group("url"))
        return " "

    if "]:" in text:
        def definition(m: re.Match) -> str:
            targets.append(m.group(2))
            return f" [{m.group(1)}] "
        text = DEFINITION.sub(definition, text)
    text = SCAN.sub(inline, text)
    found = tuple(numbers(text, lang))
    return Inline(found, tuple(v for v, _ in found), tuple(markers), tuple(targets), tuple(code), text, lang)


def numbers(text: str, lang: str | None) -> list[tuple[int | Decimal, str]]:
    """The numbers of ``text`` as (value, as written): Arabic numerals in order, then Roman ones. Values are
    ints, or Decimals where there is a fraction; the two compare and hash alike (``Decimal("6") == 6``)."""
    found = []
    for whole, digits, fraction, thousand, million, billion, trillion in NUMBER[lang in COMMA_DECIMAL_LANGUAGES].findall(text):
        if not digits.isdigit():
            digits = digits.translate(DROP_GROUPING)
        value = Decimal(f"{digits}.{fraction[1:]}") if fraction else int(digits)
        if thousand or million or billion or trillion:
            value *= 10 ** 3 if thousand else 10 ** 6 if million else 10 ** 9 if billion else 10 ** 12
        if fraction:
            value = int(value) if value == value.to_integral_value() else value.normalize()
        found.append((value, whole.strip()))
    if "I" in text or "X" in text or "V" in text or "І" in text or "Х" in text:
        for m in ROMAN.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            latin = m.group(0).replace("І", "I").replace("Х", "X")
            if ROMAN_VALID.match(latin):
                found.append((_roman(latin), m.group(0)))
    return found


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


def words(text: str, lang: str | None = None) -> list[str]:
    return WORD.findall(text.casefold())
