"""Markdown blocks: the unit the translation check aligns across languages.

A small line-based parser for the Markdown this site writes (Python-Markdown with admonition, footnotes,
tables, attr_list and pymdownx.superfences/details). The check needs no syntax tree, only the sequence
of blocks with their shape and first line, and this reads thousands of files in a fraction of a second.
It follows Python-Markdown where it differs from CommonMark: nested content is indented four spaces, a
list does not interrupt a paragraph, a heading does, and a list marker of either kind continues a list.

``parse`` returns the blocks in document order, containers before their content (pre-order): a list,
then each item followed by the blocks inside it. ``depth`` tells how deep a block is nested.
HTML comments are not blocks; ``<!-- i18n-waive: check: reason -->`` comments become ``Waiver``s bound
to the next block at the same depth.
"""
from __future__ import annotations

import dataclasses
import re

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
HEADING_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*([^{}]*)\}[ \t]*$")
ANCHOR = re.compile(r"#([^\s#}]+)")
ADMONITION = re.compile(r'^ {0,3}(?:!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)(?: +"(.*?)")? *$')
LIST_ITEM = re.compile(r"^( {0,3})([-*+]|\d+\.)[ \t]+")
FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:[ \t]*\S")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
HTML_START = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*(?:[\s/>]|$)")
IMAGE_ONLY = re.compile(r"^!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?$")
WAIVER = re.compile(r"<!--\s*i18n-waive\b:?(.*?)-->", re.S)
TABLE_CELL_SPLIT = re.compile(r"(?<!\\)\|")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
INTERRUPTS = frozenset("#`~!?=-")  # first characters of lines that may end a paragraph
SPECIAL_STARTS = frozenset(" \t#`~!?[-*_+<{|>=0123456789")  # and of lines that may start anything else


@dataclasses.dataclass(slots=True)
class Node:
    kind: str            # heading paragraph image list item table admonition code footnote rule html definitions
    line: int            # first line in the file, 1-based
    end: int             # last line
    depth: int = 0
    text: str = ""       # the inline text of a leaf (heading text, paragraph, table rows, admonition title)
    level: int = 0       # heading level
    anchor: str | None = None  # heading {#id}
    ordered: bool = False      # list
    count: int = 0             # list items
    rows: int = 0              # table rows, header included
    cols: int = 0              # table columns
    name: str = ""             # admonition type, code language, footnote label
    lines: tuple = ()          # the file line of each line of ``text`` (empty: all on ``line``)

    def describe(self) -> str:
        return {"item": "list item", "definitions": "link definitions", "rule": "horizontal rule",
                "html": "html block", "code": "code block", "footnote": "footnote"}.get(self.kind, self.kind)


@dataclasses.dataclass(frozen=True, slots=True)
class Waiver:
    line: int
    check: str
    reason: str
    start: int | None   # the lines of the block it covers; None when no block follows it
    end: int | None


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def table_cells(row: str) -> list[str]:
    row = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), row.strip())
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return TABLE_CELL_SPLIT.split(row)


def parse(lines: list[str], first_line: int) -> tuple[list[Node], list[Waiver]]:
    """Blocks and waivers of the Markdown ``lines`` (no line endings); ``first_line`` is the file line of
    ``lines[0]``."""
    parser = _Parser()
    parser.parse([(first_line + i, line.expandtabs(4) if "\t" in line else line)
                  for i, line in enumerate(lines)], 0)
    return parser.nodes, parser.waivers


class _Parser:
    def __init__(self):
        self.nodes: list[Node] = []
        self.waivers: list[Waiver] = []

    def _add(self, node: Node, waivers: list[tuple[int, str]]) -> None:
        self.nodes.append(node)
        for line, body in waivers:
            self.waivers.append(_waiver(line, body, node.line, node.end))
        waivers.clear()

    def parse(self, items: list[tuple[int, str]], depth: int) -> None:
        if len(items) == 1 and items[0][1][:1] not in SPECIAL_STARTS and items[0][1].strip():  # one line of text
            self.nodes.append(_leaf("paragraph", items, depth))
            return
        waivers: list[tuple[int, str]] = []
        i, n = 0, len(items)
        while i < n:
            num, line = items[i]
            stripped = line.lstrip(" ")
            if not stripped or stripped.isspace():
                i += 1
                continue
            first = stripped[0]
            if len(line) - len(stripped) >= 4:
                last = _extent(items, i, 4)
                text = "\n".join(s[4:] for _, s in items[i:last + 1])
                self._add(Node("code", num, items[last][0], depth, text=text), waivers)
                i = last + 1
                continue
            if first == "<" and stripped.startswith("<!--"):
                j = i
                while "-->" not in items[j][1] and j + 1 < n:
                    j += 1
                comment = "\n".join(s for _, s in items[i:j + 1])
                if comment.rstrip().endswith("-->"):
                    for m in WAIVER.finditer(comment):
                        waivers.append((num + comment.count("\n", 0, m.start()), m.group(1)))
                    i = j + 1
                    continue
                # text follows the comment on its line: a paragraph, read below
            elif first in "`~" and (m := FENCE.match(line)):
                i = self._fence(items, i, m, depth, waivers)
                continue
            elif first == "#" and (m := ATX.match(line)):
                self._add(_heading(num, num, len(m.group(1)), m.group(2) or "", depth), waivers)
                i += 1
                continue
            elif first in "!?" and (m := ADMONITION.match(line)):
                last = max(_extent(items, i + 1, 4, start_blank_ok=True), i)
                self._add(Node("admonition", num, items[last][0], depth, text=m.group(2) or "",
                               name=m.group(1).split()[0].lower()), waivers)
                self.parse([(k, s[4:]) for k, s in items[i + 1:last + 1]], depth + 1)
                i = last + 1
                continue
            elif first == "[" and (m := FOOTNOTE.match(line)):
                i = self._footnote(items, i, m, depth, waivers)
                continue
            elif first in "-*_+" or first.isdigit():
                if first in "-*_" and RULE.match(line):
                    self._add(Node("rule", num, num, depth), waivers)
                    i += 1
                    continue
                if LIST_ITEM.match(line):
                    i = self._list(items, i, depth, waivers)
                    continue
            j = i + 1
            while j < n and items[j][1].strip():
                j += 1
            chunk = items[i:j]
            if first == "<" and HTML_START.match(line):
                self._add(Node("html", num, chunk[-1][0], depth, text="\n".join(s for _, s in chunk),
                               lines=tuple(k for k, _ in chunk)), waivers)
                i = j
                continue
            if len(chunk) >= 2 and "|" in line and "-" in chunk[1][1] and TABLE_RULE.match(chunk[1][1]):
                rows = [s for k, (_, s) in enumerate(chunk) if k != 1]
                self._add(Node("table", num, chunk[-1][0], depth, text="\n".join(rows), rows=len(rows),
                               cols=len(table_cells(line)),
                               lines=tuple(k for t, (k, _) in enumerate(chunk) if t != 1)), waivers)
                i = j
                continue
            if first == "[" and all(LINK_DEFINITION.match(s) for _, s in chunk):
                self._add(Node("definitions", num, chunk[-1][0], depth, text="\n".join(s for _, s in chunk),
                               lines=tuple(k for k, _ in chunk)), waivers)
                i = j
                continue
            i = self._paragraph(items, i, j, depth, waivers)
        for line, body in waivers:
            self.waivers.append(_waiver(line, body, None, None))

    def _fence(self, items, i, m, depth, waivers) -> int:
        fence = m.group("fence")
        j = i + 1
        while j < len(items):
            s = items[j][1].strip()
            if s.startswith(fence) and s == fence[0] * len(s):
                break
            j += 1
        end = min(j, len(items) - 1)
        text = "\n".join(s for _, s in items[i + 1:j])
        info = m.group("info").strip().lstrip("{").lstrip(".")
        lang = re.split(r"[\s}]", info, maxsplit=1)[0] if info else ""
        self._add(Node("code", items[i][0], items[end][0], depth, text=text, name=lang), waivers)
        return end + 1

    def _footnote(self, items, i, m, depth, waivers) -> int:
        content = [(items[i][0], m.group(2))]
        j = i + 1
        while j < len(items) and items[j][1].strip() and not FOOTNOTE.match(items[j][1]):
            s = items[j][1]
            content.append((items[j][0], s[4:] if indent_of(s) >= 4 else s.lstrip()))
            j += 1
        last = j - 1
        if j < len(items) and not items[j][1].strip():
            more = _extent(items, j, 4, start_blank_ok=True)
            if more > last and indent_of(items[more][1]) >= 4:
                content.extend((k, s[4:]) for k, s in items[j:more + 1])
                last = more
        self._add(Node("footnote", items[i][0], items[last][0], depth, name=m.group(1)), waivers)
        self.parse(content, depth + 1)
        return last + 1

    def _list(self, items, i, depth, waivers) -> int:
        first = LIST_ITEM.match(items[i][1])
        ordered = first.group(2)[0].isdigit()
        entries: list[list[tuple[int, str]]] = []
        j, n, last = i, len(items), i
        while j < n:
            num, s = items[j]
            if not s.strip():
                k = j + 1
                while k < n and not items[k][1].strip():
                    k += 1
                if k >= n:
                    break
                nxt = items[k][1]
                if indent_of(nxt) >= 4:
                    entries[-1].extend((items[t][0], "") for t in range(j, k))
                    j = k
                    continue
                if LIST_ITEM.match(nxt) and not RULE.match(nxt):
                    j = k
                    continue
                break
            item = LIST_ITEM.match(s)
            if item and not RULE.match(s):
                entries.append([(num, s[item.end():])])
            elif indent_of(s) >= 4:
                entries[-1].append((num, s[4:]))
            else:
                entries[-1].append((num, s.lstrip()))
            last = j
            j += 1
        self._add(Node("list", items[i][0], items[last][0], depth, ordered=ordered, count=len(entries)), waivers)
        for entry in entries:
            end = max((k for k, s in entry if s.strip()), default=entry[0][0])
            self.nodes.append(Node("item", entry[0][0], end, depth + 1))
            self.parse(entry, depth + 2)
        return last + 1

    def _paragraph(self, items, i, j, depth, waivers) -> int:
        k = i + 1
        while k < j:
            s = items[k][1]
            first = s.lstrip(" ")[:1]
            if first in INTERRUPTS:
                if first in "=-" and SETEXT.match(s):
                    if k - 1 > i:
                        self._add(_leaf("paragraph", items[i:k - 1], depth), waivers)
                    level = 1 if s.strip()[0] == "=" else 2
                    self._add(_heading(items[k - 1][0], items[k][0], level, items[k - 1][1].strip(), depth),
                              waivers)
                    return k + 1
                if ATX.match(s) or FENCE.match(s) or ADMONITION.match(s):
                    break
            k += 1
        self._add(_leaf("paragraph", items[i:k], depth), waivers)
        return k


def _leaf(kind: str, chunk, depth: int) -> Node:
    text = "\n".join([s.strip() for _, s in chunk])
    if IMAGE_ONLY.match(text):
        kind = "image"
    return Node(kind, chunk[0][0], chunk[-1][0], depth, text=text,
                lines=tuple([k for k, _ in chunk]) if len(chunk) > 1 else ())


def _heading(line: int, end: int, level: int, text: str, depth: int) -> Node:
    text = re.sub(r"[ \t]+#+$", "", text.strip()) if text.strip("#") else ""
    anchor = None
    if m := HEADING_ATTRS.search(text):
        if a := ANCHOR.search(m.group(1)):
            anchor = a.group(1)
        text = text[:m.start()]
    return Node("heading", line, end, depth, text=text.strip(), level=level, anchor=anchor)


def line_at(node: Node, offset: int | None) -> int:
    """The file line of ``offset`` in ``node.text`` (the block's first line when unknown)."""
    if offset is None or not node.lines:
        return node.line
    index = node.text.count("\n", 0, offset)
    return node.lines[index] if index < len(node.lines) else node.line


def line_like(node: Node, other: Node, offset: int | None) -> int:
    """The line of ``node`` in the same place as ``offset`` is in ``other``'s text (proportionally): where a
    translated block lacks what its source has at that offset."""
    if offset is None or not node.lines:
        return node.line
    before = other.text.count("\n", 0, offset)
    total = other.text.count("\n") or 1
    index = round(before / total * (len(node.lines) - 1))
    return node.lines[min(index, len(node.lines) - 1)]


def _extent(items, i: int, indent: int, start_blank_ok: bool = False) -> int:
    """Index of the last non-blank line of the run from ``i`` of lines indented ``indent`` or blank."""
    last = i - 1 if start_blank_ok else i
    j = i
    while j < len(items):
        s = items[j][1]
        if s.strip():
            if indent_of(s) < indent:
                break
            last = j
        j += 1
    return last


def _waiver(line: int, body: str, start: int | None, end: int | None) -> Waiver:
    check, _, reason = body.strip().partition(":")
    return Waiver(line, check.strip(), " ".join(reason.split()), start, end)
