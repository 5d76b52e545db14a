"""Read a page's front matter the way MkDocs does (``mkdocs.utils.meta.get_data``)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import get_data


def read(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a Markdown file."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    return meta, body
