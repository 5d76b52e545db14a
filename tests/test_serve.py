"""``make serve`` (``python -m sitekit.serve``): the preview at the port asked for, clear refusals."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, build_env, free_port


def serve(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitekit.serve", *args], cwd=ROOT, env=build_env(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.parametrize(("args", "env", "stderr"), [
    ((), {"SERVE_PORT": "80; touch x"}, "serve: PORT '80; touch x' is not a port number (expected 1 to 65535, e.g. 8001)\n"),
    ((), {"SERVE_PORT": "70000"}, "serve: PORT '70000' is not a port number (expected 1 to 65535, e.g. 8001)\n"),
    (("--port", "٨٠٠٠"), {}, "serve: --port '٨٠٠٠' is not a port number (expected 1 to 65535, e.g. 8001)\n"),
])
def test_a_bad_port_is_refused(args, env, stderr):
    proc = serve(*args, **env)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (2, "", stderr)


def test_a_port_in_use_is_refused_without_a_traceback():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = serve(SERVE_PORT=str(port))
        out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out) == (2, "")
    assert err == (f"serve: 127.0.0.1:{port} is already in use (another preview still running?); "
                   f"stop it or choose another port: make serve PORT={port + 1}\n")


@pytest.mark.slow
def test_the_preview_serves_the_site_at_its_address():
    port = free_port()
    proc = serve(SERVE_PORT=str(port))
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/article/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1][-2000:]
                assert time.monotonic() < deadline, "the preview did not come up"
                time.sleep(1)
        assert f'<link rel="canonical" href="http://127.0.0.1:{port}/en/article/">' in html
        assert "script-src 'self' 'unsafe-inline'" in html  # the live-reload script may run in the preview
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)
