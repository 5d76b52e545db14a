"""The briefs series: collecting briefs per language, dates and reading times, the listing.

Material's blog plugin cannot run under static-i18n (it writes into ``docs/`` and crashes), so the
listing is generated here and put into ``docs/briefs/index.<lang>.md`` at the ``<!-- briefs -->`` marker
by ``hook_site.py``; the feeds (``feeds.py``) use the same records.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import math
import re
from pathlib import Path

from babel.dates import format_date

from sitekit import frontmatter

MARKER = "<!-- briefs -->"
FOLDER = "briefs"
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_MARKUP = re.compile(r"`[^`]*`|\]\([^)]*\)|\{#[^}]*\}|<!--.*?-->", re.S)


@dataclasses.dataclass(frozen=True)
class Brief:
    slug: str
    lang: str
    title: str
    date: dt.date
    summary: str
    tags: tuple[str, ...]
    source_lang: str
    words: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    def path(self) -> str:
        """The language-neutral URL path of the brief (``briefs/<slug>/``)."""
        return f"{FOLDER}/{self.slug}/"


def count_words(markdown: str) -> int:
    # A brief is counted for its page and again for the listing and the feed; MkDocs hands the page
    # its body without the file's last newline, which changes no count.
    return _count_words(markdown.rstrip())


@functools.lru_cache(maxsize=2048)
def _count_words(markdown: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", markdown)))


def reading_minutes(markdown: str) -> int:
    return max(1, math.ceil(count_words(markdown) / WORDS_PER_MINUTE))


def collect(docs_dir: Path, lang: str) -> list[Brief]:
    """Every brief written or translated into ``lang``, newest first (then by slug)."""
    briefs = []
    for path in sorted((docs_dir / FOLDER).glob(f"*.{lang}.md")):
        slug = path.name[: -len(f".{lang}.md")]
        if slug == "index":
            continue
        meta, body = frontmatter.read(path)
        if meta.get("kind") != "brief" or not isinstance(meta.get("date"), dt.date):
            continue  # the translation check reports malformed briefs; the listing shows good ones only
        briefs.append(Brief(
            slug=slug, lang=lang, title=str(meta.get("title", slug)), date=meta["date"],
            summary=str(meta.get("summary", "")), tags=tuple(meta.get("tags") or ()),
            source_lang=str(meta.get("source_lang", "")), words=count_words(body),
        ))
    return sorted(briefs, key=lambda b: (-b.date.toordinal(), b.slug))


@functools.lru_cache(maxsize=4096)  # Babel takes about a millisecond a call; briefs share dates
def long_date(date: dt.date, lang: str) -> str:
    """The date as readers of ``lang`` write it (CLDR via Babel): «2026 ж. 25 қараша», «25 ноября 2026 г.»."""
    return format_date(date, format="long", locale=lang)


def tag_labels(tags, lang: str, vocabulary: dict) -> list[str]:
    return [vocabulary.get(tag, {}).get(lang, tag) for tag in tags]


def listing(briefs: list[Brief], lang: str, vocabulary: dict, msgs) -> str:
    """The listing as HTML for the Markdown page (md_in_html keeps the links Markdown, so they resolve)."""
    feed = f'<p class="feed-link"><a href="../feed.xml" type="application/rss+xml">{html.escape(msgs.text(lang, "feed.link"))}</a></p>'
    if not briefs:
        return f"<p>{html.escape(msgs.text(lang, 'briefs.empty'))}</p>\n{feed}"
    out = [feed, '<ul class="brief-list" markdown="block">']
    for brief in briefs:
        tags = "".join(f"<li>{html.escape(label)}</li>" for label in tag_labels(brief.tags, lang, vocabulary))
        out.append(
            '<li markdown="block">\n\n'
            f"## [{brief.title}]({brief.slug}.md) {{#{brief.slug}}}\n\n"
            f'<p class="page-meta"><time datetime="{brief.date.isoformat()}">{long_date(brief.date, lang)}</time>'
            f" · {html.escape(msgs.text(lang, 'brief.reading_time', count=brief.minutes))}</p>\n\n"
            f"<p>{html.escape(brief.summary)}</p>\n\n"
            f'<ul class="tag-list" aria-label="{html.escape(msgs.text(lang, "brief.tags"))}">{tags}</ul>\n\n'
            "</li>"
        )
    out.append("</ul>")
    return "\n".join(out)
