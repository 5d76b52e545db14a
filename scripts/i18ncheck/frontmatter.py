"""Front matter: the YAML mapping between the ``---`` lines, read as MkDocs reads it (PyYAML, SafeLoader).

PyYAML builds Python objects in pure Python: 0.5 ms a page, most of the check's time on a large site.
The front matter authors write uses a small subset (``key: plain text``, quoted text, a date, a
``[flow, list]``, a block list, a ``>-`` folded block), so ``parse`` reads that subset directly and hands
anything else, line and all, to PyYAML. The fast path either returns exactly what PyYAML returns or
declines (tests/test_i18ncheck_units.py compares the two on generated input and on every page of docs/).
"""
from __future__ import annotations

import datetime
import re

from sitekit import safeyaml

KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*$")
# A plain scalar that PyYAML reads as this very string: starts with a letter, no ': ', ' #', ':' at the end,
# no tab; not one of YAML 1.1's null or boolean words.
PLAIN = re.compile(r"^[^\W\d_](?:(?!: | #)[^\t])*(?<![:\s])$")
SPECIAL = frozenset("null Null NULL true True TRUE false False FALSE yes Yes YES no No NO on On ON off Off OFF y Y n N".split())
DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
DOUBLE = re.compile(r'^"([^"\\]*)"$')
SINGLE = re.compile(r"^'((?:[^']|'')*)'$")
FLOW_ITEM = re.compile(r"^[^\W\d_][\w.-]*$")
LIST_ITEM = re.compile(r"^([ \t]*)-[ \t]+(.*?)[ \t]*$")


class Decline(Exception):
    """The fast path does not read this; PyYAML will."""


def parse(lines: list[str]):
    """The value of the YAML ``lines`` (between the ``---`` lines). Raises ``yaml.YAMLError`` as PyYAML does
    (and for an alias bomb, see ``safeyaml``)."""
    try:
        return _fast(lines)
    except Decline:
        return safeyaml.load("\n".join(lines) + "\n")


def _scalar(text: str):
    if m := DOUBLE.match(text):
        return m.group(1)
    if m := SINGLE.match(text):
        return m.group(1).replace("''", "'")
    if m := DATE.match(text):
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise Decline from None
    if PLAIN.match(text) and text not in SPECIAL:
        return text
    raise Decline


def _fast(lines: list[str]) -> dict:
    out: dict = {}
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        m = KEY.match(line)
        if not m:
            raise Decline
        key, value = m.group(1), m.group(2)
        if key in SPECIAL or key in out:
            raise Decline  # a key given twice: safeyaml reports it, with its line
        i += 1
        if value is None or value == "":
            items = []
            while i < n and (item := LIST_ITEM.match(lines[i])):
                items.append(_scalar(item.group(2)))
                i += 1
            if not items and i < n and lines[i][:1] in (" ", "\t"):
                raise Decline  # a nested mapping or a multi-line plain scalar
            out[key] = items if items else None
        elif value in (">-", ">", "|", "|-"):
            body = []
            while i < n and (not lines[i].strip() or lines[i][:1] == " "):
                body.append(lines[i])
                i += 1
            out[key] = _block(body, value)
        elif value.startswith("["):
            if not value.endswith("]"):
                raise Decline
            inner = value[1:-1].strip()
            items = [item.strip() for item in inner.split(",")] if inner else []
            if not all(FLOW_ITEM.match(item) and item not in SPECIAL for item in items):
                raise Decline
            out[key] = items
        else:
            out[key] = _scalar(value)
    return out


def _block(body: list[str], style: str) -> str:
    while body and not body[-1].strip():
        body.pop()
    content = [line for line in body if line.strip()]
    if not content or not body[0].strip():
        raise Decline  # leading blank lines are kept as line breaks: leave it to PyYAML
    indent = len(content[0]) - len(content[0].lstrip(" "))
    if indent == 0 or any(len(line) - len(line.lstrip(" ")) != indent for line in content):
        raise Decline  # more-indented lines keep their breaks in a folded block: leave it to PyYAML
    if any(line[:indent].strip() or "\t" in line or line != line.rstrip() for line in content):
        raise Decline
    rows = [line[indent:] for line in body]
    if style.startswith("|"):
        text = "\n".join(rows)
    else:
        text, blank = "", 0
        for row in rows:
            if not row.strip():
                blank += 1
                continue
            if text:
                text += "\n" * blank if blank else " "
            text += row
            blank = 0
    return text if style.endswith("-") else text + "\n"
