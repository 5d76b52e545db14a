"""What the preview (``make serve``) does differently from a build: it shows the translation check's
findings instead of stopping on them, and keeps the console to what an author needs.

MkDocs tells its plugins and hooks which command runs in ``on_startup(command=...)``: ``serve`` for the
preview (``mkdocs serve``), ``build`` for ``mkdocs build`` (and ``mkdocs serve --clean``, a build). Only a
preview shows the banner; ``make site`` and CI stay strict (``make serve`` runs ``mkdocs serve --no-strict``,
so a finding is a warning in the console and the rebuild still completes).

- ``banner``: the words of the banner a previewed page shows above its text, in the reader's language
  (``data/locales/<code>.po``, ``preview.findings`` and ``preview.line``), listing the page's failing
  findings with their lines.
- ``ConfigNoise``: a logging filter that drops static-i18n's per-language "Overriding '<lang>' config ..."
  lines, which it prints on every build of every language; under the preview, every other info line of
  static-i18n too ("Building '<lang>' documentation to directory ...", "Adding '<lang>' to the
  'material/search' plugin ..."), printed on every rebuild and saying nothing about the author's pages.
- ``Changes``: which files changed since the preview's last rebuild, so that a rebuild's console lists the
  findings of what changed (the changed files and the translations whose source changed), not again every
  finding of the site.
"""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from sitekit.messages import Messages

_MODE = {"preview": False}


def start(command: str | None) -> None:
    """Record the command MkDocs runs (``on_startup``); install the console filter."""
    _MODE["preview"] = command == "serve"
    install_filter()


def active() -> bool:
    """Whether this process is a preview (``mkdocs serve``), not a build."""
    return _MODE["preview"]


def banner(msgs: Messages, lang: str, path: str, findings) -> dict | None:
    """The banner of a previewed page of ``lang`` whose file ``path`` has the failing ``findings``
    (``i18ncheck.finding.Finding``): ``{"title": ..., "items": [{"line": 9, "label": ..., "text": ...}]}``,
    None without findings. A finding's own text is the check's message (``path:line: message [id]``
    without the path, which the title names)."""
    shown = sorted(findings, key=lambda f: (f.line, f.check, f.message))
    if not shown:
        return None
    return {
        "title": msgs.text(lang, "preview.findings", count=len(shown), path=path),
        "items": [{"line": f.line, "label": msgs.text(lang, "preview.line", line=f.line),
                   "text": f"{f.message} [{f.check}]"} for f in shown],
    }


# static-i18n (mkdocs_static_i18n/reconfigure.py) logs these at info level through MkDocs' plugin logger,
# which prefixes the plugin's name.
NOISE = re.compile(r"^(?:mkdocs_static_i18n: )?(?:Overriding|Updating) '[^']*' config '")
NOISY_LOGGERS = tuple(f"mkdocs.plugins.mkdocs_static_i18n.{name}"
                     for name in ("reconfigure", "plugin", "suffix", "folder"))


class ConfigNoise(logging.Filter):
    """Drops static-i18n's "Overriding '<lang>' config '<key>' with '<value>'" (and "Updating ...") info
    lines, and under the preview all its info lines; its warnings always pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        if active():
            return False
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is not ours to judge
            return True
        return NOISE.match(text) is None


_FILTER = ConfigNoise()


def install_filter() -> None:
    """Add the filter to static-i18n's logger (once however often MkDocs starts up in this process)."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


class Changes:
    """The files of a project that changed between two calls of ``since_last`` (in one preview process)."""

    def __init__(self):
        self._seen: dict[str, str] | None = None
        self.contents_only = False  # the last call found edits of existing docs files only

    @staticmethod
    def snapshot(root: Path, docs_dir: Path) -> dict[str, str]:
        """``{repo-relative path: content hash}`` of ``mkdocs.yml`` and every file under the docs folder
        and ``data/``."""
        out = {}
        paths = [root / "mkdocs.yml"]
        for folder in (docs_dir, root / "data"):
            paths += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
        for path in paths:
            try:
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            except OSError:
                digest = "unreadable"
            try:
                name = path.relative_to(root).as_posix()
            except ValueError:
                name = path.as_posix()
            out[name] = digest
        return out

    def since_last(self, root: Path, docs_dir: Path, now: dict[str, str] | None = None) -> set[str] | None:
        """The paths added, removed or changed since the last call; None on the first call, or when
        ``mkdocs.yml`` or a data file changed (then every page may read differently: everything is new).
        ``now``: a ``snapshot`` taken before the files were read for this build (a save in between is then
        seen by the next call, not lost)."""
        now = self.snapshot(Path(root), Path(docs_dir)) if now is None else now
        before, self._seen = self._seen, now
        self.contents_only = False
        if before is None:
            return None
        changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
        self.contents_only = before.keys() == now.keys()
        docs = Path(docs_dir).resolve()
        for p in changed:
            if not (Path(root) / p).resolve().is_relative_to(docs):
                self.contents_only = False
                return None
        return changed


def shown(finding, changed: set[str] | None) -> bool:
    """Whether the console of this (re)build lists ``finding``: every finding on the first build (or a
    build), else those of a changed file or whose other file (a translation's source) changed."""
    return changed is None or finding.path in changed or (finding.other_path in changed)
