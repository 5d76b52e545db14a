"""Checks of the front matter: the keys each kind of page needs, their values, what must agree across
languages, the tag vocabulary, and which languages exist or are pending."""
from __future__ import annotations

import datetime
import re

from i18ncheck.registry import check

COMMON_KEYS = ("title", "description", "source_lang")
AGREEING_KEYS = ("source_lang", "kind", "date", "published", "tags", "author")
DATE_KEYS = ("date", "published")
LIST_KEYS = ("tags", "keywords")
TEXT_KEYS = ("title", "description", "author", "author_position", "abstract", "summary")
# Shown on one line in titles, listings, feeds, <meta> tags and citations: a line break or a control
# character there breaks the line, the XML or the reference.
ONE_LINE_KEYS = ("title", "description", "author", "author_position", "summary")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def line_problem(text: str) -> str | None:
    """What keeps ``text`` from being shown on one line as written, or None."""
    if "\n" in text.strip() or "\r" in text or "\u2028" in text or "\u2029" in text:
        return "has a line break (write it on one line; quote it or use >- to fold a long one)"
    if CONTROL.search(text):
        return "has a control character (invisible to readers): remove it"
    if text.strip() and not text.strip().strip("".join(INVISIBLE)):
        return "has no visible text"
    return None


def one_line(text) -> str:
    """A value as it can be quoted in a one-line message."""
    text = str(text)
    shown = " ".join(text.split())
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _meta_waivers(doc):
    from i18ncheck.engine import meta_waivers  # the engine applies them; one definition of their form
    return meta_waivers(doc)


def _ours(doc, context) -> bool:
    return doc.meta is not None and doc.lang in context.project.codes


def show(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        shown = "[" + ", ".join(show(v) for v in value[:10]) + (", ..." if len(value) > 10 else "") + "]"
        return shown if len(shown) <= 200 else shown[:197] + "..."
    return repr(value) if isinstance(value, (bytes, set)) else one_line(value)


def required(meta: dict, context) -> list[tuple[str, str]]:
    """(key, who needs it) for the keys the front matter ``meta`` must have; the keys each kind of page
    needs are the project's data/kinds.yml (the content model is data, not code)."""
    kind = meta.get("kind")
    spec = context.kinds.get(kind) if isinstance(kind, str) else None
    return [(key, "every page") for key in COMMON_KEYS] + [(key, f"kind: {kind}") for key in (spec.requires if spec else ())]


@check("file")
def front_matter_keys(doc, context):
    """The front matter has the keys its kind needs (every page: title, description, source_lang)."""
    if not _ours(doc, context):
        return
    for key, who in required(doc.meta, context):
        if key not in doc.meta:
            yield 1, f"front matter has no {key} (required on {who})"
        elif doc.meta[key] in (None, "", [], {}):
            yield doc.key_line(key), f"front matter {key} is empty (required on {who})"


@check("file")
def front_matter_values(doc, context):
    """Front matter values have the right form: languages, kind, dates, lists, translation: stale."""
    if not _ours(doc, context):
        return
    meta, codes = doc.meta, context.project.codes
    if "source_lang" in meta and meta["source_lang"] is not None and meta["source_lang"] not in codes:
        yield doc.key_line("source_lang"), (f"source_lang {show(meta['source_lang'])} is not a configured "
                                            f"language (one of {', '.join(codes)})")
    kind = meta.get("kind")
    if kind is not None and not (isinstance(kind, str) and kind in context.kinds):
        yield doc.key_line("kind"), (f"kind {show(kind)} is unknown ({' or '.join(context.kinds)} in "
                                     "data/kinds.yml; leave it out for a plain page)")
    for key in DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, datetime.datetime):
            yield doc.key_line(key), (f"{key} has a time (found {show(value)}; write the day alone, yyyy-mm-dd)")
        elif value is not None and not isinstance(value, datetime.date):
            found = f"the text '{one_line(value)}'" if isinstance(value, str) else show(value)
            yield doc.key_line(key), f"{key} is not a date (found {found}; write yyyy-mm-dd without quotes)"
    for key in LIST_KEYS:
        value = meta.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            yield doc.key_line(key), f"{key} is not a list of strings (found {show(value)})"
        elif value:
            for item in value:
                if not item.strip():
                    yield doc.key_line(key), f"{key} has an empty entry"
                elif problem := line_problem(item):
                    yield doc.key_line(key), f"{key} entry '{one_line(item)}' {problem}"
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            yield doc.key_line(key), f"{key} is not text (found {show(value)})"
        elif isinstance(value, str) and key in ONE_LINE_KEYS and (problem := line_problem(value)):
            yield doc.key_line(key), f"{key} {problem}"
    if "i18n-waive" in meta and _meta_waivers(doc) is None:
        yield doc.key_line("i18n-waive"), ("i18n-waive is not a list of 'key: check-id: reason' (key one of title, "
                                           "description, summary, abstract, keywords; a waivable check)")
    if "translation" in meta:
        if meta["translation"] != "stale":
            yield doc.key_line("translation"), (f"translation: {show(meta['translation'])} is unknown "
                                                "(the one value is stale)")
        elif meta.get("source_lang") == doc.lang:
            yield doc.key_line("translation"), "translation: stale is set on the source page (it has no source)"


@check("file")
def unknown_tag(doc, context):
    """A brief's tags are ids from data/tags.yml."""
    tags = doc.get("tags") if _ours(doc, context) else None
    if not isinstance(tags, list):
        return
    vocabulary = context.tags or {}
    start = doc.key_line("tags")
    for tag in tags:
        if isinstance(tag, str) and tag not in vocabulary:
            named = re.compile(rf"(?<![\w-]){re.escape(tag)}(?![\w-])")
            line = next((i + 1 for i in range(start - 1, min(len(doc.lines), start + len(tags) + 1))
                         if named.search(doc.lines[i])), start)
            yield line, f"tag {tag} is not in data/tags.yml"


@check("page")
def front_matter_agreement(page, context):
    """source_lang, kind, date, published and tags are the same in every language as in the source."""
    source = page.source
    if source is None or source.meta is None:
        return
    for doc in page.translations():
        if doc.meta is None:
            continue
        needed = {key for key, _ in required(doc.meta, context)}  # a missing one is front-matter-keys' finding
        for key in AGREEING_KEYS:
            if key not in doc.meta and (key in needed or key not in source.meta):
                continue
            if key == "source_lang" and doc.meta[key] not in page.codes:
                continue  # front-matter-values reports a language that is not configured
            expected, found = source.meta.get(key), doc.meta.get(key)
            if found != expected:
                line = doc.key_line(key) if key in doc.meta else 1
                shown_found, shown_expected = show(found), show(expected)
                if shown_found == shown_expected:  # the same words, another type: "2026-11-27" (text), a date
                    shown_found += f" as {_kind(found)}"
                    shown_expected += f" as {_kind(expected)}"
                yield doc, line, (f"value of {key} differs from source {source.path}:{source.key_line(key)} "
                                  f"(found {shown_found}, expected {shown_expected})"), source, source.key_line(key)


def _kind(value) -> str:
    """How a YAML value's type reads to an author (a quoted date is text, an unquoted one a date)."""
    return {"str": "text (quoted)", "date": "a date", "datetime": "a date and time", "int": "a number",
            "float": "a number", "bool": "true/false", "list": "a list", "dict": "a mapping",
            "NoneType": "nothing"}.get(type(value).__name__, type(value).__name__)


@check("page")
def pending(page, context):
    """pending: [lang] sits in the source and names configured, missing, non-default languages."""
    source, codes = page.source, page.codes
    for doc in page.docs.values():
        if doc is not source and doc.meta is not None and "pending" in doc.meta:
            where = f" ({source.path})" if source else ""
            yield doc, doc.key_line("pending"), f"pending belongs in the source's front matter{where}", source, None
    if source is None or source.meta is None or "pending" not in source.meta:
        return
    value, line = source.meta["pending"], source.key_line("pending")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        yield source, line, f"pending is not a list of languages (found {show(value)}, expected e.g. [en])", None, None
        return
    default = context.project.default.code
    for lang in value:
        if lang not in codes:
            yield source, line, f"pending language {lang} is not configured (one of {', '.join(codes)})", None, None
        elif lang == page.source_lang:
            yield source, line, f"pending names {lang}, the source language", None, None
        elif lang in page.docs:
            yield source, line, (f"pending lists {lang}, but {page.docs[lang].path} exists "
                                 f"(remove {lang} from pending)"), page.docs[lang], None
        elif lang == default:
            yield source, line, (f"pending cannot name {lang}: static-i18n falls back to the default language "
                                 f"{default} and has nothing to show instead; translate the page"), None, None


@check("page")
def missing_translation(page, context):
    """Every page exists in every language, unless the source lists the language under pending."""
    anchor = page.source or next(page.docs[c] for c in page.codes if c in page.docs)
    base = anchor.path[: len(anchor.path) - len(anchor.uri)]
    stem = page.uri[:-3]
    for code in page.codes:
        if code in page.docs:
            continue
        path = f"{base}{stem}.{code}.md"
        if code == page.source_lang:
            yield anchor, 1, f"source {path} is missing (source_lang: {code})", path, None
        elif code not in page.pending:
            yield anchor, 1, (f"translation {path} is missing (add it, or list {code} under pending: "
                              "in the source's front matter)"), path, None
