"""The two builds compared on the same content: the site as configured, and a baseline without the
project's own hooks and templates.

A project root (a temporary folder) holds ``docs/`` and ``data/`` (the real ones linked, or a corpus),
links to the real ``scripts/`` and ``overrides/``, a copy of the real ``mkdocs.yml`` and
``mkdocs.baseline.yml``:

    INHERIT: mkdocs.yml
    hooks: []
    theme: {custom_dir: baseline-overrides}

MkDocs merges an inheriting configuration key by key (lists replaced, mappings merged), so the baseline is
the real configuration with no ``hooks:`` and, as its only template, ``partials/languages/kk.html``, which
Material needs to build Kazakh (it has no Kazakh translation of its own). Plugins (search,
static-i18n), Markdown extensions, CSS, JavaScript and fonts are the same in both.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from sitekit import project

LANGUAGE_PARTIALS = Path("partials") / "languages"  # the interface languages Material lacks (kk.html, ...)
BASELINE = "mkdocs.baseline.yml"
BASELINE_YML = f"""\
# The benchmark's baseline: the real configuration without the project's hooks and templates.
INHERIT: mkdocs.yml
hooks: []
theme:
  custom_dir: baseline-overrides
"""


@dataclasses.dataclass(frozen=True)
class Root:
    path: Path

    @property
    def config(self) -> Path:
        return self.path / "mkdocs.yml"

    @property
    def baseline(self) -> Path:
        return self.path / BASELINE


def _link(target: Path, source: Path) -> None:
    if target.is_symlink() or target.exists():
        return
    os.symlink(source, target, target_is_directory=source.is_dir())


def prepare(path: Path, repo: Path = project.ROOT, content: str = "linked") -> Root:
    """Make ``path`` a project root. ``content="linked"`` links the repository's ``docs/`` and ``data/``
    (the real site); ``"own"`` keeps the ``docs/``, ``data/`` and ``mkdocs.yml`` already in ``path``
    (a corpus from ``benchkit.corpus.generate``)."""
    path.mkdir(parents=True, exist_ok=True)
    if content == "linked":
        _link(path / "docs", repo / "docs")
        _link(path / "data", repo / "data")
        shutil.copy2(repo / "mkdocs.yml", path / "mkdocs.yml")
    elif not (path / "mkdocs.yml").exists():
        raise FileNotFoundError(f"{path}/mkdocs.yml: generate the corpus first")
    _link(path / "scripts", repo / "scripts")
    _link(path / "overrides", repo / "overrides")
    partials = path / "baseline-overrides" / LANGUAGE_PARTIALS
    partials.mkdir(parents=True, exist_ok=True)
    for partial in sorted((repo / "overrides" / LANGUAGE_PARTIALS).glob("*.html")):
        shutil.copy2(partial, partials / partial.name)
    (path / BASELINE).write_text(BASELINE_YML, encoding="utf-8")
    return Root(path)
