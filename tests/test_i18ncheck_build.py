"""The MkDocs hook (scripts/hook_i18n.py) in a strict build of the small site in tests/i18ncheck/build/:
unacknowledged drift fails the build, acknowledged drift builds with its state in page.meta["i18n"],
a pending translation is published as the marked fallback, waiver comments are not published, and the
status page gets its table.
"""
from __future__ import annotations

import json
import os
import signal
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port
from sitekit import serve as servemod

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
        environ = env
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
    assert ("WARNING -  docs/page.en.md:9: translation is stale: source docs/page.kk.md changed: source line 9 "
            "changed (translation line 9) [stale-translation]") in proc.stderr
    # the check reports every file once, before the languages are built: the ru and the en translation
    assert "Aborted with 2 warnings in strict mode!" in proc.stdout


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


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_the_preview_shows_findings_on_the_page_and_never_freezes(site):
    """Issue 15: under the preview (the command make serve runs), a finding is a warning in the console
    and a banner on its page, in the reader's language, with its line; the page still renders, and the
    next rebuild (the finding fixed) goes through. The strict build still fails on the same tree."""
    page = site.path / "docs" / "page.kk.md"
    original = page.read_text(encoding="utf-8")
    stale_source(site)
    assert site.build().returncode == 1
    # a build is never a preview: even when not strict, it publishes no banner
    built = site.run("mkdocs", "build", "-f", str(site.path / "mkdocs.yml"), "-d", str(site.out))
    assert built.returncode == 0, built.stderr
    assert "i18n-preview" not in (site.out / "ru" / "page" / "index.html").read_text(encoding="utf-8")
    port = free_port()
    argv, env = servemod.command(port)
    proc = subprocess.Popen([*argv, "-f", str(site.path / "mkdocs.yml")], cwd=site.path,
                            env={**site.environ, "SITE_URL": env["SITE_URL"]}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while (html := _get(f"http://127.0.0.1:{port}/ru/page/")) is None:
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the preview did not come up"
            time.sleep(0.5)
        assert "1,23 млрд" in html  # the page renders, its text included
        banner = html[html.index('<div class="i18n-preview" role="alert">'):]
        banner = " ".join(banner[:banner.index("</div>")].split())
        assert banner == (
            '<div class="i18n-preview" role="alert"> <p class="i18n-preview__title">Только в предпросмотре: '
            "проверка перевода нашла в файле docs/page.ru.md 1 замечание. Сборка для публикации остановится, "
            'пока его не исправят.</p> <ul class="i18n-preview__list"> <li><strong>Строка 9</strong>: '
            "<bdi>translation is stale: source docs/page.kk.md changed: source line 9 changed (translation "
            "line 9) [stale-translation]</bdi></li> </ul>")
        english = _get(f"http://127.0.0.1:{port}/en/page/")
        assert "Preview only: the translation check found 1 problem in docs/page.en.md." in english
        assert "<li><strong>Line 9</strong>: <bdi>translation is stale" in english
        assert "i18n-preview" not in _get(f"http://127.0.0.1:{port}/page/")  # the source has no finding
        page.write_text(original, encoding="utf-8")  # fixed: the next rebuild goes through
        while "i18n-preview" in (_get(f"http://127.0.0.1:{port}/ru/page/") or "i18n-preview"):
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the preview did not rebuild"
            time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    # the console: the finding once (the first build), not again on the rebuild that fixed it; none of
    # static-i18n's per-build lines
    assert err.count("docs/page.ru.md:9: translation is stale: source docs/page.kk.md changed: source line 9 "
                     "changed (translation line 9) [stale-translation]") == 1
    assert "WARNING -  docs/page.ru.md:9: translation is stale" in err
    assert err.count("Building documentation...") >= 2  # the rebuild happened
    assert "mkdocs_static_i18n" not in err and "Traceback" not in err and "appear stuck" not in err
