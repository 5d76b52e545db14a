"""The built site served on loopback the way GitHub Pages serves a project site: under a sub-path, the
site's ``404.html`` for a missing page, text gzip-compressed when the browser accepts it, fonts and
images as they are (woff2 and png are compressed already), ``Cache-Control: max-age=600``.

Every response is logged (path, type, file bytes, bytes sent), so a page view's transfer is read off the
log: what the server sent is what crossed the wire, without trusting the browser's accounting.
"""
from __future__ import annotations

import dataclasses
import functools
import gzip
import http.server
import mimetypes
import os
import threading
import time
from pathlib import Path

SUBPATH = "/qdd/"
GZIP_LEVEL = 6  # zlib's default; GitHub Pages does not publish its level
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/rss+xml", "image/svg+xml", "application/manifest+json")
TYPES = {".js": "application/javascript", ".json": "application/json", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".woff2": "font/woff2", ".map": "application/json", ".gz": "application/gzip"}


def content_type(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in TYPES:
        return TYPES[ext]
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") else "")


def compressible(ctype: str) -> bool:
    return ctype.startswith(COMPRESSIBLE)


def wire_size(body: bytes, ctype: str) -> int:
    """Bytes of ``body`` on the wire as GitHub Pages sends it: gzip for text, as is for the rest."""
    return len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if compressible(ctype) else len(body)


@dataclasses.dataclass(frozen=True)
class Sent:
    path: str          # the request path, sub-path and query included
    status: int
    type: str
    size: int          # the body as stored
    wire: int          # the body as sent (gzip-compressed if it was)
    encoding: str      # "gzip" or ""
    at: float          # time.monotonic() when the response was sent


class Log:
    def __init__(self):
        self._lock = threading.Lock()
        self._items: list[Sent] = []

    def add(self, item: Sent) -> None:
        with self._lock:
            self._items.append(item)

    def take(self) -> list[Sent]:
        """Everything logged since the last call."""
        with self._lock:
            items, self._items = self._items, []
        return items


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, site_dir: Path, log: Log, **kwargs):
        self.site_dir, self.log = site_dir, log
        super().__init__(*args, **kwargs)

    def _file(self, path: str) -> Path | None:
        if not path.startswith(SUBPATH):
            return None
        rel = path[len(SUBPATH):].split("?", 1)[0].split("#", 1)[0]
        target = (self.site_dir / rel).resolve()
        if self.site_dir.resolve() not in (target, *target.parents):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self._respond(send_body=True)

    def do_HEAD(self):  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool):
        path = self.path
        bare = path.split("?", 1)[0]
        if bare + "/" == SUBPATH or (bare.startswith(SUBPATH) and not bare.endswith("/")
                                     and (self.site_dir / bare[len(SUBPATH):]).is_dir()):
            self.send_response(301)
            self.send_header("Location", bare + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.log.add(Sent(path, 301, "", 0, 0, "", time.monotonic()))
            return
        target = self._file(path)
        status = 200 if target else 404
        if target is None:
            target = self.site_dir / "404.html"
        body = _read(str(target), target.stat().st_mtime_ns)
        ctype = content_type(target.name)
        encoding = ""
        sent = body
        if compressible(ctype) and "gzip" in self.headers.get("Accept-Encoding", ""):
            sent, encoding = _gzip(str(target), target.stat().st_mtime_ns), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(sent)))
        self.send_header("Cache-Control", "max-age=600")
        if compressible(ctype):
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if send_body:
            self.wfile.write(sent)
        self.log.add(Sent(path, status, ctype, len(body), len(sent), encoding, time.monotonic()))

    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def _read(path: str, mtime: int) -> bytes:
    return Path(path).read_bytes()


@functools.lru_cache(maxsize=None)
def _gzip(path: str, mtime: int) -> bytes:
    return gzip.compress(_read(path, mtime), GZIP_LEVEL, mtime=0)


class Server:
    """``with Server(site_dir, port) as server: server.url("ru/article/")``"""

    def __init__(self, site_dir: Path, port: int):
        self.log = Log()
        handler = functools.partial(Handler, site_dir=Path(site_dir), log=self.log)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{port}{SUBPATH}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
