"""What an article (and, in part, a brief) tells readers and machines besides its text.

Everything is built here, in Python, from the page's front matter and absolute URLs; the templates only
print it:

- ``highwire``, ``open_graph``, ``json_ld``: the ``<head>`` tags (``partials/scholarly-meta.html``):
  Highwire ``citation_*`` tags as Google Scholar and Zotero read them, Open Graph for link previews, and a
  schema.org ``ScholarlyArticle`` that links the original and its translations (``translationOfWork`` on
  a translation, ``workTranslation`` on the original).
- ``front``: the author's position, the date of this online edition, the abstract and the keywords, shown before
  the body (``partials/article-header.html``).
- ``citations``: GOST, APA and BibTeX from ``sitekit/citation.py`` (``partials/citation.html``).

The author's name is not known. ``citation_author`` carries the byline as the article prints it (the
position). The JSON-LD ``author`` is a ``Person`` described by that position and nothing else: schema.org
requires no ``name``, and none is made up. A brief gets Open Graph only.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
from urllib.parse import urljoin

from sitekit import citation, kinds
from sitekit.labels import labels

COMMON = ("title", "description")
# Characters that would end a <script> element or confuse an HTML parser inside one: JSON allows each
# as a \u escape, so the data reads the same and the markup cannot break.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclasses.dataclass(frozen=True)
class Version:
    """One language version of a page, as the others link to it."""

    lang: str
    url: str  # absolute
    title: str


def problems(meta: dict, kind: str, codes: tuple[str, ...], known: dict | None = None) -> list[str]:
    """What in the front matter of a page of ``kind`` (``data/kinds.yml``) keeps its metadata from being
    built."""
    spec = (known or kinds.load())[kind]
    found = []
    for key in COMMON + spec.requires:
        if meta.get(key) in (None, "", []):
            found.append(f"front matter has no '{key}' (kind: {kind} needs it for its metadata)")
    date = meta.get(spec.date) if spec.date else None
    if date is not None and not isinstance(date, datetime.date):
        found.append(f"'{spec.date}' is not a date (found {date!r}, expected YYYY-MM-DD)")
    keywords = meta.get("keywords")
    if kind == "article" and keywords is not None and not (
            isinstance(keywords, list) and all(isinstance(k, str) and k.strip() for k in keywords)):
        found.append(f"'keywords' is not a list of words (found {keywords!r}, expected a YAML list of strings)")
    short = meta.get("short_title")
    if kind == "article" and short is not None and not (isinstance(short, str) and short.strip()):
        found.append(f"'short_title' is not text (found {short!r}, expected the running head of the PDF)")
    source = meta.get("source_lang")
    if source and source not in codes:
        found.append(f"'source_lang' is not a language of the site (found {source!r}, expected one of "
                     f"{', '.join(codes)})")
    return found


def article(meta: dict, *, lang: str, url: str, site_name: str, site_root: str, versions: list[Version],
            key: str, text: str = "", messages=None, styles: tuple[str, ...] | None = None,
            pdf: str = "") -> dict:
    """The template context of an article (``scholarly`` in the templates); ``styles``: the citation
    formats the language shows (its ``citation_styles`` in ``mkdocs.yml``; None: all of them); ``pdf``:
    the file name of its PDF galley beside the page ('' if it has none)."""
    record = citation.record(meta, language=lang, url=url, container=site_name, key=key, text=text,
                             messages=messages)
    pdf_url = urljoin(url, pdf) if pdf else ""
    t = labels(lang, messages)
    return {
        "url": url,
        "labels": t,
        "highwire": highwire(record, meta, pdf_url=pdf_url),
        "open_graph": open_graph(meta, kind="article", lang=lang, url=url, site_name=site_name, versions=versions,
                                 messages=messages),
        "json_ld": script_json(json_ld(record, meta, site_root=site_root, versions=versions, pdf_url=pdf_url)),
        "front": front(record, meta),
        "citations": citations(record, styles),
        "pdf": {"href": pdf, "url": pdf_url, "label": t["pdf"], "title": t["pdf_title"]} if pdf else None,
    }


def brief(meta: dict, *, lang: str, url: str, site_name: str, versions: list[Version], messages=None,
          date_key: str = "date") -> dict:
    """The template context of a page with Open Graph only (a brief, or any kind whose metadata is
    ``open-graph``)."""
    return {
        "url": url,
        "labels": labels(lang, messages),
        "highwire": [],
        "open_graph": open_graph(meta, kind="brief", lang=lang, url=url, site_name=site_name, versions=versions,
                                 messages=messages, date_key=date_key),
        "json_ld": "",
        "front": None,
        "citations": [],
        "pdf": None,
    }


def highwire(record: citation.Record, meta: dict, *, pdf_url: str = "") -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` tags, each once (keywords joined by '; ').

    The date is this online edition's, so it is ``citation_online_date``: Google Scholar's inclusion
    guidelines keep ``citation_publication_date`` for the date other papers would cite (the original's,
    unknown here) and send the date a copy went online to ``citation_online_date``."""
    tags = [("citation_title", record.title)]
    if record.author or record.byline:
        tags.append(("citation_author", record.author or record.byline))
    tags += [
        ("citation_language", record.language),
        ("citation_online_date", f"{record.published:%Y/%m/%d}"),
        ("citation_public_url", record.url),
        ("citation_abstract_html_url", record.url),
    ]
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if meta.get("keywords"):
        tags.append(("citation_keywords", "; ".join(meta["keywords"])))
    return tags


def open_graph(meta: dict, *, kind: str, lang: str, url: str, site_name: str,
               versions: list[Version], messages=None, date_key: str | None = None) -> list[tuple[str, str]]:
    """Open Graph ``property`` tags; ``og:locale:alternate`` names the other languages the page exists in.

    A brief is first published here and gets ``article:published_time``; an article does not: Open Graph
    means "when the article was first published" and has no way to say the date is this edition's."""
    tags = [
        ("og:type", "article"),
        ("og:title", str(meta["title"])),
        ("og:description", str(meta["description"])),
        ("og:url", url),
        ("og:site_name", site_name),
        ("og:locale", labels(lang, messages)["og_locale"]),
    ]
    tags += [("og:locale:alternate", labels(v.lang, messages)["og_locale"]) for v in versions if v.lang != lang]
    date = meta.get(date_key or "date")
    if kind != "article" and isinstance(date, datetime.date):
        tags.append(("article:published_time", date.isoformat()))
    if kind == "article":
        tags += [("article:tag", keyword) for keyword in meta.get("keywords") or ()]
    return tags


def json_ld(record: citation.Record, meta: dict, *, site_root: str, versions: list[Version],
            pdf_url: str = "") -> dict:
    """A schema.org ``ScholarlyArticle``, linked to its original or to its translations.

    No ``datePublished``: schema.org means the date of first publication, the original's, which is
    unknown. The date of this online edition is a ``publication`` event (``PublicationEvent``) named as
    such in the page's language; the PDF galley is an ``encoding`` of the work."""
    t = labels(record.language, record.messages)
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": record.url,
        "url": record.url,
        "mainEntityOfPage": record.url,
        "headline": record.title,
        "name": record.title,
        "description": str(meta["description"]),
        "abstract": str(meta["abstract"]).strip(),
        "keywords": list(meta.get("keywords") or ()),
        "inLanguage": record.language,
        "publication": {"@type": "PublicationEvent", "name": t["edition_date"],
                        "startDate": record.published.isoformat(),
                        "location": {"@type": "VirtualLocation", "url": record.url}},
        "isPartOf": {"@type": "WebSite", "name": record.container, "url": site_root},
    }
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf_url, "encodingFormat": "application/pdf",
                            "inLanguage": record.language}
    if record.author or record.byline:
        data["author"] = {"@type": "Person"}
        if record.author:
            data["author"]["name"] = record.author
        if record.byline:
            data["author"]["description"] = record.byline
    if record.is_translation:
        original = [v for v in versions if v.lang == record.original_language]
        if original:
            data["translationOfWork"] = _work(original[0])
    else:
        translations = [_work(v) for v in versions if v.lang != record.language]
        if translations:
            data["workTranslation"] = translations
    return data


def _work(version: Version) -> dict:
    return {"@type": "ScholarlyArticle", "@id": version.url, "url": version.url, "name": version.title,
            "inLanguage": version.lang}


def script_json(data: dict) -> str:
    """``data`` as JSON that is safe between ``<script type="application/ld+json">`` tags."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(SCRIPT_ESCAPES.get(char, char) for char in text)


def front(record: citation.Record, meta: dict) -> dict:
    """What the article shows between its title and its body, in the order of the source."""
    t = labels(record.language, record.messages)
    return {
        "author": ", ".join(part for part in (record.author, record.byline) if part),
        "edition_date": record.published.isoformat(),
        "edition_text": long_date(record.published, record.language, record.messages),
        "abstract": str(meta["abstract"]).strip(),
        "keywords": [str(k).strip() for k in meta["keywords"]],
        "labels": t,
    }


def citations(record: citation.Record, styles: tuple[str, ...] | None = None) -> list[dict]:
    """The citation formats of ``record`` (``styles``, in that order; None: every registered one): its
    id, its name, the text to copy and the HTML to show."""
    t = labels(record.language, record.messages)
    formatted = citation.format_all(record)
    names = [name for name in (styles if styles is not None else formatted) if name in formatted]
    return [
        {"id": name, "label": t[name], "text": formatted[name].text, "html": formatted[name].html,
         "block": name == "bibtex"}
        for name in names
    ]


def long_date(date: datetime.date, lang: str, messages=None) -> str:
    t = labels(lang, messages)
    return t["long_date"].format(year=date.year, day=date.day, month=t["months"][date.month - 1])
