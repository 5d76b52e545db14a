"""Every word the article's scholarly apparatus shows, in every language: one table.

The headings and buttons of the article's front matter and of "How to cite" (``partials/article-header.html``,
``partials/citation.html``), and the words the citation formats print (``sitekit/citation.py``): GOST's
prescribed phrases, month names in the case each format needs, "translated from ...", the label of the
date of this online edition (the original's date is unknown), and the PDF galley's link. A language missing
a key is a ``KeyError`` in ``tests/test_citation.py``, not a blank on a page.
"""
from __future__ import annotations

LABELS: dict[str, dict] = {
    "kk": {
        # the article's front matter (before the body)
        "front": "Мақала туралы мәлімет",
        "author": "Автор",
        "edition_date": "Осы онлайн-басылымның күні",
        "abstract": "Аңдатпа",
        "keywords": "Тірек сөздер",
        # How to cite
        "cite": "Мақалаға сілтеме жасау үлгісі",
        "cite_intro": "Библиографиялық сипаттама осы беттің деректерінен жасалған; қаралған күні ретінде "
                      "осы онлайн-басылымның күні көрсетілген.",
        "page_url": "Беттің мекенжайы",
        "copy": "Көшіру",
        "copied": "Көшірілді",
        "selected": "Мәтін белгіленді: көшіру үшін Ctrl+C (⌘C) басыңыз",
        "gost": "ГОСТ Р 7.0.100-2018",
        "apa": "APA 7",
        "bibtex": "BibTeX",
        # words the citation formats print
        "months": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
                   "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"),
        "long_date": "{year} жылғы {day} {month}",
        "apa_date": "{year}, {day} {month}",
        "gost_day": "{day} {month}",
        "gost_content": "Мәтін : электрондық",
        "gost_site": "сайт",
        "gost_accessed": "қаралған күні",
        "translated_from": {"kk": "қазақ тілінен аударылған", "ru": "орыс тілінен аударылған",
                            "en": "ағылшын тілінен аударылған"},
        # the PDF galley (sitekit/galley.py) and its link in "How to cite"
        "pdf": "PDF",
        "pdf_title": "Мақаланы PDF форматында жүктеп алу (A4)",
        # the date of this online edition, as the citations label it (the original's date is unknown)
        "edition_note": "осы онлайн-басылымның күні",
        "original_date_unknown": "түпнұсқаның жарияланған күні белгісіз",
        "apa_original": "Түпнұсқаның жарияланған күні белгісіз",
        "bibtex_author": "Авторы",
        "babel": "kazakh",
        "og_locale": "kk_KZ",
    },
    "ru": {
        "front": "Сведения о статье",
        "author": "Автор",
        "edition_date": "Дата этого онлайн-издания",
        "abstract": "Аннотация",
        "keywords": "Ключевые слова",
        "cite": "Как цитировать статью",
        "cite_intro": "Библиографическое описание составлено по данным этой страницы; датой обращения "
                      "указана дата этого онлайн-издания.",
        "page_url": "Адрес страницы",
        "copy": "Копировать",
        "copied": "Скопировано",
        "selected": "Текст выделен: чтобы скопировать, нажмите Ctrl+C (⌘C)",
        "gost": "ГОСТ Р 7.0.100-2018",
        "apa": "APA 7",
        "bibtex": "BibTeX",
        "months": ("января", "февраля", "марта", "апреля", "мая", "июня",
                   "июля", "августа", "сентября", "октября", "ноября", "декабря"),
        "long_date": "{day} {month} {year} г.",
        "apa_date": "{year}, {day} {month}",
        "gost_day": "{day} {month}",
        "gost_content": "Текст : электронный",
        "gost_site": "сайт",
        "gost_accessed": "дата обращения",
        "translated_from": {"kk": "перевод с казахского", "ru": "перевод с русского",
                            "en": "перевод с английского"},
        "pdf": "PDF",
        "pdf_title": "Скачать статью в формате PDF (A4)",
        "edition_note": "дата этого онлайн-издания",
        "original_date_unknown": "дата публикации оригинала неизвестна",
        "apa_original": "Дата публикации оригинала неизвестна",
        "bibtex_author": "Автор",
        "babel": "russian",
        "og_locale": "ru_RU",
    },
    "en": {
        "front": "About the article",
        "author": "Author",
        "edition_date": "Date of this online edition",
        "abstract": "Abstract",
        "keywords": "Keywords",
        "cite": "How to cite",
        "cite_intro": "The references are generated from this page’s data; the access date given is the "
                      "date of this online edition.",
        "page_url": "Page address",
        "copy": "Copy",
        "copied": "Copied",
        "selected": "Text selected: press Ctrl+C (⌘C) to copy it",
        "gost": "GOST R 7.0.100-2018",
        "apa": "APA 7",
        "bibtex": "BibTeX",
        "months": ("January", "February", "March", "April", "May", "June",
                   "July", "August", "September", "October", "November", "December"),
        "long_date": "{day} {month} {year}",
        "apa_date": "{year}, {month} {day}",
        "gost_day": "{day} {month}",
        "gost_content": "Text : electronic",
        "gost_site": "website",
        "gost_accessed": "accessed",
        "translated_from": {"kk": "translated from Kazakh", "ru": "translated from Russian",
                            "en": "translated from English"},
        "pdf": "PDF",
        "pdf_title": "Download the article as a PDF (A4)",
        "edition_note": "date of this online edition",
        "original_date_unknown": "the original's date of publication is unknown",
        "apa_original": "Original work published n.d.",
        "bibtex_author": "Author",
        "babel": "english",
        "og_locale": "en_US",
    },
}


def labels(lang: str) -> dict:
    """The table of ``lang`` (KeyError names a language the table lacks)."""
    return LABELS[lang]
