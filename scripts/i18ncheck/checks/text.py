"""Checks of one file as text: bad input, unsafe HTML, links, heading ids, file names, waivers."""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from i18ncheck import registry
from i18ncheck.blocks import line_at
from i18ncheck.document import RE_LOCALE, split_language
from i18ncheck.registry import check
from i18ncheck.tree import display
from sitekit import encodings

UNSAFE = re.compile(
    r"(?P<script><script\b)|(?P<iframe><(?:iframe|frame|object|embed|applet|base|meta|link|form)\b)"
    r"|(?P<javascript>(?:javascript|vbscript)[ \t]*:|data[ \t]*:[ \t]*text/html)"
    # an attribute starts after white space, a slash or a quote: <img/onerror=...>, <a"onclick=...>
    r"|(?P<handler><[A-Za-z][^<>]*?[\s/\"'`]on[a-z]+[\s/]*=|\{[^{}\n]*?(?<![\w-])on[a-z]+[ \t]*=)", re.I)
UNSAFE_WHAT = {"script": "a <script> element", "iframe": "an element that loads or runs other content",
               "javascript": "a javascript: url", "handler": "an on* event-handler attribute"}
# Browsers decode character references in attributes and drop tabs and line breaks inside a URL's
# scheme: &#106;avascript:, jav&#x09;ascript: and java&NewLine;script: all run.
ENTITY = re.compile(r"&#?[A-Za-z0-9]+;?")
HIDDEN = re.compile(
    r"(?P<attr><[A-Za-z][^<>]*?[\s/\"'](?:hidden|style)(?=[\s/>=])|\{[^{}\n]*?(?<![\w-])(?:hidden|style)(?=[\s}=]))"
    r"|(?P<css>display[ \t]*:[ \t]*none|visibility[ \t]*:[ \t]*hidden|font-size[ \t]*:[ \t]*0)", re.I)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
ELEMENT = re.compile(r"<(?:script|iframe|frame|object|embed|applet|base|meta|link|form)\b")
HANDLER_NAME = re.compile(r"on[a-z]+[\s/]*=")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
ASCII_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@check("file")
def encoding(doc, context):
    """The file can be read, and is UTF-8 without a byte order mark."""
    if doc.read_error:
        yield 1, f"the file cannot be read ({doc.read_error})"
    if doc.foreign:
        yield 1, encodings.message(doc.foreign)
    if doc.decode_error:
        line, byte = doc.decode_error
        yield line, f"bytes that are not utf-8 (first: 0x{byte:02x}); save the file as utf-8"
    if doc.bom:
        yield 1, "the file starts with a byte order mark; save it as utf-8 without bom"


@check("file")
def line_endings(doc, context):
    """Lines end with LF, not CR LF or CR."""
    if doc.crlf:
        line, count = doc.crlf
        yield line, f"line ends with cr lf or cr ({count} in the file); save the file with lf line endings"


@check("file")
def empty_file(doc, context):
    """The file has content."""
    if doc.empty and not doc.read_error and not doc.foreign:
        yield 1, "the file is empty"


@check("file")
def front_matter_syntax(doc, context):
    """The front matter is a YAML mapping between two --- lines."""
    if doc.meta_error and not doc.empty:
        yield doc.meta_error


@check("file")
def unsafe_html(doc, context):
    """No scripts in authors' Markdown: <script, <iframe, javascript: URLs, on*= event handlers."""
    text = "\n".join(doc.lines)
    lower = text.lower()
    if not ("javascript" in lower or "vbscript" in lower or "text/html" in lower or "&" in text or ELEMENT.search(lower)
            or ("=" in text and ("<" in text or "{" in text) and HANDLER_NAME.search(lower))):
        return
    reported = set()
    for m in UNSAFE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        reported.add(line)
        what = UNSAFE_WHAT[m.lastgroup]
        if m.lastgroup == "iframe":
            name = m.group(0)[1:].lower()
            what = f"{'an' if name[0] in 'aeiou' else 'a'} <{name}> element"
        yield line, f"unsafe html: {what} (authors' markdown may not carry scripts)"
    if "&" in text:
        for number, row in enumerate(doc.lines, 1):
            if "&" in row and number not in reported:
                decoded = html.unescape(row)
                squeezed = re.sub(r"[\x00-\x20]+", "", decoded)
                if decoded != row and (UNSAFE.search(decoded) or UNSAFE.search(squeezed)):
                    yield number, ("unsafe html: a script hidden behind character references "
                                   f"({html.unescape(row).strip()[:60]!r} once decoded)")


@check("file")
def hidden_content(doc, context):
    """No content hidden from readers: hidden or style attributes, display:none, comments only a translation has."""
    text = "\n".join(doc.lines)
    lower = text.lower()
    if "hidden" in lower or "style" in lower or "display" in lower or "font-size" in lower:
        for m in HIDDEN.finditer(text):
            what = "a hidden or style attribute" if m.lastgroup == "attr" else f"css that hides text ({m.group(0)})"
            yield (text.count("\n", 0, m.start()) + 1,
                   f"hidden content: {what} (readers would not see what the check compares)")


@check("file")
def broken_link(doc, context):
    """Relative links point to a file in docs/ (a page by its name without the language suffix)."""
    files, codes = context.files, context.project.codes
    folder = posixpath.dirname(doc.uri)
    base = doc.path[: len(doc.path) - len(doc.uri)]
    for node, found in zip(doc.nodes, doc.inlines):
        for target, at in zip(found.targets, found.at["targets"]) if found else ():
            line = line_at(node, at)
            if not target or target.startswith(("#", "[", "//")) or SCHEME.match(target):
                continue
            if target.startswith("/"):
                yield line, f"absolute link {target}: link to the file relative to this page instead"
                continue
            path = unquote(target.split("#", 1)[0].split("?", 1)[0])
            resolved = posixpath.normpath(posixpath.join(folder, path))
            if resolved == ".." or resolved.startswith("../"):
                yield line, f"broken link {target}: it points outside docs/"
                continue
            if path.endswith("/") or resolved == ".":
                yield line, f"link {target} names a folder: link to its page (e.g. {path.rstrip('/') or '.'}/index.md)"
                continue
            neutral, lang = split_language(resolved)
            if lang in codes and resolved.endswith(".md"):
                rel = posixpath.relpath(neutral, folder or ".")
                yield line, (f"link {target} names the {lang} file: link to {rel} so that each "
                                  "language links to its own version")
                continue
            if lang is None:  # static-i18n links the page in the language being built, else the default's
                stem, ext = posixpath.splitext(resolved)
                codes_tried = [c for c in dict.fromkeys((doc.lang, context.project.default.code)) if c]
                candidates = [f"{stem}.{c}{ext}" for c in codes_tried]
                if ext != ".md":
                    candidates.insert(0, resolved)
            else:
                candidates = [resolved]
            if not any(c in files for c in candidates):
                yield line, (f"broken link {target}: no such file in docs/ "
                                  f"(looked for {', '.join(base + c for c in candidates)})")


@check("file")
def heading_anchor(doc, context):
    """Every heading has an explicit ASCII {#id}, unique in the page (the same in every language)."""
    seen: dict[str, int] = {}
    for node in doc.nodes:
        if node.kind != "heading":
            continue
        if node.anchor is None:
            yield node.line, "heading has no {#id}: add an ascii id, the same in every language"
        elif not ASCII_ID.match(node.anchor):
            yield node.line, f"heading id {{#{node.anchor}}} is not ascii (letters, digits, - and _)"
        elif node.anchor in seen:
            yield node.line, f"heading id {{#{node.anchor}}} is used twice (first at line {seen[node.anchor]})"
        else:
            seen[node.anchor] = node.line


@check("tree")
def file_names(tree, context):
    """docs/ holds regular files with names a link can carry: no symbolic links, devices or folders named like pages."""
    for uri, problem in tree.irregular:
        shown = display(uri)
        yield tree.path(shown), 1, f"{posixpath.basename(shown)} {problem}"


# Python-Markdown's inline parser takes time quadratic in the brackets of a block: 4,000 take half a minute,
# 50,000 hours (the build hangs). A block of this site has a handful; a hundred is already no prose.
MAX_BRACKETS = 100


@check("file")
def markup_limits(doc, context):
    """No block with more [ brackets than the renderer can parse in time (it is quadratic in them)."""
    for node in doc.nodes:
        if node.text and node.kind != "code" and node.text.count("[") > MAX_BRACKETS:
            yield node.line, (f"{node.describe()} has {node.text.count('['):,} [ brackets, more than "
                              f"{MAX_BRACKETS}: the site's Markdown renderer would take minutes or hours on them "
                              "(the build would hang); remove the stray brackets")


MAX_CONTROL_LINES = 20  # a file with more is not text someone typed: the last finding counts the rest


@check("file")
def control_characters(doc, context):
    """No NUL or other control characters (invisible to readers; they hide text and break feeds)."""
    by_line: dict[int, list[str]] = {}
    for line, char in doc.controls:
        by_line.setdefault(line, []).append(char)
    lines = sorted(by_line)
    for line in lines[:MAX_CONTROL_LINES]:
        chars = by_line[line]
        named = ", ".join(f"U+{ord(c):04X}" + (f" ({chars.count(c)} times)" if chars.count(c) > 1 else "")
                          for c in dict.fromkeys(chars))
        more = (f" (and {len(lines) - MAX_CONTROL_LINES} more lines with control characters: is this a text file?)"
                if len(lines) > MAX_CONTROL_LINES and line == lines[MAX_CONTROL_LINES - 1] else "")
        word = "character" if len(chars) == 1 else "characters"
        yield line, f"control {word} {named} in the text (invisible to readers): remove it{more}"


@check("tree")
def unknown_language(tree, context):
    """File names carry a configured language suffix; no language folders (static-i18n would publish them)."""
    codes = context.project.codes
    listed = ", ".join(codes)
    for uri in tree.files:
        top = uri.split("/", 1)[0] if "/" in uri else None
        if top and RE_LOCALE.match(top) and uri.endswith(".md"):
            known = "" if top in codes else " for a language not configured in mkdocs.yml"
            yield tree.path(uri), 1, (f"folder docs/{top}/ is a language folder{known}: this site names the "
                                      f"language by suffix (page.{codes[0]}.md) and configures {listed}")
        _, lang = split_language(uri)
        if lang is not None and lang not in codes:
            yield tree.path(uri), 1, (f"language suffix .{lang} is not configured in mkdocs.yml "
                                      f"(languages: {listed}); static-i18n would take it for the {lang} version")
        elif lang is None and uri.endswith(".md"):
            stem = uri[:-3]
            yield tree.path(uri), 1, (f"file has no language suffix: name it {stem}.{codes[0]}.md "
                                      f"and translate it ({', '.join(f'{stem}.{c}.md' for c in codes[1:])})")


@check("file")
def waiver(doc, context):
    """<!-- i18n-waive: check-id: reason --> names a waivable check and a reason, and matches a finding."""
    for w in doc.waivers:
        known = registry.CHECKS.get(w.check)
        if known is None:
            yield w.line, f"waiver names no check: {w.check or '(nothing)'} (write <!-- i18n-waive: check-id: reason -->)"
        elif not known.waivable:
            allowed = ", ".join(c.id for c in registry.CHECKS.values() if c.waivable)
            yield w.line, f"check {w.check} cannot be waived (waivable: {allowed})"
        elif not w.reason:
            yield w.line, f"waiver for {w.check} gives no reason (write <!-- i18n-waive: {w.check}: why -->)"
        elif w.start is None:
            yield w.line, f"waiver for {w.check} is not followed by a block"


@check("pair")
def hidden_comment(pair, context):
    """An HTML comment in a translation is one its source has too (a comment is text readers never see)."""
    tr, src = pair.translation, pair.source
    if not any("<!--" in line for line in tr.lines):
        return
    own = _comments(src)
    seen: dict[str, int] = {}
    for line, body in _comments(tr):
        if body.startswith("i18n-waive"):
            continue
        seen[body] = seen.get(body, 0) + 1
        if seen[body] > sum(1 for _, b in own if b == body):
            shown = body if len(body) <= 50 else body[:47] + "..."
            yield line, (f"html comment not in source {src.path} (<!-- {shown} -->): readers never see it; "
                         "remove it, or put the note in the source too"), None


def _comments(doc) -> list[tuple[int, str]]:
    text = "\n".join(doc.lines)
    return [(text.count("\n", 0, m.start()) + 1, " ".join(m.group(1).split())) for m in COMMENT.finditer(text)]
