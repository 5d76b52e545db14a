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

from sitekit import escaping, frontmatter

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
    shown_lang: str = ""  # the language of the text a reader of ``lang`` sees ('' or ``lang``: its own)

    @property
    def pending(self) -> bool:
        """Not translated into ``lang`` yet: the reader sees the text in ``shown_lang``."""
        return bool(self.shown_lang) and self.shown_lang != self.lang

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


def collect(docs_dir: Path, lang: str, proj=None) -> list[Brief]:
    """Every brief a reader of ``lang`` finds, newest first (then by slug): those written or translated
    into ``lang`` and, given the project, the pending ones, in the language of its fallback order that
    has them (``shown_lang``)."""
    if proj is None:
        found = {path.name[: -len(f".{lang}.md")]: (path, lang)
                 for path in (docs_dir / FOLDER).glob(f"*.{lang}.md")}
    else:
        from sitekit import fallbacks
        stems = {fallbacks.split(path.name, proj.codes)[0] for path in (docs_dir / FOLDER).glob("*.md")}
        found = {}
        for stem in stems:
            shown = fallbacks.choose(f"{FOLDER}/{stem}", lang, proj, docs_dir)
            if shown is not None:
                found[stem] = (docs_dir / FOLDER / f"{stem}.{shown}.md", shown)
    briefs = []
    for slug, (path, shown) in sorted(found.items()):
        if slug == "index" or "." in slug:
            continue
        meta, body = frontmatter.read(path)
        if meta.get("kind") != "brief" or not isinstance(meta.get("date"), dt.date):
            continue  # the translation check reports malformed briefs; the listing shows good ones only
        briefs.append(Brief(
            slug=slug, lang=lang, title=str(meta.get("title", slug)), date=meta["date"],
            summary=str(meta.get("summary", "")), tags=tuple(meta.get("tags") or ()),
            source_lang=str(meta.get("source_lang", "")), words=count_words(body), shown_lang=shown,
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
        title, own, pending = f"[{escaping.markdown_text(brief.title)}]({brief.slug}.md)", "", ""
        if brief.pending:  # the title and summary keep their own language and direction; the mark is ours
            from sitekit.messages import direction
            own = f' lang="{brief.shown_lang}" dir="{direction(brief.shown_lang)}"'
            title = f"<span{own}>{title}</span>"
            pending = (f'<p class="brief-pending">'
                       f"{html.escape(msgs.text(lang, 'brief.pending', other=brief.shown_lang))}</p>\n\n")
        out.append(
            '<li markdown="block">\n\n'
            f"## {title} {{#{brief.slug}}}\n\n"
            f"{pending}"
            f'<p class="page-meta"><time datetime="{brief.date.isoformat()}">{long_date(brief.date, lang)}</time>'
            f" · {html.escape(msgs.text(lang, 'brief.reading_time', count=brief.minutes))}</p>\n\n"
            f"<p{own}>{html.escape(brief.summary)}</p>\n\n"
            f'<ul class="tag-list" aria-label="{html.escape(msgs.text(lang, "brief.tags"))}">{tags}</ul>\n\n'
            "</li>"
        )
    out.append("</ul>")
    return "\n".join(out)
