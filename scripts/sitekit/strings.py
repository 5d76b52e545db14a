"""The site's own interface strings in every language (Material's are in partials/languages/).

One table, so a missing translation of a string is one missing key, which tests/test_strings.py catches.
The article's scholarly apparatus (its headings and the citation formats' words) has its own table in
``sitekit/labels.py``.
"""
from __future__ import annotations

STRINGS = {
    "kk": {
        "translated_from": "Бұл — {source} түпнұсқаның аудармасы.",
        "read_original": "Түпнұсқаны оқу",
        "written_in": "Бұл мәтін {source}нде жазылған; басқа екі тілдегі нұсқалары — оның аудармалары.",
        "stale": "Түпнұсқа осы аударма соңғы рет жаңартылғаннан кейін өзгерді; аударма әлі жаңартылмаған.",
        "fallback": "Бұл бет әлі {target}не аударылмаған; төмендегі мәтін {shown}нде.",
        "reading_time": "Оқуға {minutes} минут",
        "tags": "Тегтер",
        "feed": "{site} — шолулар (RSS)",
        "feed_title": "{site}: шолулар",
        "glossary_equivalents": "Баламалары",
        "briefs_empty": "Әзірге шолу жоқ.",
        "feed_link": "Шолулардың RSS арнасы",
        "sources_heading": "Дереккөздер",
    },
    "ru": {
        "translated_from": "Это перевод с {source} языка.",
        "read_original": "Читать оригинал",
        "written_in": "Этот текст написан на {source} языке; версии на двух других языках — его переводы.",
        "stale": "Оригинал изменился после последнего обновления этого перевода; перевод ещё не обновлён.",
        "fallback": "Эта страница ещё не переведена на {target} язык; ниже показан текст на {shown} языке.",
        "reading_time": "{minutes} мин чтения",
        "tags": "Теги",
        "feed": "{site} — обзоры (RSS)",
        "feed_title": "{site}: обзоры",
        "glossary_equivalents": "Соответствия",
        "briefs_empty": "Обзоров пока нет.",
        "feed_link": "RSS-лента обзоров",
        "sources_heading": "Источники",
    },
    "en": {
        "translated_from": "This is a translation from {source}.",
        "read_original": "Read the original",
        "written_in": "This text was written in {source}; its versions in the other two languages are translations.",
        "stale": "The original has changed since this translation was last updated; the translation has not caught up yet.",
        "fallback": "This page has not been translated into {target} yet; the text below is in {shown}.",
        "reading_time": "{minutes} min read",
        "tags": "Tags",
        "feed": "{site} — briefs (RSS)",
        "feed_title": "{site}: briefs",
        "glossary_equivalents": "Equivalents",
        "briefs_empty": "No briefs yet.",
        "feed_link": "RSS feed of the briefs",
        "sources_heading": "Sources",
    },
}

# Grammatical forms the templates need: "from Kazakh" etc. differ by case in Kazakh and Russian.
FROM_LANGUAGE = {
    "kk": {"kk": "қазақ тіліндегі", "ru": "орыс тіліндегі", "en": "ағылшын тіліндегі"},
    "ru": {"kk": "казахского", "ru": "русского", "en": "английского"},
    "en": {"kk": "Kazakh", "ru": "Russian", "en": "English"},
}
IN_LANGUAGE = {
    "kk": {"kk": "қазақ тілі", "ru": "орыс тілі", "en": "ағылшын тілі"},
    "ru": {"kk": "казахском", "ru": "русском", "en": "английском"},
    "en": {"kk": "Kazakh", "ru": "Russian", "en": "English"},
}
INTO_LANGUAGE = {
    "kk": {"kk": "қазақ тілі", "ru": "орыс тілі", "en": "ағылшын тілі"},
    "ru": {"kk": "казахский", "ru": "русский", "en": "английский"},
    "en": {"kk": "Kazakh", "ru": "Russian", "en": "English"},
}


def t(lang: str, key: str, **values: str) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in."""
    return STRINGS[lang][key].format(**values)


def notice(lang: str, state: str, source_lang: str, shown_lang: str | None = None) -> str:
    """The sentence that tells a reader of ``lang`` about a page in ``state`` written in ``source_lang``
    (``shown_lang``: the language of the text actually shown, for a fallback)."""
    if state == "source":
        return t(lang, "written_in", source=IN_LANGUAGE[lang][source_lang])
    if state == "fallback":
        return t(lang, "fallback", target=INTO_LANGUAGE[lang][lang], shown=IN_LANGUAGE[lang][shown_lang or source_lang])
    if state == "stale":
        return t(lang, "stale")
    return t(lang, "translated_from", source=FROM_LANGUAGE[lang][source_lang])
