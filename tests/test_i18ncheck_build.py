"""The MkDocs hook (scripts/hook_i18n.py) in a strict build of the small site in tests/i18ncheck/build/:
unacknowledged drift fails the build, acknowledged drift builds with its state in page.meta["i18n"],
a pending translation is published as the marked fallback, waiver comments are not published, and the
status page gets its table.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "i18ncheck" / "build"

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "build"
    shutil.copytree(FIXTURE, root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1",
               I18N_HOOK=str(ROOT / "scripts" / "hook_i18n.py"), I18N_OVERRIDES=str(ROOT / "overrides"),
               I18N_SPY=str(tmp_path / "spy.jsonl"), SOURCE_DATE_EPOCH="1764028800")

    class Site:
        path = root
        spy = tmp_path / "spy.jsonl"
        out = tmp_path / "site"

        def run(self, *args: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, "-m", *args], cwd=root, env=env, capture_output=True, text=True)

        def build(self) -> subprocess.CompletedProcess:
            self.spy.unlink(missing_ok=True)
            return self.run("mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(self.out))

        def meta(self) -> dict[tuple[str, str], dict]:
            rows = [json.loads(line) for line in self.spy.read_text(encoding="utf-8").splitlines()]
            return {(row["build"], row["src_uri"]): row["i18n"] for row in rows}

    s = Site()
    assert s.run("i18ncheck", "--root", str(root), "sync", "--all").returncode == 0
    return s


def stale_source(site) -> None:
    page = site.path / "docs" / "page.kk.md"
    page.write_text(page.read_text(encoding="utf-8").replace("1,23 млрд адам тіркелген.", "1,23 млрд адам тіркелді."),
                    encoding="utf-8")


def test_synced_site_builds_with_states_and_fallback(site):
    proc = site.build()
    assert proc.returncode == 0, proc.stderr
    meta = site.meta()
    assert meta[("kk", "page.kk.md")] == {"state": "source", "source_lang": "kk", "page_lang": "kk",
                                          "build_lang": "kk", "source_url": "page/", "stale_blocks": []}
    assert meta[("ru", "page.ru.md")] == {"state": "translated", "source_lang": "kk", "page_lang": "ru",
                                          "build_lang": "ru", "source_url": "page/", "stale_blocks": []}
    assert meta[("en", "status.en.md")]["state"] == "source"
    assert meta[("kk", "status.kk.md")]["source_url"] == "en/status/"
    # later.en.md is pending: static-i18n publishes the Kazakh text at en/later/, marked as a fallback
    assert meta[("en", "later.kk.md")] == {"state": "fallback", "source_lang": "kk", "page_lang": "kk",
                                           "build_lang": "en", "source_url": "later/", "stale_blocks": []}
    assert (site.out / "en" / "later" / "index.html").exists()
    # the waiver comment is not published; the waived finding is logged, not warned
    ru_page = (site.out / "ru" / "page" / "index.html").read_text(encoding="utf-8")
    assert "i18n-waive" not in ru_page and "каждого шестого" in ru_page
    assert "INFO    -  docs/page.ru.md:12: numbers differ" in proc.stderr
    # the status page, in the reader's language
    status = (site.out / "ru" / "status" / "index.html").read_text(encoding="utf-8")
    assert "<th>Страница</th>" in status and "<td>перевод ожидается</td>" in status
    assert "i18n-status" not in status


def test_stale_translation_fails_the_strict_build(site):
    stale_source(site)
    proc = site.build()
    assert proc.returncode == 1
    assert ("WARNING -  docs/page.ru.md:9: translation is stale: source docs/page.kk.md changed: source line 9 "
            "changed (translation line 9) [stale-translation]") in proc.stderr
    assert "Aborted with 1 warnings in strict mode!" in proc.stdout  # at the end of the ru build


def test_acknowledged_staleness_builds_and_is_marked(site):
    stale_source(site)
    for lang in ("ru", "en"):
        page = site.path / "docs" / f"page.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8").replace("source_lang: kk\n", "source_lang: kk\ntranslation: stale\n"),
                        encoding="utf-8")
    proc = site.build()
    assert proc.returncode == 0, proc.stderr
    assert site.meta()[("en", "page.en.md")] == {"state": "stale", "source_lang": "kk", "page_lang": "en",
                                                 "build_lang": "en", "source_url": "page/", "stale_blocks": [9]}
    status = (site.out / "status" / "index.html").read_text(encoding="utf-8")
    assert "ескірген (белгіленген): түпнұсқаның 9-жолдарындағы абзацтар өзгерді" in status


@pytest.mark.parametrize("damage, message", [
    (("data/glossary.yml", "terms:\n  - id: x\n    kk: {term: а}\n    ru: {term: б}\n    en: {term: c}\n"),
     "data/glossary.yml:2: term x has no kk definition (write definition: {kk: ...}) [glossary-entries]"),
    (("docs/page.ru.md", "---\ntitle: T\ndescription: D.\nsource_lang: kk\nlol: &a [x, x]\nb: [*a, *a, *a]\n"
      "date: 2026-02-30\n---\n\nText.\n"),
     "docs/page.ru.md:7: front matter has an impossible date (day is out of range for month) [front-matter-syntax]"),
    (("docs/page.en.md", b"---\ntitle: \xff\n---\n"),
     "docs/page.en.md:2: bytes that are not utf-8 (first: 0xff); save the file as utf-8 [encoding]"),
])
def test_what_would_break_the_build_stops_it_first(site, damage, message):
    """Input the site's hooks would crash on or publish broken stops the build at its start, with the
    check's message and no traceback (issue 10, item 2)."""
    path = site.path / damage[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage[1] if isinstance(damage[1], bytes) else damage[1].encode("utf-8"))
    proc = site.build()
    assert proc.returncode == 1
    assert "i18ncheck: the build would break on these (run make check)" in proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
