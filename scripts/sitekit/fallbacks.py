"""Which language's text a page shows where its own language has no file yet.

static-i18n shows the default language's file for a page a language lacks. A language can name its own
order instead (``extra.fallback`` of its entry in ``mkdocs.yml``, e.g. Arabic: English, then the source):
``Project.fallback_order`` gives the order (the list, then the page's source, then the default language),
``choose`` the first language that has the file, and ``hook_site.on_files`` puts that file in the
build's place. The translation check says whether the gap is allowed (``pending``, or a language
declared in progress with ``extra.in_progress``).
"""
from __future__ import annotations

import functools
from pathlib import Path

from sitekit import frontmatter
from sitekit.project import Project


def split(src_uri: str, codes: tuple[str, ...]) -> tuple[str, str | None]:
    """(stem, language) of a docs-relative Markdown path: ``briefs/x.ar.md`` → (``briefs/x``, ``ar``)."""
    stem = src_uri[:-len(".md")] if src_uri.endswith(".md") else src_uri
    for code in codes:
        if stem.endswith("." + code):
            return stem[:-len(code) - 1], code
    return stem, None


def source_of(docs_dir: Path, stem: str, proj: Project) -> str | None:
    """The page's source language, as the first of its files that names one says."""
    for code in proj.codes:
        path = docs_dir / f"{stem}.{code}.md"
        if path.exists():
            value = _source_lang(path, path.stat().st_mtime_ns)
            if value in proj.codes:
                return value
    return None


@functools.lru_cache(maxsize=4096)
def _source_lang(path: Path, mtime: int) -> str | None:
    try:
        meta, _ = frontmatter.read(path)
    except Exception:  # an unreadable page: the translation check reports it with its line
        return None
    value = meta.get("source_lang") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def choose(stem: str, lang: str, proj: Project, docs_dir: Path | None = None) -> str | None:
    """The language whose file a reader of ``lang`` sees for the page ``stem``: ``lang`` itself when it has
    the file, else the first language of its fallback order that has it; None when no language has it."""
    docs_dir = docs_dir or proj.docs_dir
    if (docs_dir / f"{stem}.{lang}.md").exists():
        return lang
    for code in proj.fallback_order(lang, source_of(docs_dir, stem, proj)):
        if (docs_dir / f"{stem}.{code}.md").exists():
            return code
    return None
