"""Read a page's front matter for the site's own readers (the briefs listing, the feeds).

The translation check's reader (``i18ncheck.document``) is shared: the same safe YAML (no Python tags,
alias expansion limited), the same tolerance of bad bytes. A file that cannot be read, or whose front
matter does not parse into a mapping of text keys, reads as no front matter: the check reports it (and
stops the build before it, ``hook_i18n.py``), the listing leaves it out instead of crashing on it.
"""
from __future__ import annotations

from pathlib import Path

from i18ncheck import document


def read(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a Markdown file; ({}, "") when it is not a readable file."""
    try:
        if not path.is_file() or path.is_symlink():
            return {}, ""
        with open(path, "rb") as fh:
            data = fh.read(2_000_001)
    except OSError:
        return {}, ""
    doc = document.read(path.name, path.name, data)
    body = "\n".join(doc.lines[doc.body_line - 1:]) if doc.meta is not None else "\n".join(doc.lines)
    return dict(doc.meta or {}), body.lstrip("\n")
