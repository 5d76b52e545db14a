"""Numbers as a reader reads them (probe's drift cases of issue 10, as classes): a table is positional
(rows may be reordered, a row's numbers may not move between cells or rows), a sign is part of a number, a
dot before three digits groups thousands in a comma-decimal language, and characters a reader does not
see never split a number. Properties over each class; tests/i18ncheck/numbers-positional has the complete
output on a fixture tree."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from i18ncheck.checks.content import numbers as numbers_check
from i18ncheck.inline import extract, numbers

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)
INVISIBLE = st.sampled_from("\u00ad\u200b\u200c\u200d\u2060\ufeff")
LANG = st.sampled_from(["kk", "ru", "en", "ar"])


def values(text: str, lang: str) -> list:
    return [value for value, _, _ in numbers(text, lang)]


@SETTINGS
@given(number=st.integers(min_value=10, max_value=10**9), lang=LANG, data=st.data())
def test_invisible_characters_never_split_a_number(number, lang, data):
    digits = str(number)
    cut = data.draw(st.integers(min_value=1, max_value=len(digits) - 1))
    hidden = digits[:cut] + data.draw(INVISIBLE) + digits[cut:]
    text = f"the figure {hidden} stands"
    assert values(text, lang) == [number]
    value, shown, at = numbers(text, lang)[0]
    assert text[at] == digits[0]


@SETTINGS
@given(number=st.integers(min_value=0, max_value=10**6), minus=st.sampled_from("-\u2212"), lang=LANG,
       before=st.sampled_from(["", " ", "(", "a "]))
def test_a_minus_sign_makes_a_number_negative(number, minus, lang, before):
    assert values(f"{before}{minus}{number} x", lang) == [-number]


@SETTINGS
@given(first=st.integers(min_value=1, max_value=3000), second=st.integers(min_value=0, max_value=3000), lang=LANG)
def test_a_hyphen_between_numbers_or_after_a_word_is_no_sign(first, second, lang):
    assert values(f"{first}-{second} COVID-19", lang) == [first, second, 19]


@SETTINGS
@given(whole=st.integers(min_value=1, max_value=999), group=st.integers(min_value=0, max_value=999),
       lang=st.sampled_from(["kk", "ru"]))
def test_a_dot_before_three_digits_groups_thousands_where_the_comma_is_decimal(whole, group, lang):
    assert values(f"{whole}.{group:03} x", lang) == [whole * 1000 + group]


ROWS = st.lists(st.tuples(st.integers(1900, 2100), st.integers(0, 999), st.integers(0, 999)), min_size=2,
                max_size=5, unique_by=lambda row: row[0])


def table(rows) -> str:
    return "\n".join(["| Year | Accounts | Readers |"] + [f"| {a} | {b} | {c} |" for a, b, c in rows])


def findings(src_rows, tr_rows) -> list:
    return list(numbers_check(extract(table(src_rows), "en", True), extract(table(tr_rows), "ru", True), None))


@SETTINGS
@given(rows=ROWS, data=st.data())
def test_a_table_whose_rows_are_reordered_reads_the_same(rows, data):
    assert findings(rows, data.draw(st.permutations(rows))) == []


@SETTINGS
@given(rows=ROWS, data=st.data())
def test_numbers_moved_between_cells_of_a_row_are_a_finding(rows, data):
    k = data.draw(st.integers(0, len(rows) - 1))
    a, b, c = rows[k]
    if b == c:
        return
    swapped = rows[:k] + [(a, c, b)] + rows[k + 1:]
    found = findings(rows, swapped)
    assert len(found) == 1 and found[0][0].startswith("numbers in other table cells than in {source}")


@SETTINGS
@given(rows=ROWS, data=st.data())
def test_numbers_moved_between_rows_are_a_finding(rows, data):
    i, j = data.draw(st.permutations(range(len(rows))))[:2]
    (a, b, c), (x, y, z) = rows[i], rows[j]
    if (b, c) == (y, z):
        return
    moved = list(rows)
    moved[i], moved[j] = (a, y, z), (x, b, c)
    found = findings(rows, moved)
    assert len(found) == 1 and found[0][0].startswith(("numbers of a table row differ from {source}",
                                                       "numbers in other table cells than in {source}"))


PERCENT = {"kk": ["{}%", "{} %", "{}%-ы", "{} пайыз"], "ru": ["{}%", "{} процентов", "{} процента"],
           "en": ["{}%", "{} per cent", "{} percent"], "ar": ["{}%", "{}٪", "{} بالمئة", "{} في المئة"]}


@SETTINGS
@given(number=st.integers(min_value=0, max_value=1000), lang=LANG, data=st.data())
def test_a_percentage_is_never_the_bare_number(number, lang, data):
    form = data.draw(st.sampled_from(PERCENT[lang]))
    other = data.draw(st.sampled_from(sorted(PERCENT)))
    percent = values(form.format(number) + " x", lang)
    assert percent == values(data.draw(st.sampled_from(PERCENT[other])).format(number) + " x", other)
    assert percent != [number] or number == 0
