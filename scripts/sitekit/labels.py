"""The words of the article's scholarly apparatus in one language, as the templates and the citation
formats use them: a thin view over the message catalogs (``data/locales/*.po``, ``sitekit/messages.py``).

``partials/article-header.html`` and ``partials/citation.html`` read the dict ``labels()`` returns;
``sitekit/citation.py`` reads it and ``translated_from()``.
"""
from __future__ import annotations

from sitekit import messages as _messages

# template key -> message id (the catalogs hold the words; this says which message each key shows)
KEYS = {
    "front": "article.front", "author": "article.author", "edition_date": "article.edition_date",
    "abstract": "article.abstract", "keywords": "article.keywords",
    "cite": "cite.heading", "cite_intro": "cite.intro", "page_url": "cite.page_url", "copy": "cite.copy",
    "copied": "cite.copied", "selected": "cite.selected", "gost": "cite.gost", "apa": "cite.apa",
    "bibtex": "cite.bibtex",
    "long_date": "date.long", "apa_date": "date.apa", "gost_day": "date.gost_day",
    "gost_content": "cite.gost_content", "gost_site": "cite.gost_site", "gost_accessed": "cite.gost_accessed",
    "bibtex_author": "cite.bibtex_author", "babel": "code.bibtex_langid", "og_locale": "code.og_locale",
    # the PDF galley (sitekit/galley.py) and its link in "How to cite"
    "pdf": "cite.pdf", "pdf_title": "cite.pdf_title",
    # the date of this online edition, as the citations label it (the original's date is unknown)
    "edition_note": "cite.edition_note", "original_date_unknown": "cite.original_date_unknown",
    "apa_original": "cite.apa_original",
}
MONTHS = tuple(f"date.month.{n}" for n in range(1, 13))


def _raw(msgs: _messages.Messages, lang: str, key: str) -> str:
    """A message with its ``{placeholders}`` kept (the citation formats fill them)."""
    found = msgs._lookup(lang, key, None)
    if found is None:
        raise KeyError(f"no catalog has the message {key!r}")
    return found[0].string


def labels(lang: str, msgs: _messages.Messages | None = None) -> dict:
    """Every label of ``lang``: the keys of ``KEYS`` and ``months`` (twelve names)."""
    msgs = msgs or _messages.for_project(_project())
    memo = ("labels", lang)  # made once per catalogs and language: every page of a build asks again
    if memo not in msgs._found:
        found = {key: _raw(msgs, lang, message) for key, message in KEYS.items()}
        found["months"] = tuple(msgs.text(lang, key) for key in MONTHS)
        msgs._found[memo] = found
    return dict(msgs._found[memo])


def translated_from(lang: str, source: str, msgs: _messages.Messages | None = None) -> str:
    """"translated from <source>" as a citation in ``lang`` prints it."""
    msgs = msgs or _messages.for_project(_project())
    return msgs.text(lang, "cite.translated_from", other=source)


def _project():
    from sitekit import project
    return project.load()
