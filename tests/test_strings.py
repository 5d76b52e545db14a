"""The site's own interface strings exist in every language and read as sentences of that language."""
from __future__ import annotations

import pytest

from sitekit import labels, strings
from sitekit.project import load

CODES = load().codes


@pytest.mark.parametrize("table", [strings.STRINGS, labels.LABELS, strings.FROM_LANGUAGE, strings.IN_LANGUAGE,
                                   strings.INTO_LANGUAGE], ids=["strings", "labels", "from", "in", "into"])
def test_every_language_has_every_key(table):
    assert set(table) == set(CODES)
    keys = {code: set(table[code]) for code in CODES}
    assert all(keys[code] == keys[CODES[0]] for code in CODES), keys


@pytest.mark.parametrize(("lang", "state", "source", "shown", "expected"), [
    ("kk", "source", "en", None, "Бұл мәтін ағылшын тілінде жазылған; басқа екі тілдегі нұсқалары — оның аудармалары."),
    ("kk", "translated", "ru", None, "Бұл — орыс тіліндегі түпнұсқаның аудармасы."),
    ("kk", "fallback", "kk", "kk", "Бұл бет әлі қазақ тіліне аударылмаған; төмендегі мәтін қазақ тілінде."),
    ("ru", "translated", "kk", None, "Это перевод с казахского языка."),
    ("ru", "source", "ru", None, "Этот текст написан на русском языке; версии на двух других языках — его переводы."),
    ("ru", "fallback", "kk", "kk", "Эта страница ещё не переведена на русский язык; ниже показан текст на казахском языке."),
    ("en", "translated", "kk", None, "This is a translation from Kazakh."),
    ("en", "stale", "kk", None, "The original has changed since this translation was last updated; "
                                "the translation has not caught up yet."),
    ("en", "fallback", "en", "kk", "This page has not been translated into English yet; the text below is in Kazakh."),
])
def test_notices_read_as_sentences(lang, state, source, shown, expected):
    assert strings.notice(lang, state, source, shown) == expected
