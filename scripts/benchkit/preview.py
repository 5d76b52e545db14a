"""Edit→preview latency: after saving one page, how long until the served page shows the edit, under
``make serve`` (``sitekit.serve``'s command: ``mkdocs serve --no-strict --dirty --livereload`` with the
project's hooks, whose ``hook_incremental.py`` rebuilds what a save affects) and under stock ``mkdocs serve``
on the baseline configuration (``mkdocs.baseline.yml``: no hooks, no templates, every page rebuilt on
every save) of the same content.

Both previews are started (each on its own copy of the content) and waited for (not timed); then, ``edits``
times each and alternately, one paragraph holding a new marker is written at the end of the page's source
file, and the clock runs from the write until an HTTP request for that page returns HTML holding the marker
(polled every 20 ms; MkDocs holds a request for a page while it rebuilds); the preview process's CPU time
over the same span is taken from ``/proc`` (a load-independent second measure on a shared machine). The
page is restored afterwards.
"""
from __future__ import annotations

import os
import shutil
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


class Server:
    """One preview process on ``cwd`` (its console in ``log``); ``cpu()``: its CPU seconds so far."""

    def __init__(self, argv: list[str], cwd: Path, env: dict, log: Path):
        self.port = int(argv[argv.index("-a") + 1].rsplit(":", 1)[1])
        self.log = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=dict(env, SITE_URL=f"http://{HOST}:{self.port}/"),
                                     stdout=subprocess.DEVNULL, stderr=self.log, text=True, start_new_session=True)
        self.log_path = log

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}/{path}"

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()


def _wait(server: Server, path: str, marker: str | None, deadline: float) -> float:
    try:
        return _wait_for(server.url(path), marker, deadline, server.proc)
    except RuntimeError as exc:
        raise RuntimeError(f"{exc}: {server.log_path.read_text(encoding='utf-8', errors='replace')[-600:]}") from None


def save(server: Server, page: Path, original: bytes, url_path: str, n: int, timeout: float = 300) -> tuple[float, float]:
    """Save ``page`` with a new marker paragraph; (wall seconds, the preview's CPU seconds) until the served
    page shows it."""
    marker = f"benchedit{os.getpid()}x{n}x{time.monotonic_ns()}"
    cpu = server.cpu()
    page.write_bytes(original.rstrip(b"\n") + f"\n\n{marker}\n".encode())
    start = time.monotonic()
    wall = _wait(server, url_path, marker, start + timeout) - start
    return round(wall, 3), round(server.cpu() - cpu, 3)


def measure(name: str, root: Root, page: Path, url_path: str, edits: int, env: dict, progress=print,
            start_timeout: float = 1800) -> dict:
    """The project's preview on ``root`` and stock ``mkdocs serve`` on a copy of it, both started (not
    timed), then saved alternately (which one goes first alternates too), so a machine whose load changes
    weighs on both alike; each save's wall time and the preview process's CPU time."""
    result: dict = {"name": name, "page": page.relative_to(root.path).as_posix(), "url": url_path, "edits": edits}
    copy = root.path.parent / f"{root.path.name}-stock"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(root.path, copy, symlinks=True)
    stock_root = Root(copy)
    pages = {"preview": page, "stock": copy / page.relative_to(root.path)}
    original = page.read_bytes()
    servers: dict[str, Server] = {}
    try:
        servers["preview"] = Server(project_argv(root, free_port()), root.path, env, root.path.parent / "preview.log")
        servers["stock"] = Server(stock_argv(stock_root, free_port()), copy, env, root.path.parent / "stock.log")
        for server in servers.values():
            _wait(server, url_path, None, time.monotonic() + start_timeout)
        time.sleep(1.0)  # let the watchers settle after the first builds
        walls: dict[str, list[float]] = {"preview": [], "stock": []}
        cpus: dict[str, list[float]] = {"preview": [], "stock": []}
        for n in range(edits):
            for key in (("preview", "stock") if n % 2 == 0 else ("stock", "preview")):
                wall, cpu = save(servers[key], pages[key], original, url_path, n)
                walls[key].append(wall)
                cpus[key].append(cpu)
                progress(f"  preview latency {name} save {n + 1} {key}: {wall:.2f} s ({cpu:.2f} s CPU)")
                time.sleep(0.5)  # the next save is a new one, not part of this rebuild
    finally:
        for key, server in servers.items():
            pages[key].write_bytes(original)
            server.stop()
        shutil.rmtree(copy, ignore_errors=True)
    result.update(walls)
    result["cpu"] = cpus
    result["median"] = {key: _median(walls[key]) for key in ("preview", "stock")}
    result["ratio"] = (round(result["median"]["preview"] / result["median"]["stock"], 3)
                       if result["median"]["stock"] else None)
    cpu_median = {key: _median(cpus[key]) for key in ("preview", "stock")}
    result["cpu_median"] = cpu_median
    result["cpu_ratio"] = round(cpu_median["preview"] / cpu_median["stock"], 3) if cpu_median["stock"] else None
    return result


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
