"""A language's search index against that language's text.

The text of a page is what a reader reads in its ``<article>`` (Material's ``md-content__inner``): the
title, headings, paragraphs, lists, tables and notices, without markup, scripts, the ``¶`` permalinks
or the navigation, header and footer; whitespace runs count as one space. The index is the file the
page's search loads (``<language root>/search/search_index.json``), as stored. Both are counted in
UTF-8 bytes, uncompressed (the gzip sizes are reported too).
"""
from __future__ import annotations

import gzip
import html.parser
import json
import re
from pathlib import Path

from sitekit.project import Project

SPACE = re.compile(r"\s+")


class _ArticleText(html.parser.HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # inside <article>: nesting depth of article elements
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and (tag in self.SKIP or ("class", "headerlink") in attrs):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth and self.skip and (tag in self.SKIP or tag == "a"):
            self.skip -= 1
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(page_html: str) -> str:
    parser = _ArticleText()
    parser.feed(page_html)
    parser.close()
    return SPACE.sub(" ", " ".join(parser.parts)).strip()


def language_pages(site_dir: Path, project: Project, code: str) -> list[Path]:
    """The built pages of one language (the 404 page and other languages' folders left out)."""
    root = site_dir / project.language(code).prefix
    others = [site_dir / lang.prefix for lang in project.languages if lang.prefix and lang.code != code]
    pages = []
    for path in sorted(root.rglob("index.html")):
        if not any(o in path.parents for o in others):
            pages.append(path)
    return pages


def measure(site_dir: Path, project: Project) -> dict[str, dict]:
    """Per language: pages, text bytes, index bytes (raw and gzip), the ratio, and what the index holds."""
    out = {}
    for lang in project.languages:
        pages = language_pages(site_dir, project, lang.code)
        text = "\n".join(article_text(p.read_text(encoding="utf-8")) for p in pages).encode("utf-8")
        index_path = site_dir / lang.prefix / "search" / "search_index.json"
        raw = index_path.read_bytes()
        out[lang.code] = {
            "pages": len(pages),
            "text_bytes": len(text),
            "text_gzip": len(gzip.compress(text, 6, mtime=0)),
            "index_bytes": len(raw),
            "index_gzip": len(gzip.compress(raw, 6, mtime=0)),
            "ratio": round(len(raw) / len(text), 3) if text else None,
            "breakdown": breakdown(json.loads(raw)),
        }
    return out


def breakdown(index: dict) -> dict[str, int]:
    """Bytes of the index by field (UTF-8, as serialised), to show what a leaner index would drop."""
    sizes = {"location": 0, "title": 0, "text": 0, "text_markup": 0, "tags": 0, "entries": len(index.get("docs", []))}
    for doc in index.get("docs", []):
        sizes["location"] += len(doc.get("location", "").encode())
        sizes["title"] += len(doc.get("title", "").encode())
        text = doc.get("text", "")
        sizes["text"] += len(text.encode())
        sizes["text_markup"] += sum(len(m.encode()) for m in re.findall(r"<[^>]+>", text))
        sizes["tags"] += len(json.dumps(doc["tags"], ensure_ascii=False).encode()) if "tags" in doc else 0
    return sizes
