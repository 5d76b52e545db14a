"""A Content-Security-Policy for every page, as a ``<meta http-equiv>`` (GitHub Pages sends no headers).

The policy is an **allow-list fixed at build time**, never a list of whatever a page contains: hashing the
inline scripts found in a page would admit a ``<script>`` injected through a title, a glossary definition,
a tag label or raw HTML in Markdown. What may run inline is what Material's own templates emit:

- ``SCRIPT_TEMPLATES`` names the Material partials whose inline scripts the site's configuration uses
  (the local-storage helpers, the palette switch, the tabbed-content fix). ``allowlist`` reads their
  source from the theme (so an upgrade of Material, or an override in ``overrides/``, is what counts),
  takes the text between each ``<script>`` and ``</script>``, and accepts one template expression only,
  the page's relative base URL (``{{ base_url }}``, ``{{ config.extra.scope | d(base_url) }}``): any
  other expression inside a script is a configuration error, so nothing of a page's content can become
  part of a hashed script. Each page's policy has the hashes of those scripts rendered for the page's
  base URL, which MkDocs computes from the page's location, whether the page uses them or not.
- ``STYLE_ATTRIBUTES``: the only inline styles, the ``style="text-align: …;"`` of an aligned Markdown
  table column (Python-Markdown's tables extension), allowed by hash with ``'unsafe-hashes'``. No
  ``<style>`` element is allowed: the stylesheets are files.

``<script type="application/json">`` (Material's ``__config``) and ``application/ld+json`` are data the
browser never executes: they need no hash. Inline event handlers (``onclick=``), ``javascript:`` URLs,
other inline scripts and ``<style>`` elements are blocked by the browser; the translation check keeps
them out of ``docs/`` in the first place, and the templates escape titles (``hook_escape.py``).

Why each directive is what it is (also in CONTRIBUTING.md):

- ``default-src 'self'``: everything not named below comes from the site's origin or not at all.
- ``script-src 'self'`` + the allow-list's hashes: Material's bundle and search worker, ``citation.js``
  and the on-demand scripts (``bundle-on-demand.js`` adds Material's bundle as a same-origin script
  element) are files of the site.
- ``style-src 'self' 'unsafe-hashes'`` + the three alignment hashes: Material's styles, ``extra.css`` and
  ``fonts.css`` are files; Material sets style only through the CSSOM (``el.style.x = ...``), which CSP
  does not govern.
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
import functools
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


# --- the allow-list ---------------------------------------------------------------------------------------

# The Material partials whose inline scripts this site's configuration emits (mkdocs-material 9.8.1):
# base.html (storage helpers, every page), palette.html (the colour scheme switch, with theme.palette),
# content.html (keeps a linked tab open; its tab-memory script only with content.tabs.link).
SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)
# Python-Markdown's tables extension aligns a column with exactly these attribute values.
STYLE_ATTRIBUTES = ("text-align: left;", "text-align: center;", "text-align: right;")
# The one value a page lends to Material's inline scripts: its relative base URL (or a configured scope).
BASE_URL = re.compile(r"\{\{-?\s*(base_url|config\.extra\.scope\s*\|\s*d\(\s*base_url\s*\))\s*-?\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")


@dataclasses.dataclass(frozen=True)
class ScriptTemplate:
    """One inline script of a theme template, its base-URL expressions left open."""

    template: str
    text: str

    def render(self, base_url: str, scope: str | None = None) -> str:
        """The script as the template renders it on a page whose base URL is ``base_url``."""
        return BASE_URL.sub(lambda m: base_url if m.group(1) == "base_url" or scope is None else scope, self.text)


@dataclasses.dataclass(frozen=True)
class Allowlist:
    """What may run and style inline, fixed when the build starts."""

    scripts: tuple[ScriptTemplate, ...] = ()
    scope: str | None = None  # config.extra.scope, when set

    def script_sources(self, base_url: str) -> list[str]:
        return list(_script_sources(self, base_url))

    def allows_script(self, text: str, base_url: str) -> bool:
        return sha256_source(text) in self.script_sources(base_url)


@functools.lru_cache(maxsize=256)
def _script_sources(allowed: Allowlist, base_url: str) -> tuple[str, ...]:
    """The hashes of ``allowed``'s scripts on a page at ``base_url``: the same few base URLs (one per folder
    depth) on every page of a build."""
    return tuple(_unique(sha256_source(script.render(base_url, allowed.scope)) for script in allowed.scripts))


def script_templates(name: str, source: str) -> list[ScriptTemplate]:
    """The executable inline scripts of template ``name``; CSPError if one depends on anything but the
    base URL (a hash must not cover text a page can choose) or if there is none (the theme changed)."""
    found = []
    for match in SCRIPT.finditer(source):
        attributes = _attributes(match.group(1))
        if "src" in attributes or not is_executable(attributes):
            continue
        text = match.group(2)
        if TEMPLATE_SYNTAX.search(BASE_URL.sub("", text)):
            raise CSPError(f"{name}: an inline script depends on a template value other than the base URL; "
                           "it cannot be allowed by hash (check SCRIPT_TEMPLATES in sitekit/csp.py)")
        found.append(ScriptTemplate(name, text))
    if not found:
        raise CSPError(f"{name}: no inline script found; the theme changed (update SCRIPT_TEMPLATES in sitekit/csp.py)")
    return found


def allowlist(read_template, scope: object = None, names=SCRIPT_TEMPLATES) -> Allowlist:
    """The allow-list from the theme: ``read_template(name)`` returns a template's source (the MkDocs
    theme's Jinja loader, so ``overrides/`` counts); ``scope`` is ``config.extra.scope`` if set."""
    scripts: list[ScriptTemplate] = []
    for name in names:
        try:
            source = read_template(name)
        except Exception as exc:  # jinja2.TemplateNotFound and I/O errors: report, never a traceback
            raise CSPError(f"{name}: cannot read the theme template ({exc.__class__.__name__}: {exc})") from None
        scripts += script_templates(name, source)
    return Allowlist(tuple(scripts), None if scope is None else str(scope))


@functools.lru_cache(maxsize=256)
def policy(allowed: Allowlist = Allowlist(), base_url: str = ".", *, live_reload: bool = False) -> str:
    """The policy of a page whose base URL is ``base_url``: fixed directives plus the allow-list's hashes
    (made once per allow-list and base URL)."""
    if live_reload:
        scripts = ["'self'", "'unsafe-inline'"]
    else:
        scripts = ["'self'", *allowed.script_sources(base_url)]
    styles = ["'self'", "'unsafe-hashes'", *_unique(sha256_source(s) for s in STYLE_ATTRIBUTES)]
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


def apply(html: str, allowed: Allowlist = Allowlist(), base_url: str = ".", *, live_reload: bool = False) -> str:
    """``html`` with its policy as the first element after ``<meta charset>`` (or ``<head>``).

    The policy depends on ``allowed`` and ``base_url`` only, never on what ``html`` contains. Raises
    CSPError when the page has no ``<head>`` or already carries a policy of its own.
    """
    if EXISTING.search(html):
        raise CSPError("page already has a Content-Security-Policy meta (remove it: the hook writes one)")
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise CSPError("page has no <head> (the policy must come before any script)")
    tag = meta_tag(policy(allowed, base_url, live_reload=live_reload))
    out = html[:anchor.end()] + tag + html[anchor.end():]
    if "<script" in html[:anchor.end()].lower():  # the tag goes in at anchor.end(): only what precedes it
        raise CSPError("a <script> comes before <meta charset> (move it: the policy must come first)")
    return out


def blocked(html: str, allowed: Allowlist, base_url: str) -> InlineCode:
    """What of ``html``'s inline code the policy will block (for the build's log and the tests)."""
    code = inline_code(html)
    return InlineCode(
        tuple(s for s in code.scripts if not allowed.allows_script(s, base_url)),
        code.style_elements,
        tuple(s for s in code.style_attributes if s not in STYLE_ATTRIBUTES),
    )


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
