"""Freshness without git history: ``data/translation-sync.json`` records, per translation, the
fingerprint of its source at the moment the translation was last synced with it.

A fingerprint is one short hash per source block and per translatable front matter key, taken over the
whitespace-normalised text (reflowing or re-spacing the source changes nothing). Comparing the recorded
fingerprint with the source's current one names the source blocks that changed, and, because the
translation matched the source block for block when it was synced, the translated blocks they align with.

The file is deterministic (sorted keys, two-space indent, one trailing newline), so it diffs well::

    {"translations": {"article.ru.md": {"blocks": ["9f2c…", …], "meta": {"title": "51ab…"},
                                        "source": "article.kk.md"}}, "version": 1}
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
import os
import stat
import tempfile
from pathlib import Path

from i18ncheck.blocks import table_cells
from i18ncheck.document import Document

VERSION = 1
# Front matter keys that are the same in every language or steer the check: not part of a fingerprint.
UNTRANSLATED_KEYS = frozenset({"source_lang", "kind", "date", "published", "tags", "pending", "translation",
                               "i18n-waive"})


class RecordError(Exception):
    """The record cannot be read; the message says how to recover."""


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def node_key(node) -> str:
    if node.kind == "table":
        body = "\n".join("|".join(" ".join(c.split()) for c in table_cells(row)) for row in node.text.split("\n"))
    else:
        body = " ".join(node.text.split())
    return f"{node.kind}|{node.depth}|{node.level}|{node.anchor}|{node.ordered}|{node.count}|{node.name}|{body}"


def block_hashes(doc: Document) -> list[str]:
    return [_hash(node_key(node)) for node in doc.nodes]


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def meta_hashes(doc: Document) -> dict[str, str]:
    return {key: _hash(" ".join(_JSON.encode(value).split()))
            for key, value in (doc.meta or {}).items() if key not in UNTRANSLATED_KEYS}


@dataclasses.dataclass(frozen=True)
class Entry:
    """What a translation was last synced against: its source and the source's fingerprint then."""
    source: str                 # docs-relative uri of the source
    blocks: tuple[str, ...]     # one hash per source block
    meta: dict                  # one hash per translatable front matter key

    def as_json(self) -> dict:
        return {"source": self.source, "blocks": list(self.blocks), "meta": dict(sorted(self.meta.items()))}


def entry_for(source: Document) -> Entry:
    """The fingerprint of ``source`` now."""
    return Entry(source.uri, tuple(block_hashes(source)), meta_hashes(source))


@dataclasses.dataclass(frozen=True)
class Change:
    source_line: int | None      # the changed source block or key; None when the source block was removed
    line: int | None             # the translated block or key it aligns with; None when the source added it
    what: str                    # "source line 14 changed (translation line 12)"


def changes(entry: Entry, now: Entry, source: Document, translation: Document) -> list[Change]:
    """How ``source`` (whose fingerprint is ``now``) differs from what ``translation`` was synced against
    (``entry``), in source order."""
    out: list[Change] = []
    if entry.meta != now.meta:
        for key in sorted(set(entry.meta) | set(now.meta), key=lambda k: (source.key_line(k), k)):
            if entry.meta.get(key) == now.meta.get(key):
                continue
            line = translation.meta_lines.get(key)
            there = f"translation line {line}" if line else "not in the translation"
            if key not in now.meta:
                out.append(Change(None, line, f"front matter '{key}' removed from the source ({there})"))
            else:
                verb = "changed" if key in entry.meta else "added"
                out.append(Change(source.key_line(key), line,
                                  f"source front matter '{key}' (line {source.key_line(key)}) {verb} ({there})"))
    if entry.blocks == now.blocks:
        return out
    matcher = difflib.SequenceMatcher(None, entry.blocks, now.blocks, autojunk=False)
    nodes = translation.nodes
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            old, new = i1 + k, j1 + k
            tline = nodes[old].line if old < i2 and old < len(nodes) else None
            sline = source.nodes[new].line if new < j2 else None
            if sline is None:
                out.append(Change(None, tline, f"a source block was removed (translation line {tline})"
                                  if tline else "a source block was removed"))
            elif old >= i2:
                out.append(Change(sline, None, f"source line {sline} added (no translation)"))
            else:
                there = f"translation line {tline}" if tline else "no translation"
                out.append(Change(sline, tline, f"source line {sline} changed ({there})"))
    return out


class Record:
    def __init__(self, path: Path, entries: dict[str, Entry], text: str = ""):
        self.path = path
        self.entries = entries
        self.text = text

    def line_of(self, uri: str) -> int:
        """The line of ``uri``'s entry in the file (1 when it is not there)."""
        at = self.text.find(json.dumps(uri, ensure_ascii=False) + ":")
        return self.text.count("\n", 0, at) + 1 if at >= 0 else 1

    def dumps(self) -> str:
        data = {"version": VERSION,
                "translations": {uri: self.entries[uri].as_json() for uri in sorted(self.entries)}}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def save(self) -> None:
        """Write atomically: a reader never sees half a record."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".translation-sync.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(self.dumps())
        # mkstemp's file is private (0600): keep the record's own permissions, or the usual ones for a new file
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, self.path)


HASH = re.compile(r"^[0-9a-f]{16}$")  # blake2b, 8 bytes, as block_hashes writes them
MAX_BLOCKS = 100_000  # more blocks than any page of a publication has: a record edited by hand or by a tool


def load(path: Path, name: str) -> Record:
    if not path.exists():
        return Record(path, {})
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{name}: cannot be read ({exc}); restore it from git "
                          f"(git checkout -- {name})") from None
    except RecursionError:
        raise RecordError(f"{name}: cannot be read (nested too deeply to be a sync record); restore it from git "
                          f"(git checkout -- {name})") from None
    translations = data.get("translations") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(translations, dict):
        raise RecordError(f"{name}: expected {{\"version\": {VERSION}, \"translations\": {{...}}}}; restore it "
                          f"from git (git checkout -- {name})")
    entries = {}
    for uri, value in translations.items():
        try:
            if not (isinstance(value["source"], str) and isinstance(value["blocks"], list)
                    and isinstance(value.get("meta", {}), dict)):
                raise TypeError
            if len(value["blocks"]) > MAX_BLOCKS or not all(isinstance(h, str) and HASH.match(h) for h in
                                                            [*value["blocks"], *value.get("meta", {}).values()]):
                raise RecordError(f"{name}: the entry for {uri} is not one sync wrote (its block hashes are not "
                                  f"{MAX_BLOCKS:,} at most, each 16 hexadecimal digits): restore the file from git "
                                  f"(git checkout -- {name}), or delete the entry and record the translation again")
            entries[uri] = Entry(value["source"], tuple(map(str, value["blocks"])),
                                 {str(k): str(v) for k, v in value.get("meta", {}).items()})
        except (KeyError, TypeError, AttributeError):
            raise RecordError(f"{name}: the entry for {uri} needs 'source' and 'blocks'; "
                              f"run `python -m i18ncheck sync docs/{uri}` to record it again") from None
    return Record(path, entries, text)
