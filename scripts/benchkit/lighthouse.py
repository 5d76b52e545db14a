"""Lighthouse (``node_modules/.bin/lighthouse``, the version ``package.json`` pins) on a page of the
locally served site: the default preset (mobile form factor, simulated slow 4G and 4× CPU slowdown),
the four categories, JSON output.

Chromium is launched by Lighthouse with the tests' flags plus ``browser.NO_EXTERNAL_HOSTS``: without it,
Debian's Chromium looks up Google's sign-in, update and autofill hosts in the background even with
``--disable-background-networking``. ``--no-enable-error-reporting`` keeps Lighthouse from reporting
its own errors to Sentry. Every run is checked: a request for anything but the local server is listed
as external.
"""
from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchkit.browser import CHROMIUM, CHROMIUM_ARGS, NO_EXTERNAL_HOSTS

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index",
           "cumulative-layout-shift")


def command(binary: Path, url: str, out: Path) -> list[str]:
    flags = " ".join(shlex.quote(f) for f in CHROMIUM_ARGS + [NO_EXTERNAL_HOSTS])
    return [str(binary), url, "--quiet", "--no-enable-error-reporting", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]


def run(binary: Path, url: str, origin: str) -> dict:
    """One Lighthouse run of ``url``: scores, metrics, failing audits and any request outside ``origin``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        proc = subprocess.run(command(binary, url, out), env=env, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not out.exists():
            return {"error": (proc.stderr or proc.stdout).strip()[-500:] or f"exit {proc.returncode}"}
        report = json.loads(out.read_text(encoding="utf-8"))
    return digest(report, origin)


def digest(report: dict, origin: str) -> dict:
    audits = report["audits"]
    failing = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append({"category": cat, "id": ref["id"], "score": audit["score"],
                                "value": audit.get("displayValue", ""), "title": audit.get("title", "")})
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    external = sorted({r["url"] for r in requests
                       if not r["url"].startswith((origin, "data:", "blob:", "chrome:", "about:"))})
    return {
        "scores": {cat: report["categories"][cat]["score"] for cat in CATEGORIES},
        "metrics": {m: audits[m].get("numericValue") for m in METRICS},
        "failing": failing,
        "external_requests": external,
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": report.get("lighthouseVersion"),
        "form_factor": report.get("configSettings", {}).get("formFactor"),
    }


def median_scores(runs: list[dict]) -> dict[str, float | None]:
    good = [r for r in runs if "scores" in r]
    return {cat: (statistics.median(r["scores"][cat] for r in good) if good else None) for cat in CATEGORIES}


def version(binary: Path) -> str:
    try:
        return subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
