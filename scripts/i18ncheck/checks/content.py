"""What must survive translation, per aligned block: numbers, reference markers, link and image targets,
inline code, glossary terms. Each compares a translated block with its source block (``{source}``);
each is waivable for one block with ``<!-- i18n-waive: check-id: reason -->``.
"""
from __future__ import annotations

import collections
import functools
import re

from i18ncheck import languages
from i18ncheck.inline import difference, words
from i18ncheck.registry import check


def _differ(what: str, found: list[str], expected: list[str]) -> str:
    return (f"{what} from {{source}} (found {', '.join(found) or 'none'}; "
            f"expected {', '.join(expected) or 'none'})")


def _compare(src, tr, kind: str, key=lambda item: item):
    """(extra items, missing items, offset of the first extra in the translation, offset of the first
    missing in the source): where the finding belongs."""
    found, expected = getattr(tr, kind), getattr(src, kind)
    extra, missing = difference(list(enumerate(found)), list(enumerate(expected)), key=lambda item: key(item[1]))
    t_at = tr.at[kind][extra[0][0]] if extra else None
    s_at = src.at[kind][missing[0][0]] if missing else None
    return [item for _, item in extra], [item for _, item in missing], t_at, s_at


@check("content", waivable=True)
def numbers(src, tr, context):
    """Numbers have the source's values (1,23 = 1.23; 100 000 = 100,000 = 100 мың; 6-шы = 6-й = 6th)."""
    if tr.values == src.values and (tr.cells is None or tr.cells == src.cells):
        return
    extra, missing, t_at, s_at = _compare(src, tr, "numbers", key=lambda item: item[0])
    if extra or missing:
        yield _differ("numbers differ", [w for _, w in extra], [w for _, w in missing]), t_at, s_at
    elif tr.cells is not None and src.cells is not None:
        yield from _table_numbers(src, tr)


def _rows(side) -> dict[int, list[tuple[int, int, object, str]]]:
    """row -> [(column, offset, value, as written)] of the numbers of a table's ``side``."""
    rows: dict[int, list] = {}
    for (row, col), at, (value, shown) in zip(side.cells, side.at["numbers"], side.numbers):
        rows.setdefault(row, []).append((col, at, value, shown))
    return rows


def _table_numbers(src, tr):
    """A table is read row by row and cell by cell: the same numbers in other cells, or a row that carries
    another row's numbers, is a finding (rows may be in another order: each must match one of the source's)."""
    s_rows, t_rows = _rows(src), _rows(tr)
    signature = lambda cells: collections.Counter((col, value) for col, _, value, _ in cells)  # noqa: E731
    unmatched = dict(s_rows)
    pending = []
    for row, cells in t_rows.items():
        same = next((r for r, c in unmatched.items() if signature(c) == signature(cells)), None)
        if same is None:
            pending.append(row)
        else:
            del unmatched[same]
    for row in pending:
        cells = t_rows[row]
        # the source's row at the same place, unless it matches another translation row exactly
        best = row if row in unmatched else max(
            unmatched, key=lambda r: sum((signature(unmatched[r]) & signature(cells)).values()), default=None)
        expected = unmatched.pop(best) if best is not None else []
        want = signature(expected)
        extra = [c for c in cells if not _take(want, (c[0], c[2]))]
        have = signature(cells)
        missing = [c for c in expected if not _take(have, (c[0], c[2]))]
        moved = sorted(c[2] for c in extra) == sorted(c[2] for c in missing)
        what = "numbers in other table cells than in" if moved else "numbers of a table row differ from"
        yield (_differ(what, [c[3] for c in extra], [c[3] for c in missing]).replace(" from {source}", " {source}"),
               (extra or cells)[0][1], (missing or expected or [(0, None)])[0][1])
        return  # one finding per table, at the first row that differs


def _take(counter, key) -> bool:
    if counter[key]:
        counter[key] -= 1
        return True
    return False


def _kept(src, tr, kind: str, what: str, show=str):
    """The finding when the translation's ``kind`` (markers, targets, code) are not the source's."""
    if getattr(tr, kind) == getattr(src, kind):
        return
    extra, missing, t_at, s_at = _compare(src, tr, kind)
    if extra or missing:
        yield _differ(what, [show(x) for x in extra], [show(x) for x in missing]), t_at, s_at


@check("content", waivable=True)
def reference_markers(src, tr, context):
    """Reference markers [n] and footnote references [^n] are the source's."""
    yield from _kept(src, tr, "markers", "reference markers differ")


@check("content", waivable=True)
def link_targets(src, tr, context):
    """Link and image targets are the source's (../article.md in every language)."""
    yield from _kept(src, tr, "targets", "link targets differ")


@check("content", waivable=True)
def inline_code(src, tr, context):
    """Inline code spans are the source's, character for character."""
    yield from _kept(src, tr, "code", "inline code differs", show=lambda c: f"`{c}`")


@check("content", waivable=True)
def terminology(src, tr, context):
    """A glossary term of the source block is rendered with the term's approved form (data/glossary.yml)."""
    glossary = context.glossary
    if glossary is None:
        return
    found = glossary.find(src.words, src.lang)
    if not found:
        return
    tr_words = glossary.prepare(tr.words, tr.lang)
    for term in found:
        if not glossary.matches(term, tr_words, tr.lang):
            entries = term.match.get(tr.lang)
            if not entries:
                continue
            stems = " | ".join(" ".join(entry) for entry in entries)
            yield (f"term {term.id} \"{term.term[src.lang]}\" of {{source}} is not rendered "
                   f"(expected \"{term.term[tr.lang]}\", matching: {stems})"), None, glossary.offset(term, src.words, src.lang)


MIN_LETTERS = 20      # fewer letters (a name, a figure caption, "YouTube") say nothing about a language
MIN_COPY_WORDS = 2    # but a copy of the source with this many words of prose (a short title) is untranslated
SHARE = 0.9           # a block written in a language: this share of its letters, at least, in the alphabet
SHARE_COPY = 0.98     # a copy of the source passes only if it reads as the translation's language this well
DISTINCTIVE_FROM = 40 # letters from which a block in a language with distinctive letters has one of them


# What a translation keeps in the source's language: titles of works in italics or quotation marks,
# quotations, and names (words that start with a capital letter, in scripts that have capitals).
QUOTED = re.compile(r"<[^<>]*>|\*[^*\n]+\*|(?<!\w)_[^_\n]+_(?!\w)|«[^»]*»|“[^”]*”|„[^“”]*[“”]|‘[^’]*’|\"[^\"\n]*\"")
LETTER_RUN = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=8192)  # a source block is read once for each of its translations
def _letters(text: str) -> str:
    """The letters of ``text``'s own prose: not of titles, quotations or names."""
    if "<" in text or "*" in text or "_" in text or "«" in text or "“" in text or "„" in text or "‘" in text or '"' in text:
        text = QUOTED.sub(" ", text)
    return "".join([w for w in LETTER_RUN.findall(text) if not w[0].isupper()]).casefold()


def _prose_words(text: str) -> int:
    """How many words of four letters or more of ``text``'s own prose there are (not names, titles, quotes,
    nor the short words that join the parts of an institution's name)."""
    if "<" in text or "*" in text or "_" in text or "«" in text or "“" in text or "„" in text or "‘" in text or '"' in text:
        text = QUOTED.sub(" ", text)
    return sum(1 for w in LETTER_RUN.findall(text) if len(w) >= 4 and not w[0].isupper())


@functools.lru_cache(maxsize=64)
def _alphabet_table(letters: frozenset) -> dict:
    return {ord(c): None for c in letters}


def _share(letters: str, rules) -> float:
    if not letters:
        return 1.0
    return (len(letters) - len(letters.translate(_alphabet_table(rules.letters)))) / len(letters)


def _written_in(letters: list[str], rules, share: float) -> bool | None:
    """Whether the letters read as the language of ``rules`` (None: the language has no alphabet data)."""
    if not rules.letters:
        return None
    if _share(letters, rules) < share:
        return False
    if (rules.distinctive and len(letters) >= DISTINCTIVE_FROM
            and len(letters.translate(_alphabet_table(rules.distinctive))) == len(letters)):
        return False
    return True


SHORT_KINDS = frozenset({"heading", "admonition", "table"})  # where a copy may be a word or two long
MIN_COPY_RUN = 3      # from a word of this many letters ("Year", "Method")


def _short_copy(src, tr):
    """A heading, admonition title or table that is its source's text word for word, too short for the
    share of letters to say anything, with common words of the source's language in letters that are not
    the translation's: "## Figures", "!!! note \"Method\"" or "| Year | Accounts |" left in English on a
    Russian page. Capitalised words are names ("## Facebook") unless the source writes them in lower case
    elsewhere (then they are common words capitalised as a heading's first word)."""
    if tr.kind not in SHORT_KINDS or tr.words.strip() != src.words.strip():
        return
    common = [w for w in LETTER_RUN.findall(QUOTED.sub(" ", src.words))
              if len(w) >= MIN_COPY_RUN and (not w[0].isupper() or w.casefold() in src.vocabulary)]
    if not common:
        return
    letters = "".join(common).casefold()
    if _written_in(letters, languages.rules(src.lang), SHARE) is False:
        return  # not the source language's own words either: a name or title kept from a third language
    if _written_in(letters, languages.rules(tr.lang), SHARE_COPY) is False:
        yield f"block is the same as {{source}}: not translated into {tr.lang}", None, None


@check("content", waivable=True)
def untranslated(src, tr, context):
    """A translated block is not a copy of its source nor in another language (names, titles and quotes are fine)."""
    if src.lang == tr.lang:
        return
    t_letters = _letters(tr.words)
    if len(t_letters) < MIN_LETTERS and _prose_words(tr.words) < MIN_COPY_WORDS:
        yield from _short_copy(src, tr)
        return
    s_rules, t_rules = languages.rules(src.lang), languages.rules(tr.lang)
    s_letters = _letters(src.words)
    if _written_in(s_letters, s_rules, SHARE) is False:
        return  # the source itself quotes another language here (a title, a reference): kept as it is
    if abs(len(tr.words) - len(src.words)) <= len(src.words) // 10 and words(tr.words) == words(src.words):
        # a copy of the source, however short (a title), unless its prose reads as the translation's language
        if not _written_in(t_letters, t_rules, SHARE_COPY):
            yield f"block is the same as {{source}}: not translated into {tr.lang}", None, None
        return
    if len(t_letters) < MIN_LETTERS:
        return
    if _written_in(t_letters, t_rules, SHARE) is False:
        percent = round(100 * _share(t_letters, t_rules))
        if percent >= round(100 * SHARE):
            why = f"none of its {len(t_letters)} letters is one of {tr.lang}'s own ({''.join(sorted(t_rules.distinctive))})"
        else:
            why = f"{percent}% of its letters are of the {tr.lang} alphabet"
        yield f"block is not written in {tr.lang}: {why} (the block of {{source}} is in {src.lang})", None, None
