"""Preview the site with live reload: what ``make serve`` runs (``make serve PORT=8001`` for another port).

usage: python -m sitekit.serve [--port PORT]      (make passes PORT as SERVE_PORT in the environment)

Runs ``mkdocs serve --no-strict --dirty --livereload`` on 127.0.0.1 with ``site_url`` set to the preview's
address. When ``mkdocs.yml`` lists ``scripts/hook_incremental.py``, ``--dirty`` keeps the site folder between
rebuilds and the hook (``sitekit/incremental.py``) rebuilds what a save affects, not every page of every
language; without the hook the preview rebuilds everything, as stock MkDocs does.
Not strict, so that the preview never freezes: a warning (a translation check finding, a broken link) is
printed and the rebuild completes, where a strict rebuild would abort and leave every request hanging
until the file is fixed. The translation check's findings also show on their page, in a banner
(``sitekit/preview.py``). ``make site`` and CI stay strict.
A port that is not a number from 1 to 65535, or one already in use (another preview still running?), is
one clear line and exit 2, not MkDocs' traceback. Otherwise MkDocs takes over the process (its output,
Ctrl-C and exit status).
"""
from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INCREMENTAL_HOOK = "hook_incremental.py"


class UsageError(Exception):
    pass


def parse_port(value: str | None, name: str) -> int:
    if value is None or value == "":
        return DEFAULT_PORT
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 65535:
        raise UsageError(f"{name} {value!r} is not a port number (expected 1 to 65535, e.g. 8001)")
    return int(value)


def check_free(port: int, name: str) -> None:
    """UsageError if nothing can listen on ``HOST:port`` (the check MkDocs makes only after building)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                hint = f"make serve PORT={port + 1}" if name == "PORT" else f"--port {port + 1}"
                raise UsageError(f"{HOST}:{port} is already in use (another preview still running?); "
                                 f"stop it or choose another port: {hint}") from None
            raise UsageError(f"cannot listen on {HOST}:{port} ({exc.strerror})") from None


def incremental(config: Path) -> bool:
    """Whether ``config`` lists the preview's incremental hook (``hook_incremental.py``): only then may
    MkDocs keep the site folder between rebuilds (``--dirty``), since the hook is what rebuilds every page a
    save affects. A configuration that cannot be read is not (MkDocs reports it)."""
    try:
        with open(config, "rb") as fh:
            data = yaml_load(fh)
    except Exception:  # noqa: BLE001 - MkDocs itself reports a broken configuration, with its line
        return False
    hooks = data.get("hooks") if isinstance(data, dict) else None
    return isinstance(hooks, list) and any(isinstance(h, str) and Path(h).name == INCREMENTAL_HOOK for h in hooks)


def command(port: int, config: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """The preview's command line and environment; ``--dirty`` when ``config`` lists the incremental hook."""
    env = dict(os.environ, SITE_URL=f"http://{HOST}:{port}/")
    dirty = ["--dirty"] if config is not None and incremental(config) else []
    return [sys.executable, "-m", "mkdocs", "serve", "--no-strict", *dirty, "--livereload", "-a", f"{HOST}:{port}"], env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitekit.serve", description="Preview the site with live reload.")
    parser.add_argument("--port", help=f"the port on {HOST} (default: $SERVE_PORT, else {DEFAULT_PORT})")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    name, value = ("--port", args.port) if args.port is not None else ("PORT", os.environ.get("SERVE_PORT"))
    try:
        port = parse_port(value, name)
        check_free(port, name)
    except UsageError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 2
    argv_, env = command(port, Path("mkdocs.yml"))
    print(f"serve: previewing at http://{HOST}:{port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    os.execve(argv_[0], argv_, env)  # MkDocs takes over this process: its signals, output and exit status
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
