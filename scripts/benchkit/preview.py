"""Edit→preview latency: after saving one page, how long until the served page shows the edit, under
``make serve`` (``sitekit.serve``'s command: ``mkdocs serve --no-strict --dirty --livereload`` with the
project's hooks, whose ``hook_incremental.py`` rebuilds what a save affects) and under stock ``mkdocs serve``
on the baseline configuration (``mkdocs.baseline.yml``: no hooks, no templates, every page rebuilt on
every save) of the same content.

Each preview is started once and waited for (not timed); then, ``edits`` times, one paragraph holding a new
marker is written at the end of the page's source file, and the clock runs from the write until an HTTP
request for that page returns HTML holding the marker (polled every 20 ms; MkDocs holds a request for a
page while it rebuilds). The page is restored afterwards.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchkit.variants import Root
from sitekit import serve

HOST = "127.0.0.1"
POLL = 0.02


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def project_argv(root: Root, port: int) -> list[str]:
    """What ``make serve`` runs, on ``root``'s configuration."""
    argv, _ = serve.command(port, root.config)
    return [*argv, "-f", str(root.config)]


def stock_argv(root: Root, port: int) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"{HOST}:{port}", "-f", str(root.baseline)]


def _get(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def _wait_for(url: str, marker: str | None, deadline: float, proc: subprocess.Popen) -> float:
    while True:
        html = _get(url, timeout=max(1.0, deadline - time.monotonic()))
        if html is not None and (marker is None or marker in html):
            return time.monotonic()
        if proc.poll() is not None:
            raise RuntimeError(f"the preview exited ({proc.returncode}): {proc.stderr.read()[-600:] if proc.stderr else ''}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not show {'the edit' if marker else 'up'} in time")
        time.sleep(POLL)


def latencies(argv: list[str], root: Root, page: Path, url_path: str, edits: int, env: dict,
              start_timeout: float = 900, edit_timeout: float = 300) -> list[float]:
    """Seconds from each of ``edits`` saves of ``page`` to the served ``url_path`` showing it."""
    port = int(argv[argv.index("-a") + 1].rsplit(":", 1)[1])
    url = f"http://{HOST}:{port}/{url_path}"
    original = page.read_bytes()
    env = dict(env, SITE_URL=f"http://{HOST}:{port}/")
    proc = subprocess.Popen(argv, cwd=root.path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    out = []
    try:
        _wait_for(url, None, time.monotonic() + start_timeout, proc)
        time.sleep(1.0)  # let the watcher settle after the first build
        for n in range(edits):
            marker = f"benchedit{os.getpid()}x{n}x{time.monotonic_ns()}"
            page.write_bytes(original.rstrip(b"\n") + f"\n\n{marker}\n".encode())
            start = time.monotonic()
            out.append(round(_wait_for(url, marker, start + edit_timeout, proc) - start, 3))
            time.sleep(0.5)  # the next save is a new one, not part of this rebuild
    finally:
        page.write_bytes(original)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return out


def measure(name: str, root: Root, page: Path, url_path: str, edits: int, env: dict, progress=print) -> dict:
    """The project's preview and stock ``mkdocs serve``, one after the other, on the same content."""
    result: dict = {"name": name, "page": page.relative_to(root.path).as_posix(), "url": url_path, "edits": edits}
    for key, argv in (("preview", project_argv(root, free_port())), ("stock", stock_argv(root, free_port()))):
        result[key] = latencies(argv, root, page, url_path, edits, env)
        progress(f"  preview latency {name} {key}: {', '.join(f'{s:.2f} s' for s in result[key])}")
    result["median"] = {key: _median(result[key]) for key in ("preview", "stock")}
    result["ratio"] = (round(result["median"]["preview"] / result["median"]["stock"], 3)
                       if result["median"]["stock"] else None)
    return result


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
