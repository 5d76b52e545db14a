"""The built site as the site-foundation tests read it: its pages by language, the sample pages the
browser tests open, and what a page's HTML says (read with the standard library's parser).

Imported by the tests as a plain module (pytest puts ``tests/`` on ``sys.path``).
"""
from __future__ import annotations

import dataclasses
import html.parser
import re
import time
import urllib.parse
from pathlib import Path

import pytest

from sitekit import briefs, project

PROJECT = project.load()
LANGS = PROJECT.codes  # mkdocs.yml is the one source of the list
DEFAULT = PROJECT.default.code
NOT_FOUND = "404.html"  # Material's 404 page: one for the whole site, served for every missing URL
# Lighthouse's mobile screen (412 × 823 CSS px), as a Playwright context's arguments; a page's widths, all
# 412 on it when nothing is wider than the screen (a wider page is zoomed out by the phone).
PHONE = dict(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True, device_scale_factor=1.75)
WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]"


def watch(page):
    """Record every request (``page.requests``) and every console error and uncaught exception
    (``page.console_errors``) of a Playwright page; returns the page."""
    page.requests = []
    page.console_errors = []
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    return page


def prefix(lang: str) -> str:
    return PROJECT.language(lang).prefix


def _oldest_brief() -> str:
    """A brief a reader of every language finds (translated or pending), stable as new briefs are added
    (the oldest one)."""
    per_lang = [{b.slug: b for b in briefs.collect(PROJECT.docs_dir, lang, PROJECT)} for lang in LANGS]
    common = sorted(set.intersection(*(set(p) for p in per_lang)), key=lambda s: (per_lang[0][s].date, s))
    assert common, "no brief is published in every language"
    return f"{briefs.FOLDER}/{common[0]}/"


BRIEF = _oldest_brief()
# What the browser tests open in every language: the home page, the article and a brief.
SAMPLES = ("", "article/", BRIEF)


def language_of(rel: str) -> str:
    """The language of a built file from its site-relative POSIX path: the default at the root, the others
    under their prefix."""
    for lang in LANGS:
        if prefix(lang) and rel.startswith(prefix(lang)):
            return lang
    return DEFAULT


def neutral_path(rel: str) -> str:
    """``ru/briefs/x/index.html`` → ``briefs/x/``: the page's identity across languages."""
    rel = rel[len(prefix(language_of(rel))):]
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def html_files(site_dir: Path) -> list[str]:
    """Every built HTML page, as site-relative POSIX paths, sorted."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def content_pages(site_dir: Path) -> list[str]:
    """The built pages of the docs (every HTML file but the 404 page)."""
    return [rel for rel in html_files(site_dir) if rel != NOT_FOUND]


@dataclasses.dataclass
class Heading:
    level: int
    id: str | None
    text: str
    line: int


class PageHTML(html.parser.HTMLParser):
    """What the tests need from one page: <html lang>, <link rel=alternate>, headings, links, ids."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.alternates: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []  # every <a href>: its attributes and its text ("text")
        self.headings: list[Heading] = []
        self.ids: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []  # every start tag with its attributes
        self.meta: dict[str, str] = {}
        self.text_parts: list[str] = []
        self._heading: Heading | None = None
        self._link: dict[str, str] | None = None  # the <a> being read: its text goes to link["text"]
        self._in_article = 0
        self._skip = 0  # inside <script>/<style>
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs))
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs)
            self._link = attrs
            attrs["text"] = ""
        if tag in ("script", "style"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = Heading(int(tag[1]), attrs.get("id"), "", self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            self._link["text"] = " ".join(self._link["text"].split())
            self._link = None
        if self._heading and tag == f"h{self._heading.level}":
            self._heading.text = " ".join(self._heading.text.split())
            self.headings.append(self._heading)
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text_parts.append(data)
        if self._heading:
            self._heading.text += data
        if self._link is not None:
            self._link["text"] += data

    @property
    def page_alternates(self) -> dict[str, str]:
        """hreflang → href of the page's language alternates (feeds, which carry a type, left out)."""
        return {a["hreflang"]: a["href"] for a in self.alternates if "hreflang" in a and "type" not in a}

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        """Attributes of the ``tag`` elements whose attributes include ``wanted`` (``class_`` matches one
        class of the element, ``data_x`` the attribute ``data-x``)."""
        out = []
        for name, attrs in self.elements:
            if name != tag:
                continue
            ok = True
            for key, value in wanted.items():
                if key == "class_":
                    ok = ok and value in attrs.get("class", "").split()
                else:
                    ok = ok and attrs.get(key.replace("_", "-")) == value
            if ok:
                out.append(attrs)
        return out

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def parse(path: Path) -> PageHTML:
    return PageHTML(path.read_text(encoding="utf-8"))


# --- in Chromium ---------------------------------------------------------------------------------------

def run_search(page, url: str, query: str) -> list[str]:
    """Type ``query`` into Material's search box on ``url``; return the result links (absolute URLs, without
    the highlight query and fragment), in order, once the results have stopped changing."""
    if page.url.split("?")[0] != url:
        page.goto(url, wait_until="networkidle")
    page.fill("input[data-md-component=search-query]", "")  # a new query on the same page
    page.click("input[data-md-component=search-query]")
    page.keyboard.type(query)
    page.keyboard.press("End")  # typing Cyrillic sends no keyup: this one makes Material search
    read = """() => [document.querySelector('.md-search-result__meta')?.textContent.trim() ?? '',
                     [...document.querySelectorAll('.md-search-result__list a')].map(a => a.href)]"""
    deadline, last = time.monotonic() + 10, None
    while time.monotonic() < deadline:
        now = page.evaluate(read)
        if now == last and now[1]:
            break
        last = now
        page.wait_for_timeout(250)
    else:
        pytest.fail(f"no search results for {query!r} on {url}: {last}")
    # Material lists the first results and more as the reader scrolls the list: scroll until none come
    for _ in range(20):
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = w.scrollHeight; }")
        page.wait_for_timeout(200)
        now = page.evaluate(read)
        if len(now[1]) == len(last[1]):
            break
        last = now
    out = []
    for href in last[1]:
        parts = urllib.parse.urlsplit(href)
        bare = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        if bare not in out:
            out.append(bare)
    return out
