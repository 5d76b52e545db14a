"""Valid HTML: the Nu HTML checker (node_modules/vnu-jar, the W3C validator's engine) finds no error in
the built pages, in one JVM run over all of them.

The exceptions below are constructs Material for MkDocs writes into every page and this site cannot
change without copying Material's templates (which then fall behind on upgrades, see STYLE.md). Each
one matches the message and the exact markup it is about, and each must still occur: when an upgrade
fixes one, test_every_exception_is_still_needed says to delete it.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from sitekit.project import ROOT
from sitepages import html_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclasses.dataclass(frozen=True)
class Exemption:
    name: str
    message: str  # regex on vnu's message
    extract: str  # regex on the markup vnu quotes
    why: str

    def matches(self, msg: dict) -> bool:
        return bool(re.search(self.message, msg.get("message", "")) and re.search(self.extract, msg.get("extract", "")))


EXEMPTIONS = (
    Exemption(
        "material-toggle-autocomplete",
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" '
        r'autocomplete="off">',
        "Material's base.html gives its two hidden checkbox toggles (navigation drawer, search) "
        "autocomplete=off so that Firefox does not restore them checked on back/forward navigation; "
        "browsers ignore the attribute otherwise. Harmless, and only removable by copying base.html.",
    ),
    Exemption(
        "material-toc-title-without-toggle",
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
        "Material's partials/toc.html labels the table of contents for the __toc toggle, which nav-item.html "
        "writes only for pages that are not a section's index page; on the briefs listing (an index page, "
        "navigation.indexes) the label points nowhere. Clicking it does nothing; removable only by "
        "copying Material's navigation templates.",
    ),
)

CANARY = "<!doctype html><html lang=en><title>canary</title><p><div>a div inside a p</div></p></html>\n"


def java() -> str:
    found = shutil.which("java")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("java is missing: .ci/run must install a JRE for the Nu HTML checker")
        pytest.skip("java is not installed (the HTML check runs in CI)")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts`")
    return found


@pytest.fixture(scope="module")
def vnu_messages(site_build, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's errors, by site-relative page (one JVM for every page, plus a canary with a known error)."""
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = html_files(site_build.dir)
    proc = subprocess.run(
        [java(), "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", str(canary),
         *(str(site_build.dir / rel) for rel in pages)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    out: dict[str, list[dict]] = {rel: [] for rel in pages}
    out["canary"] = []
    for msg in report["messages"]:
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(msg.get("url", "")).path))
        key = "canary" if path == canary else path.relative_to(site_build.dir).as_posix()
        out[key].append(msg)
    return out


def describe(rel: str, msg: dict) -> str:
    extract = " ".join(msg.get("extract", "").split())
    return f"{rel}:{msg.get('lastLine', '?')}: {msg['message']} [{extract}]"


def test_the_checker_runs_and_reports(vnu_messages):
    """The canary's known error comes back, so a silent checker cannot pass the test below."""
    assert [m["message"] for m in vnu_messages["canary"]] == [
        "No “p” element in scope but a “p” end tag seen."]


def test_built_pages_are_valid_html(vnu_messages):
    errors = [describe(rel, msg) for rel, messages in sorted(vnu_messages.items()) if rel != "canary"
              for msg in messages if not any(exc.matches(msg) for exc in EXEMPTIONS)]
    assert errors == []


def test_every_exception_is_still_needed(vnu_messages):
    used = {exc.name for messages in vnu_messages.values() for msg in messages for exc in EXEMPTIONS
            if exc.matches(msg)}
    assert sorted({exc.name for exc in EXEMPTIONS} - used) == [], "delete the exceptions nothing needs"
