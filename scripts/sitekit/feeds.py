"""One RSS 2.0 feed per language (``feed.xml`` at each language root), items in that language only.

mkdocs-rss-plugin writes a single file under ``site_dir`` and, under static-i18n, the last language built
wins; so the feeds are written here, from the same brief records as the listing. Dates come from the
briefs' front matter, never from the clock, so two builds of one commit give the same bytes.
"""
from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from pathlib import Path

from sitekit.alternates import absolute
from sitekit.briefs import Brief, tag_labels
from sitekit.project import Project
from sitekit.xmlwrite import element, serialize

FILENAME = "feed.xml"


def url(project: Project, lang: str) -> str:
    return absolute(FILENAME, lang, project)


def _rfc822(date: dt.date) -> str:
    return format_datetime(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc))


ATOM = "http://www.w3.org/2005/Atom"


def render(briefs: list[Brief], lang: str, title: str, description: str, project: Project,
           vocabulary: dict, msgs=None) -> str:
    """The RSS 2.0 document of ``lang``, serialized by ElementTree (sitekit/xmlwrite.py): well-formed
    whatever the titles, summaries and tag labels contain. A pending brief (shown in another language) is
    listed with its summary after the reader's-language note that it is not translated yet."""
    home = absolute("", lang, project)
    newest = max((b.date for b in briefs), default=None)
    rss = element(None, "rss", version="2.0", xmlns__atom=ATOM)
    channel = element(rss, "channel")
    element(channel, "title", title)
    element(channel, "link", home)
    element(channel, "description", description)
    element(channel, "language", lang)
    element(channel, "atom:link", href=url(project, lang), rel="self", type="application/rss+xml")
    if newest:
        element(channel, "lastBuildDate", _rfc822(newest))
    for brief in briefs:
        link = absolute(brief.path(), lang, project)
        item = element(channel, "item")
        element(item, "title", brief.title)
        element(item, "link", link)
        element(item, "guid", link, isPermaLink="true")
        element(item, "pubDate", _rfc822(brief.date))
        summary = brief.summary
        if brief.pending and msgs is not None:
            summary = f"{msgs.text(lang, 'brief.pending', other=brief.shown_lang)} {summary}"
        element(item, "description", summary)
        for label in tag_labels(brief.tags, lang, vocabulary):
            element(item, "category", label)
    return serialize(rss)


def write(site_dir: Path, lang: str, text: str, project: Project) -> Path:
    path = site_dir / project.language(lang).prefix / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
