"""One RSS 2.0 feed per language (``feed.xml`` at each language root), items in that language only.

mkdocs-rss-plugin writes a single file under ``site_dir`` and, under static-i18n, the last language built
wins; so the feeds are written here, from the same brief records as the listing. Dates come from the
briefs' front matter, never from the clock, so two builds of one commit give the same bytes.
"""
from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from sitekit.alternates import absolute
from sitekit.briefs import Brief, tag_labels
from sitekit.project import Project

FILENAME = "feed.xml"


def url(project: Project, lang: str) -> str:
    return absolute(FILENAME, lang, project)


def _rfc822(date: dt.date) -> str:
    return format_datetime(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc))


def render(briefs: list[Brief], lang: str, title: str, description: str, project: Project,
           vocabulary: dict, msgs=None) -> str:
    """The feed of ``lang``; a pending brief (shown in another language) is listed with its summary after
    the reader's-language note that it is not translated yet."""
    home = absolute("", lang, project)
    newest = max((b.date for b in briefs), default=None)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
        f"  <title>{escape(title)}</title>\n",
        f"  <link>{escape(home)}</link>\n",
        f"  <description>{escape(description)}</description>\n",
        f"  <language>{lang}</language>\n",
        f'  <atom:link href="{escape(url(project, lang))}" rel="self" type="application/rss+xml"/>\n',
    ]
    if newest:
        out.append(f"  <lastBuildDate>{_rfc822(newest)}</lastBuildDate>\n")
    for brief in briefs:
        link = absolute(brief.path(), lang, project)
        out.append("  <item>\n")
        out.append(f"    <title>{escape(brief.title)}</title>\n")
        out.append(f"    <link>{escape(link)}</link>\n")
        out.append(f'    <guid isPermaLink="true">{escape(link)}</guid>\n')
        out.append(f"    <pubDate>{_rfc822(brief.date)}</pubDate>\n")
        summary = brief.summary
        if brief.pending and msgs is not None:
            summary = f"{msgs.text(lang, 'brief.pending', other=brief.shown_lang)} {summary}"
        out.append(f"    <description>{escape(summary)}</description>\n")
        for label in tag_labels(brief.tags, lang, vocabulary):
            out.append(f"    <category>{escape(label)}</category>\n")
        out.append("  </item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def write(site_dir: Path, lang: str, text: str, project: Project) -> Path:
    path = site_dir / project.language(lang).prefix / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
