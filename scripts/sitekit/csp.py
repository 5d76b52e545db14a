"""A Content-Security-Policy for every page, as a ``<meta http-equiv>`` (GitHub Pages sends no headers).

The policy allows the site's own origin only. Material emits a few inline scripts (the local-storage
helpers, the palette switch, the tabbed-content fix); their text depends on the page (the relative path
to the site root is part of the first one), so each page carries the sha256 hashes of its own inline
scripts and nothing else runs inline. ``<script type="application/json">`` (Material's ``__config``) is
data the browser never executes: it needs no hash. Inline event handlers (``onclick=``) and
``javascript:`` URLs cannot be hashed without ``'unsafe-hashes'``, so the policy blocks them; the
translation check keeps them out of ``docs/`` in the first place.

Why each directive is what it is (also in CONTRIBUTING.md):

- ``default-src 'self'``: everything not named below comes from the site's origin or not at all.
- ``script-src 'self'`` + per-page hashes: Material's bundle and search worker are files of the site.
- ``style-src 'self'``: Material's styles, ``extra.css`` and ``fonts.css`` are files; Material sets
  style only through the CSSOM (``el.style.x = ...``), which CSP does not govern. Markdown can still
  produce a ``style`` attribute (a table column aligned with ``:---:`` becomes
  ``style="text-align: center;"``); a page that has one gets ``'unsafe-hashes'`` plus the hash of each
  such attribute value, never ``'unsafe-inline'``.
- ``img-src 'self' data:``: Material draws its icons (admonitions, checkboxes, the search reset) as CSS
  masks of ``data:image/svg+xml`` URLs; without ``data:`` every admonition loses its icon.
- ``font-src``, ``connect-src`` (search index, the language switcher's sitemaps), ``worker-src`` (the
  search worker), ``manifest-src``: ``'self'``.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugins, no ``<base>``
  hijacking, no form posting elsewhere.

``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>`` policy and so are left
out. Under ``mkdocs serve`` the live-reload script MkDocs injects changes on every request and cannot be
hashed: ``serve`` pages get ``'unsafe-inline'`` for scripts instead of hashes (never a built page).
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser

META_NAME = "Content-Security-Policy"

# Script types a browser executes (the HTML standard: absent, empty, a JavaScript MIME type or module).
JS_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5",
})

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
# A style attribute with a value needs its name, optional space and "=": without this text anywhere
# outside scripts (lowercased, as the parser lowercases names) the page has none, and the HTML parser (the
# slow part of the hook) can be skipped. A literal pattern on lowercased text is three times faster than
# re.IGNORECASE.
MAYBE_STYLE_ATTRIBUTE = re.compile(r"style\s*=")
# `` name="value"`` pairs with nothing an HTML parser would read differently (no entity, quote or `<`).
SIMPLE_ATTRIBUTE = re.compile(r'\s+([a-zA-Z][a-zA-Z0-9_-]*)="([^"&<]*)"')
SIMPLE_ATTRIBUTES = re.compile(r'(?:\s+[a-zA-Z][a-zA-Z0-9_-]*="[^"&<]*")*\s*')
EXISTING = re.compile(r"<meta\b[^>]*http-equiv=[\"']?content-security-policy", re.IGNORECASE)


class CSPError(Exception):
    """The page cannot carry the policy as built (the message says why and what to change)."""


@dataclasses.dataclass(frozen=True)
class InlineCode:
    """What a page runs or styles inline, as the browser hashes it."""

    scripts: tuple[str, ...] = ()
    style_elements: tuple[str, ...] = ()
    style_attributes: tuple[str, ...] = ()


def sha256_source(text: str) -> str:
    """The CSP hash source of ``text`` (the exact characters between the tags, UTF-8)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(start_tag_inner: str) -> dict[str, str]:
    """The attributes of ``<script ...>`` parsed as a browser would (lowercased names, entities decoded)."""
    if SIMPLE_ATTRIBUTES.fullmatch(start_tag_inner):  # the common case, without an HTML parser per tag
        found = {}
        for name, value in SIMPLE_ATTRIBUTE.findall(start_tag_inner):
            found.setdefault(name.lower(), value)
        return found
    found = {}

    class _Tag(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                found.setdefault(name, value or "")

    parser = _Tag()
    parser.feed(f"<script{start_tag_inner}>")
    parser.close()
    return found


def is_executable(attributes: dict[str, str]) -> bool:
    return attributes.get("type", "").strip().lower() in JS_TYPES


class _StyleAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values.extend(value for name, value in attrs if name == "style" and value is not None)

    handle_startendtag = handle_starttag


def inline_code(html: str) -> InlineCode:
    """The inline scripts (executable ones only), ``<style>`` elements and ``style`` attributes of a page."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" in attributes or not is_executable(attributes):
            continue
        scripts.append(match.group(2))
    styles = [m.group(1) for m in STYLE_ELEMENT.finditer(html)]
    markup = SCRIPT.sub("", html)  # script text is not markup
    attributes: list[str] = []
    if MAYBE_STYLE_ATTRIBUTE.search(markup.lower()):  # parsing every page costs ~10 ms; most have no style=
        parser = _StyleAttributes()
        parser.feed(markup)
        parser.close()
        attributes = parser.values
    return InlineCode(tuple(scripts), tuple(styles), tuple(attributes))


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def policy(code: InlineCode = InlineCode(), *, live_reload: bool = False) -> str:
    """The policy of one page: the fixed directives plus the hashes of what it runs and styles inline."""
    if live_reload:
        scripts = ["'self'", "'unsafe-inline'"]
    else:
        scripts = ["'self'", *_unique(sha256_source(s) for s in code.scripts)]
    styles = ["'self'", *_unique(sha256_source(s) for s in code.style_elements)]
    if code.style_attributes:
        styles += ["'unsafe-hashes'", *_unique(sha256_source(s) for s in code.style_attributes)]
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", scripts),
        ("style-src", styles),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def meta_tag(value: str) -> str:
    return f'<meta http-equiv="{META_NAME}" content="{value}">'


def apply(html: str, *, live_reload: bool = False) -> str:
    """``html`` with its policy as the first element after ``<meta charset>`` (or ``<head>``).

    Raises CSPError when the page has no ``<head>`` or already carries a policy of its own.
    """
    if EXISTING.search(html):
        raise CSPError("page already has a Content-Security-Policy meta (remove it: the hook writes one)")
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise CSPError("page has no <head> (the policy must come before any script)")
    tag = meta_tag(policy(inline_code(html), live_reload=live_reload))
    out = html[:anchor.end()] + tag + html[anchor.end():]
    if "<script" in html[:anchor.end()].lower():  # the tag goes in at anchor.end(): only what precedes it
        raise CSPError("a <script> comes before <meta charset> (move it: the policy must come first)")
    return out


def find_policy(html: str) -> str | None:
    """The content of the page's CSP meta, or None."""

    found: list[str] = []

    class _Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "meta" and (attributes.get("http-equiv") or "").lower() == META_NAME.lower():
                found.append(attributes.get("content") or "")

    parser = _Meta()
    parser.feed(html)
    parser.close()
    return found[0] if found else None
