"""The kinds of page (front matter ``kind:``), read from ``data/kinds.yml``: which keys each needs, the
key that dates it and the metadata the site builds for it. A publication's own ``data/kinds.yml`` wins
over the engine's. The content model is data: a new kind needs no code."""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import yaml

from sitekit import safeyaml

from sitekit.project import ROOT, ConfigError

FILE = Path("data") / "kinds.yml"
METADATA = ("scholarly", "open-graph")


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str
    requires: tuple[str, ...]
    date: str | None
    metadata: str | None
    series: bool = False


def load(root: Path = ROOT) -> dict[str, Kind]:
    path = Path(root) / FILE
    if not path.exists():
        path = ROOT / FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{FILE.as_posix()}: cannot read ({exc.strerror})") from None
    return _parse(data)


@functools.lru_cache(maxsize=8)
def _parse(data: bytes) -> dict[str, Kind]:
    name = FILE.as_posix()
    try:
        parsed = safeyaml.load(data.decode("utf-8")) or {}  # no alias bomb, no key given twice
    except (UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise ConfigError(f"{name}: not valid yaml ({exc})") from None
    entries = parsed.get("kinds") if isinstance(parsed, dict) else None
    if not isinstance(entries, dict):
        raise ConfigError(f"{name}: expected a mapping 'kinds:' of kind names")
    out = {}
    for kind, entry in entries.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise ConfigError(f"{name}: kind {kind!r} is not a mapping")
        requires = entry.get("requires") or []
        if not isinstance(requires, list) or not all(isinstance(k, str) for k in requires):
            raise ConfigError(f"{name}: 'requires' of kind {kind!r} is not a list of keys")
        metadata = entry.get("metadata")
        if metadata is not None and metadata not in METADATA:
            raise ConfigError(f"{name}: 'metadata' of kind {kind!r} is {metadata!r} (one of {', '.join(METADATA)})")
        date = entry.get("date")
        out[str(kind)] = Kind(str(kind), tuple(requires), str(date) if date else None, metadata,
                              bool(entry.get("series")))
    return out


def series(root: Path = ROOT) -> tuple[str, ...]:
    """The kinds the briefs listing and the feeds collect."""
    return tuple(k.name for k in load(root).values() if k.series)
