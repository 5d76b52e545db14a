"""``mkdocs build`` builds the languages side by side (``scripts/hook_parallel.py`` over
``sitekit/parallel.py``): the same site byte for byte as one language after the other, a child's failure
is the build's failure with its message, and ``SITE_JOBS`` is read as data.

The real site's sequential and parallel builds are compared in ``test_project_site.py`` (its two
reproducible builds run with ``SITE_JOBS=1`` and ``SITE_JOBS=3``); here the four-language fixture
publication is built with one process and with four (one per language).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, build_env
from sitekit import parallel

FIXTURE = ROOT / "tests" / "publications" / "four-languages"
CODES = ("kk", "ru", "en", "ar")


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    config = src / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(src), "sync", "--all"],
                   env=build_env(), check=True, capture_output=True)
    return src


def _build(src: Path, dest: Path, jobs: str) -> subprocess.CompletedProcess:
    # not -q: MkDocs' --quiet silences warnings, and then --strict has none to count
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(src / "mkdocs.yml"),
                           "-d", str(dest)], cwd=src, env=build_env(SITE_JOBS=jobs), capture_output=True,
                          text=True, timeout=600)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fixture_copy(tmp_path_factory) -> Path:
    return _copy(tmp_path_factory.mktemp("parallel"))


def test_one_process_per_language_builds_the_same_site_as_one_process(fixture_copy, tmp_path):
    one, four = tmp_path / "one", tmp_path / "four"
    for dest, jobs in ((one, "1"), (four, "4")):
        proc = _build(fixture_copy, dest, jobs)
        assert proc.returncode == 0, proc.stderr
    first, second = _files(one), _files(four)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    # every language's pages, search index and sitemap are among the compared files
    for prefix in ("", "ru/", "en/", "ar/"):
        assert f"{prefix}index.html" in first
        assert f"{prefix}search/search_index.json" in first
        assert f"{prefix}sitemap.xml" in first


def test_a_failure_in_a_language_another_process_builds_fails_the_build(tmp_path):
    src = _copy(tmp_path)
    page = src / "docs" / "index.ar.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](missing.md)\n", encoding="utf-8")
    proc = _build(src, tmp_path / "site", "2")  # the parent builds kk and ru, a child en and ar
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "Doc file 'index.ar.md' contains a link 'missing.md', but the target is not found" in output
    assert "WARNING -  docs/index.ar.md:9: extra paragraph at line 9" in output  # the check ran beside
    assert "the build of en, ar failed: Aborted with 1 warnings in strict mode!" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("value", ["0", "65", "two", "-1", "1.5", "٢", "1e3"])
def test_site_jobs_other_than_a_whole_number_from_1_to_64_stops_the_build(fixture_copy, tmp_path, value):
    proc = _build(fixture_copy, tmp_path / "site", value)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert f"SITE_JOBS={value!r}: expected a whole number of processes from 1 to 64" in output
    assert "Traceback" not in output


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CODES + ("fr", "de", "zh", "tr")), min_size=1, max_size=8, unique=True),
       st.integers(min_value=1, max_value=64), st.data())
def test_every_language_is_built_once_in_order_by_balanced_processes(languages, processes, data):
    first = data.draw(st.sampled_from(languages))
    groups = parallel.plan(languages, first, processes)
    flat = [code for group in groups for code in group]
    assert flat == [first] + [code for code in languages if code != first]  # once each, in static-i18n's order
    assert groups[0][0] == first  # the parent's group holds the build that is running
    assert len(groups) == min(processes, len(languages))
    assert all(groups) and max(map(len, groups)) - min(map(len, groups)) <= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_site_jobs_is_a_number_of_processes_or_a_clear_error(raw):
    try:
        count = parallel.jobs({"SITE_JOBS": raw})
    except parallel.JobsError as exc:
        assert str(exc).startswith("SITE_JOBS=") and "from 1 to 64" in str(exc)
    else:
        assert 1 <= count <= 64
        if raw.strip():
            assert count == int(raw.strip())


def test_unset_site_jobs_means_the_cpus_this_process_may_use():
    assert parallel.jobs({}) == min(parallel.cpus(), parallel.MAX_JOBS)
    assert parallel.jobs({"SITE_JOBS": " "}) == parallel.jobs({})
