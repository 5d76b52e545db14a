"""Shared fixtures: one strict build of the real site, served on loopback under a project-site sub-path,
and a headless Debian Chromium driven by Playwright.

The build runs once per test session (``site_build``, which typesets the article's PDF galleys with an
empty cache); tests that read files use ``site_build.dir``,
tests that browse use ``served_site.url(...)``.
"""
from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]
SUBPATH = "/qdd/"  # the site is served where a GitHub Pages project site lives: under a sub-path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("SOURCE_DATE_EPOCH", "1764028800")
    env.update(extra)
    return env


def mkdocs_build(dest: Path, site_url: str, config: Path = ROOT / "mkdocs.yml", **env: str):
    """Run a strict build into ``dest``; return the finished process (the caller checks returncode)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(config), "-d", str(dest)],
        cwd=config.parent, env=build_env(SITE_URL=site_url, **env), capture_output=True, text=True,
    )


@dataclasses.dataclass(frozen=True)
class SiteBuild:
    dir: Path
    port: int
    site_url: str  # absolute, ends with the sub-path
    galley_cache: Path | None = None  # the PDF galleys this build typeset, by content hash

    def url(self, path: str = "") -> str:
        return self.site_url + path.lstrip("/")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> SiteBuild:
    port = free_port()
    dest = tmp_path_factory.mktemp("build") / "site"
    site_url = f"http://127.0.0.1:{port}{SUBPATH}"
    # an empty galley cache: the session typesets the article's PDFs itself, once
    cache = tmp_path_factory.mktemp("galley-cache")
    proc = mkdocs_build(dest, site_url, REPO_URL="https://github.com/example-owner/example-repo",
                        EDIT_URI="edit/main/docs/", GALLEY_CACHE=str(cache))
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return SiteBuild(dest, port, site_url, cache)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under SUBPATH, like GitHub Pages serves a project site; 404 page included."""

    def __init__(self, *args, site_dir: str, **kwargs):
        super().__init__(*args, directory=site_dir, **kwargs)

    def translate_path(self, path):
        if path.startswith(SUBPATH):
            path = "/" + path[len(SUBPATH):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()
        if not os.path.exists(path) and not os.path.exists(os.path.join(path, "index.html")):
            self.send_response(404)
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)
        return super().send_head()

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="session")
def served_site(site_build: SiteBuild):
    handler = functools.partial(_Handler, site_dir=str(site_build.dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_build.port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_build
    server.shutdown()
    server.server_close()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (browser tests run in CI)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served_site):
    """A fresh browser page that records every request and every console error."""
    context = browser.new_context(locale="en-US")
    from sitepages import watch  # a plain module of tests/, as the test files import it

    page = watch(context.new_page())
    yield page
    context.close()


@pytest.fixture(scope="session")
def node():
    """Node.js for the tests that run the search worker's code outside the browser."""
    if shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: .ci/run installs Node.js 20")
        pytest.skip("node is not installed")
