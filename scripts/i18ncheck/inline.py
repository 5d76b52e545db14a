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

CODE_SPAN = re.compile(r"`(`*)(.+?)(?<!`)`\1(?!`)", re.S)  # starts with a literal: the engine skips to it
COMMENT = re.compile(r"<!--.*?-->", re.S)
# Links and images alike (an image's "!" stays in the text, where it does no harm); the pattern starts
# with a literal "[" so that the regex engine skips to it.
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([ \t]*<?([^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)")
REFERENCE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])+)\]\[([^\]]*)\]")
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
ATTR_LIST = re.compile(r"\{:?[ \t]*[#.:][^{}]*\}|\{:[^{}]*\}")
MARKER = re.compile(r"\[(\^[^\]\s]+|\d+(?:[ \t]*[,;–—-][ \t]*\d+)*)\](?![(\[])")
GROUP = "[ \u00a0\u202f\u2009]"
SCALE = (r"(?:[ \u00a0\u202f\u2009]?(?i:(?P<k>мың\w*|тыс\b\.?|тысяч\w*|thousand\w*)"
         r"|(?P<m>млн\b\.?|миллион\w*|million\w*|mn\b)|(?P<b>млрд\b\.?|миллиард\w*|billion\w*|bn\b)"
         r"|(?P<t>трлн\b\.?|триллион\w*|trillion\w*)))?")
SCALES = {"k": 10 ** 3, "m": 10 ** 6, "b": 10 ** 9, "t": 10 ** 12}
NUMBER = {  # comma as the decimal sign (kk, ru) / comma grouping thousands (en and the rest)
    # No (?<!\d): finditer starts a match only where the previous one ended, at the start of a digit run.
    # A leading \d outside the alternation lets the regex engine skip to the digits.
    True: re.compile(rf"(?P<n>\d(?:\d{{0,2}}(?:{GROUP}\d{{3}})+(?!\d)|\d*))(?P<f>[.,]\d+)?{SCALE}"),
    False: re.compile(rf"(?P<n>\d(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d{{0,2}}(?:{GROUP}\d{{3}})+(?!\d)|\d*))"
                      rf"(?P<f>\.\d+)?{SCALE}"),
}
ROMAN = re.compile(r"[IVXІХ][IVXІХ]+(?![^\W\d_])")  # and not preceded by a letter: checked in numbers()
DROP_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009,")
ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
WORD = re.compile(r"[^\W_]+")
COMMA_DECIMAL_LANGUAGES = frozenset({"kk", "ru"})


class Inline(typing.NamedTuple):
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
            targets.append(m.group(2))
            return f" {m.group(1)} "
        text = LINK.sub(_link, text)
    if "][" in text:
        def _reference(m):
            targets.append(f"[{(m.group(2) or m.group(1)).lower()}]")
            return f" {m.group(1)} "
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
            markers.append("[" + "".join(m.group(1).split()) + "]")
            return " "
        text = MARKER.sub(_marker, text)
    return Inline(tuple(numbers(text, lang)), tuple(markers), tuple(targets), tuple(code), text, lang)


def numbers(text: str, lang: str | None) -> list[tuple[int | Decimal, str]]:
    """The numbers of ``text`` as (value, as written), in order. Values are ints, or Decimals where there
    is a fraction; the two compare and hash alike (``Decimal("6") == 6``)."""
    found = []
    for m in NUMBER[lang in COMMA_DECIMAL_LANGUAGES].finditer(text):
        digits = m.group("n")
        if not digits.isdigit():
            digits = digits.translate(DROP_GROUPING)
        fraction = m.group("f")
        value = Decimal(f"{digits}.{fraction[1:]}") if fraction else int(digits)
        if m.lastgroup in SCALES:
            value *= SCALES[m.lastgroup]
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else value.normalize()
        found.append((m.start(), value, m.group(0).strip()))
    if "I" in text or "X" in text or "V" in text or "І" in text or "Х" in text:
        for m in ROMAN.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            latin = m.group(0).replace("І", "I").replace("Х", "X")
            if ROMAN_VALID.match(latin):
                found.append((m.start(), _roman(latin), m.group(0)))
        found.sort(key=lambda item: item[0])
    return [(value, written) for _, value, written in found]


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
    if len(found) == len(expected) and all(key(a) == key(b) for a, b in zip(found, expected)):
        return [], []
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
