"""What the preview (``make serve``) does differently from a build: it shows the translation check's
findings instead of stopping on them, and keeps the console to what an author needs.

MkDocs tells its plugins and hooks which command runs in ``on_startup(command=...)``: ``serve`` for the
preview (``mkdocs serve``), ``build`` for ``mkdocs build`` (and ``mkdocs serve --clean``, a build). Only a
preview shows the banner; ``make site`` and CI stay strict (``make serve`` runs ``mkdocs serve --no-strict``,
so a finding is a warning in the console and the rebuild still completes).

- ``banner``: the words of the banner a previewed page shows above its text, in the reader's language
  (``data/locales/<code>.po``, ``preview.findings`` and ``preview.line``), listing the page's failing
  findings with their lines.
- ``ConfigNoise``: a logging filter that drops static-i18n's per-language "Overriding 'ru' config ..."
  lines, which it prints on every build of every language.
"""
from __future__ import annotations

import logging
import re

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
NOISY_LOGGERS = ("mkdocs.plugins.mkdocs_static_i18n.reconfigure",)


class ConfigNoise(logging.Filter):
    """Drops static-i18n's "Overriding '<lang>' config '<key>' with '<value>'" (and "Updating ...") info
    lines; its warnings and everything else pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
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
