"""What must survive translation inside one block: numbers, reference markers, link targets, inline code,
and the words the glossary is matched against.

Numbers are read in the convention of the block's language and compared by value: in Kazakh and
Russian a comma is the decimal sign (``1,23``), in English it groups thousands (``100,000``); a space, a
no-break space or a thin space groups thousands everywhere (``100 000``). A scale word multiplies
(``100 мың`` = ``100 тыс.`` = ``100 thousand`` = 100000; ``1,23 млрд`` = ``1.23 billion``), a percent
sign or word divides by a hundred (``76%`` = ``76 %`` = ``76 процентов`` = ``76 per cent``, never ``76``).
Ordinal and case endings are not part of the number (``6-шы`` = ``6-й`` = ``6th`` = 6, ``2013 жылы`` =
``in 2013``; ``76%-ы`` = ``76%``). Roman numerals of two or more letters count (``XXI``,
Cyrillic ``ХХІ``) = ``21st``. A number written in words is no number: if one language writes it in words,
the check reports it, and the translator waives it where the idiom wants words.
"""
from __future__ import annotations

import collections
import functools
import html
import re
import typing
import unicodedata
from decimal import Decimal

from i18ncheck import languages

# Everything inline that is not prose, in one pass. Each alternative starts with a literal character, so
# the regex engine skips straight to the next "<", "`", "[" or "{". An image's "!" stays in the text.
SCAN = re.compile(
    r"<(?:(?P<comment>!--.*?-->)|(?P<url>(?:https?|ftp|mailto):[^>\s]+)>|(?P<tag>[A-Za-z][\w-]*[\s/][^<>]*)>)"
    r"|`(?P<ticks>`*)(?P<code>.+?)(?<!`)`(?P=ticks)(?!`)"
    r"|\[(?:(?P<ltext>(?:[^\[\]]|\[[^\]]*\])*)\]\([ \t]*<?(?P<target>[^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"
    r"|(?P<rtext>(?:[^\[\]]|\[[^\]]*\])+)\]\[(?P<label>[^\]]*)\]"
    r"|(?P<marker>\^[^\]\s]+|\d+(?:[ \t]*[,;–—-][ \t]*\d+)*)\](?![(\[]))"
    r"|\{(?P<attr>:?[ \t]*[#.:][^{}]*|:[^{}]*)\}", re.S)
# The attributes of raw HTML that name another resource: a link, an image, a source, a form's target.
HTML_URL = re.compile(r"(?:^|(?<=[\s/\"']))(?P<name>href|src|srcset|poster|data|action|formaction|cite|background"
                      r"|xlink:href)[ \t\n]*=[ \t\n]*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))", re.I)
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
GROUP = "[ \u00a0\u202f\u2009]"
ROMAN = re.compile(r"[IVXІХ][IVXІХ]+(?![^\W\d_])")  # and not preceded by a letter: checked in numbers()
DROP_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009,")
ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
WORD = re.compile(r"[^\W_]+")


def _other_digits() -> re.Pattern:
    """Digits other than 0-9 (Arabic-Indic, Persian, Devanagari, ...: every decimal digit of the Unicode
    database's Basic Multilingual Plane) and the Arabic decimal and thousands separators, as one class."""
    chars = [chr(c) for c in range(0x80, 0x10000) if unicodedata.decimal(chr(c), None) is not None]
    return re.compile("[" + "".join(chars) + "\u066b\u066c]")


OTHER_DIGITS = _other_digits()
ANY_DIGIT = re.compile(OTHER_DIGITS.pattern[:-1] + "0-9]")


@functools.lru_cache(maxsize=None)
def _number_pattern(decimal: str) -> re.Pattern:
    """Numbers in a language whose decimal sign is ``decimal``: (whole, integer digits, fraction, scale
    word). ASCII digits, led by one outside the alternation so that the regex engine skips to them; a
    match starts only where the previous one ended, at the start of a digit run. A line break may stand
    between a number and its scale word or inside its grouping (reflowed text reads the same)."""
    alternation = "|".join(f"({pattern})" for _, pattern in languages.scale_words())
    scale = rf"(?:{GROUP}?(?i:{alternation}))?" if alternation else ""
    if decimal == ",":
        return re.compile(rf"(([0-9](?:[0-9]{{0,2}}(?:{GROUP}[0-9]{{3}})+(?![0-9])|[0-9]*))([.,][0-9]+)?{scale})")
    return re.compile(rf"(([0-9](?:[0-9]{{0,2}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]{{0,2}}(?:{GROUP}[0-9]{{3}})+(?![0-9])"
                      rf"|[0-9]*))(\.[0-9]+)?{scale})")


class Inline(typing.NamedTuple):
    numbers: tuple[tuple[int | Decimal, str], ...]   # (value, as written)
    values: tuple[int | Decimal, ...]                # the values alone, in order
    markers: tuple[str, ...]
    targets: tuple[str, ...]
    code: tuple[str, ...]
    words: str                                  # prose: link text kept, code and URLs blanked, same offsets
    lang: str | None
    at: dict                                    # kind -> offsets in the block's text, parallel to the tuples
    cells: tuple[tuple[int, int], ...] | None = None  # in a table: (row, column) of each number
    kind: str = ""                              # the block's kind (heading, table, ...; "" for front matter)
    vocabulary: frozenset = frozenset()         # the words its document writes in lower case (casefolded)


def _blank(text: str) -> str:
    return " " * len(text)


def extract(text: str, lang: str | None, table: bool = False) -> Inline:
    """What must survive translation in the block ``text`` of language ``lang``, with where each item is
    (offsets into ``text``: ``at["numbers"]``, ``at["markers"]``, ...); in a ``table`` (its rows, one a
    line), also the row and column of each number."""
    found = _extract(text, lang)
    if table and found.numbers:
        found = found._replace(cells=tuple(cell_at(text, at) for at in found.at["numbers"]))
    return found


def cell_at(text: str, at: int) -> tuple[int, int]:
    """(row, column) of the offset ``at`` in the table rows ``text``."""
    from i18ncheck.blocks import table_cells
    start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at), len(table_cells(text[start:at] + "x")) - 1


def _extract(text: str, lang: str | None) -> Inline:
    code: list[tuple[str, int]] = []
    targets: list[tuple[str, int]] = []
    markers: list[tuple[str, int]] = []

    def scan(s: str, base: int) -> str:
        def one(m: re.Match) -> str:
            kind = m.lastgroup
            if kind == "target":
                targets.append((m.group("target"), base + m.start("target")))
                start, end = m.span("ltext")
                return " " * (start - m.start()) + scan(m.group("ltext"), base + start) + " " * (m.end() - end)
            if kind == "label":
                label = m.group("label") or m.group("rtext")
                targets.append((f"[{label.lower()}]", base + m.start()))
                start, end = m.span("rtext")
                return " " * (start - m.start()) + scan(m.group("rtext"), base + start) + " " * (m.end() - end)
            if kind == "code":
                value = m.group("code")
                code.append((value.strip() or value, base + m.start()))
            elif kind == "marker":
                markers.append(("[" + "".join(m.group("marker").split()) + "]", base + m.start()))
            elif kind == "url":
                targets.append((m.group("url"), base + m.start("url")))
            elif kind == "tag":  # raw HTML: where its links and embedded files lead counts, the rest stays text
                for a in HTML_URL.finditer(m.group("tag")):
                    value = html.unescape(a.group("dq") if a.group("dq") is not None else
                                          a.group("sq") if a.group("sq") is not None else a.group("bare"))
                    urls = [u.split()[0] for u in value.split(",") if u.split()] if a.group("name").lower() == "srcset" \
                        else [value.strip()]
                    targets.extend((u, base + m.start("tag") + a.start()) for u in urls)
                return m.group(0)
            return " " * (m.end() - m.start())
        return SCAN.sub(one, s)

    prose = text
    if not ("<" in text or "`" in text or "[" in text or "{" in text or "]" in text):
        found = numbers(text, lang)
        return Inline(tuple((v, w) for v, w, _ in found), tuple(v for v, _, _ in found), (), (), (), text, lang,
                      {"numbers": tuple(o for _, _, o in found), "markers": (), "targets": (), "code": ()})
    if "]:" in text:
        def definition(m: re.Match) -> str:
            targets.append((m.group(2), m.start(2)))
            label = f"[{m.group(1)}]"
            before = m.start(1) - 1 - m.start()
            return _blank(m.group(0)[:before]) + label + _blank(m.group(0)[before + len(label):])
        prose = DEFINITION.sub(definition, text)
    prose = scan(prose, 0)
    targets.sort(key=lambda item: item[1])
    found = numbers(prose, lang)
    return Inline(tuple((v, w) for v, w, _ in found), tuple(v for v, _, _ in found),
                  tuple(v for v, _ in markers), tuple(v for v, _ in targets), tuple(v for v, _ in code), prose, lang,
                  {"numbers": tuple(o for _, _, o in found), "markers": tuple(o for _, o in markers),
                   "targets": tuple(o for _, o in targets), "code": tuple(o for _, o in code)})


@functools.lru_cache(maxsize=None)
def _reading(lang: str | None) -> tuple[str, re.Pattern, tuple]:
    """How numbers in ``lang`` are read: (decimal sign, pattern, scale words)."""
    decimal = languages.rules(lang).decimal
    return decimal, _number_pattern(decimal), languages.scale_words()


def _western(text: str, decimal: str) -> str:
    """``text`` with digits of every script as 0-9, ٫ as the decimal sign and ٬ as the grouping of
    ``decimal``'s convention, character for character (offsets stay)."""
    def one(m: re.Match) -> str:
        c = m.group(0)
        if c == "\u066b":
            return decimal
        if c == "\u066c":
            return "," if decimal == "." else " "
        return str(unicodedata.decimal(c, 0))
    return OTHER_DIGITS.sub(one, text)


# Characters a reader does not see, which editors paste into numbers (a soft hyphen, zero-width spaces and
# joiners, the word joiner, a zero-width no-break space): a number is read through them, as a reader sees it.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# A minus sign: U+2212, or a hyphen-minus that starts a number (not one that joins a range or an ending:
# 2019-2020, 6-шы); the number is negative.
MINUS = frozenset("-\u2212")


def numbers(text: str, lang: str | None) -> list[tuple[int | Decimal, str, int]]:
    """The numbers of ``text`` as (value, as written, offset): Arabic numerals in order, then Roman ones.
    Values are ints, or Decimals where there is a fraction; the two compare and hash alike
    (``Decimal("6") == 6``). A minus sign before a number makes it negative; in a language whose decimal
    sign is a comma, a dot followed by three digits groups thousands (``15.000`` = 15000, not 15)."""
    if INVISIBLE.search(text):
        return _through_invisible(text, lang)
    found = []
    written = text
    if not ANY_DIGIT.search(text):
        pattern = None
    else:
        decimal, pattern, scales = _reading(lang)
        if OTHER_DIGITS.search(text):
            text = _western(text, decimal)
    flat = text.replace("\n", " ") if pattern is not None and "\n" in text else text
    for m in pattern.finditer(flat) if pattern is not None else ():
        whole, digits, fraction = m.group(1, 2, 3)
        if not digits.isdigit():
            digits = digits.translate(DROP_GROUPING)
        if fraction and decimal == "," and fraction[0] == "." and len(fraction) == 4:
            digits, fraction = digits + fraction[1:], None  # 15.000 in a comma-decimal language: a grouping
        value = Decimal(f"{digits}.{fraction[1:]}") if fraction else int(digits)
        if len(whole) > len(digits) + len(fraction or ""):  # a scale word follows: which one
            groups = m.groups()
            k = next((i for i, g in enumerate(groups[3:]) if g), None)
            if k is not None:
                power = scales[k][0]
                value = value * 10 ** power if power >= 0 else Decimal(value).scaleb(power).normalize()
        if fraction:
            value = int(value) if value == value.to_integral_value() else value.normalize()
        start = m.start()
        if start and flat[start - 1] in MINUS and (start == 1 or not (flat[start - 2].isalnum() or flat[start - 2] in "-−.,")):
            value, start = -value, start - 1
        shown = written[start:m.end(1)] if written is not flat else flat[start:m.end(1)]
        found.append((value, " ".join(shown.split()) if "\n" in shown or "  " in shown else shown, start))
    if "I" in text or "X" in text or "V" in text or "І" in text or "Х" in text:
        for m in ROMAN.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            latin = m.group(0).replace("І", "I").replace("Х", "X")
            if ROMAN_VALID.match(latin):
                found.append((_roman(latin), m.group(0), m.start()))
    return found


def _through_invisible(text: str, lang: str | None) -> list[tuple[int | Decimal, str, int]]:
    """``numbers`` of ``text`` read without its invisible characters, at their offsets in ``text``."""
    kept = [i for i, c in enumerate(text) if not INVISIBLE.match(c)]
    found = numbers("".join(text[i] for i in kept), lang)
    return [(value, shown, kept[at] if at < len(kept) else len(text)) for value, shown, at in found]


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
    """The casefolded words of ``text`` as the glossary compares them in ``lang`` (normalised where the
    language's data says so: Arabic drops its diacritics and reads its alef forms as one)."""
    normalize = _normalizer(lang)
    text = text.casefold()
    return WORD.findall(normalize(text) if normalize is not None else text)


@functools.lru_cache(maxsize=None)
def _normalizer(lang: str | None):
    rules = languages.rules(lang)
    return rules.normalize if rules.drop or rules.fold else None


def word_offsets(text: str) -> list[int]:
    """The offset of each word ``words`` finds (casefolding keeps the length of the text in the scripts
    this site uses; where it does not, offsets are approximate)."""
    return [m.start() for m in WORD.finditer(text.casefold())]
