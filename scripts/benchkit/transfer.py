"""A page view's transfer, counted as GitHub Pages sends it: each response body gzip-compressed when it
is text (HTML, CSS, JavaScript, JSON, XML, SVG) and as stored when it is not (woff2 and png are
compressed already). HTTP headers are not counted (about 200 bytes a response on GitHub Pages).

Each response gets a kind, and each kind a group: what the page needs to show itself (``page``), what
Material fetches for search once it is up (``search``) and what its language switcher fetches
(``switcher``). The budget counts all three: they are all fetched on a first view without any action
of the reader.
"""
from __future__ import annotations

import collections
from urllib.parse import urlsplit

from benchkit.server import Sent

KINDS = (  # (kind, group, test on the path)
    ("search index", "search", lambda p: p.endswith("search_index.json")),
    ("search kit", "search", lambda p: p.endswith("/workers/search-kit.js")),  # the site's worker around Material's
    ("search worker", "search", lambda p: "/workers/" in p and p.endswith(".js")),
    ("search language", "search", lambda p: "/lunr/" in p and p.endswith(".js")),  # lunr.ru and its support
    ("sitemap", "switcher", lambda p: p.endswith("sitemap.xml")),
    ("html", "page", lambda p: p.endswith("/") or p.endswith(".html")),
    ("css", "page", lambda p: p.endswith(".css")),
    ("js", "page", lambda p: p.endswith(".js")),
    ("font", "page", lambda p: p.endswith((".woff2", ".woff", ".ttf"))),
    ("image", "page", lambda p: p.endswith((".svg", ".png", ".ico", ".jpg", ".webp"))),
)


def kind_of(path: str) -> tuple[str, str]:
    bare = urlsplit(path).path
    for kind, group, test in KINDS:
        if test(bare):
            return kind, group
    return "other", "page"


def summarise(sent: list[Sent]) -> dict:
    """Totals (bytes on the wire and as stored) overall, by group and by kind, and every response."""
    by_kind: dict[str, dict] = collections.defaultdict(lambda: {"requests": 0, "wire": 0, "size": 0})
    by_group: dict[str, int] = collections.defaultdict(int)
    items = []
    for s in sent:
        kind, group = kind_of(s.path)
        entry = by_kind[kind]
        entry["requests"] += 1
        entry["wire"] += s.wire
        entry["size"] += s.size
        by_group[group] += s.wire
        items.append({"path": s.path, "status": s.status, "kind": kind, "group": group,
                      "size": s.size, "wire": s.wire, "gzip": s.encoding == "gzip"})
    return {
        "requests": len(sent),
        "wire": sum(s.wire for s in sent),
        "size": sum(s.size for s in sent),
        "groups": dict(by_group),
        "kinds": {k: dict(v) for k, v in sorted(by_kind.items())},
        "responses": items,
    }
