"""One run of the translation check per build: its result, kept under ``.cache/i18ncheck/`` (git-ignored)
and keyed by a hash of every input, so that ``make site``'s command line run (``python -m i18ncheck
--cache``) and the build's hook (``scripts/hook_i18n.py``) use one result, and ``make check`` after an
unchanged build costs a hash.

The key covers every file the check can read and the code that reads them: every file under the docs
folder and under ``data/`` (glossary, tags, message catalogs, the sync record), ``mkdocs.yml``, the
engine's own catalogs, the check's code (``scripts/i18ncheck/``, ``scripts/sitekit/``), the pinned
``requirements.txt``, the Python version and the loaded project (which ``!ENV`` values shape). A file
added, removed, renamed or changed by one byte is another key: the check runs again. A result that cannot
be read back whole (a damaged file, another version's) is ignored and replaced, never trusted in part; a
folder that cannot be written leaves the check uncached, never failing.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from i18ncheck import engine
from i18ncheck.finding import Finding
from sitekit.project import ROOT, Project

VERSION = 1
FOLDER = Path(".cache") / "i18ncheck"
NAME = "result.json"
FIELDS = {f.name: f.type for f in dataclasses.fields(Finding)}
_TYPES = {"path": (str,), "line": (int,), "check": (str,), "message": (str,), "other_path": (str, type(None)),
          "other_line": (int, type(None)), "waived": (str, type(None)), "acknowledged": (bool,)}


def _files(folder: Path):
    """Every file under ``folder`` (following no symbolic link to a folder), sorted by relative path."""
    found = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            found.append(Path(base) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _add(digest, label: str, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:  # the check reports what it cannot read: its message is part of the result
        data = f"\0unreadable {exc.errno}".encode()
    digest.update(f"{label}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
    digest.update(data)


def key(proj: Project) -> str:
    """The hash of everything the check's result depends on (see the module's docstring)."""
    digest = hashlib.blake2b(digest_size=24)
    # the project as loaded, its folders resolved (the command line and the hook may name them differently)
    shown = dataclasses.replace(proj, root=Path(proj.root).resolve(), docs_dir=Path(proj.docs_dir).resolve())
    digest.update(f"i18ncheck-cache {VERSION}\0{sys.version}\0{shown!r}\0".encode("utf-8", "surrogateescape"))
    root = Path(proj.root)
    _add(digest, "mkdocs.yml", root / "mkdocs.yml")
    _add(digest, "requirements.txt", ROOT / "requirements.txt")
    folders = [("docs", Path(proj.docs_dir)), ("data", root / "data"), ("engine-locales", ROOT / "data" / "locales"),
               ("code-i18ncheck", ROOT / "scripts" / "i18ncheck"), ("code-sitekit", ROOT / "scripts" / "sitekit")]
    for label, folder in folders:
        for path in _files(folder):
            if path.suffix == ".pyc":
                continue
            _add(digest, f"{label}/{path.relative_to(folder).as_posix()}", path)
    return digest.hexdigest()


def path(proj: Project) -> Path:
    return Path(proj.root) / FOLDER / NAME


def _finding(item) -> Finding | None:
    if not isinstance(item, dict) or set(item) != set(FIELDS):
        return None
    for name, types in _TYPES.items():
        value = item[name]
        if type(value) not in types:  # noqa: E721 - bool is not an int here
            return None
    return Finding(**item)


def load(proj: Project, digest: str) -> list[Finding] | None:
    """The stored result for ``digest``, None when there is none, it is another key's, or it is damaged."""
    try:
        data = json.loads(path(proj).read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != digest:
        return None
    items = data.get("findings")
    if not isinstance(items, list):
        return None
    findings = [_finding(item) for item in items]
    if any(f is None for f in findings):
        return None
    return findings


def cached(proj: Project) -> list[Finding] | None:
    """The stored result for the project's inputs as they are, None when there is none."""
    return load(proj, key(proj))


def store(proj: Project, digest: str, findings: list[Finding]) -> None:
    """Write the result for ``digest`` (atomically: a reader sees the old result or the new one whole);
    a folder that cannot be written is no error."""
    target = path(proj)
    text = json.dumps({"version": VERSION, "key": digest, "findings": [dataclasses.asdict(f) for f in findings]},
                      ensure_ascii=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".result-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def run(tree, context, jobs: int = 1) -> tuple[list[Finding], bool]:
    """Every finding of the whole check (``engine.run`` with every check on), and whether it was read from
    the cache rather than computed."""
    proj = context.project
    digest = key(proj)
    found = load(proj, digest)
    if found is not None:
        return found, True
    findings = engine.run(tree, context, engine.ALL, jobs=jobs)
    store(proj, digest, findings)
    return findings, False


def by_path(findings: list[Finding], tree_wide: frozenset[str]) -> dict[str, list[Finding]]:
    """The findings of the pages' files by path, without those of the whole-tree checks ``tree_wide``."""
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.check not in tree_wide:
            out.setdefault(finding.path, []).append(finding)
    return out


def recheck(tree, context, previous: dict[str, list[Finding]], changed: set[str],
            tree_wide: frozenset[str]) -> dict[str, list[Finding]]:
    """``by_path`` of the whole check, from ``previous`` (the same, before the files at the repo-relative
    ``changed`` paths were edited) by checking again only the pages those files belong to (each in every
    language: a changed source changes its translations' findings).

    Exact when the edit changed the content of docs files only: no file added or removed (links are
    checked against the set of files), no data file and no ``mkdocs.yml`` changed (every page reads them);
    the caller runs the whole check otherwise."""
    context.files = frozenset(tree.files)
    out = {path: list(found) for path, found in previous.items()}
    for page in tree.pages():
        paths = {doc.path for doc in page.docs.values()}
        if paths & changed:
            for path in paths:
                out.pop(path, None)
            for path, found in by_path(engine.check_page(page, context), tree_wide).items():
                out[path] = found
    return out
