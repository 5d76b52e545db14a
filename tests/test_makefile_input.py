"""What the Makefile does with values from the environment and the command line: keeps them as data."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def make(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "EDIT_URI", "MAKEFLAGS",
                                                              "SOURCE_DATE_EPOCH")}
    return subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), *args], cwd=cwd, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["SITE_URL", "REPO_URL", "EDIT_URI", "SOURCE_DATE_EPOCH", "TITLE", "PORT"])
@pytest.mark.parametrize("where", ["environment", "command line"])
def test_make_never_runs_what_a_value_holds(tmp_path, name, where):
    value = f"$(shell touch {tmp_path}/MARKER)`touch {tmp_path}/MARKER2`"
    args = [f"{name}={value}"] if where == "command line" else []
    env = {name: value} if where == "environment" else {}
    proc = make(tmp_path, "help", *args, **env)
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    if name == "SOURCE_DATE_EPOCH":
        assert proc.returncode == 2
        assert proc.stderr.endswith(f"*** SOURCE_DATE_EPOCH '{value}' is not a time in seconds since 1970 (expected "
                                    "digits, e.g. 1764028800; unset it to date the build by the last commit).  Stop.\n")
    else:
        assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("value", ["abc", "", "1.5", "-1", "17640288OO"])
def test_a_source_date_that_is_not_digits_is_refused(tmp_path, value):
    proc = make(tmp_path, "help", SOURCE_DATE_EPOCH=value)
    assert proc.returncode == 2 and "is not a time in seconds since 1970" in proc.stderr


def test_a_source_date_in_digits_is_taken(tmp_path):
    proc = make(tmp_path, "--eval", "print-%: ; @echo '$*=$($*)'", "print-SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH="1764028800")
    assert (proc.returncode, proc.stdout) == (0, "SOURCE_DATE_EPOCH=1764028800\n")


@pytest.mark.parametrize("target, name, refusal", [
    ("sync", "FILES", "python -m i18ncheck: error: sync: $(shell does not exist\n"),
    ("check", "FORMAT", "python -m i18ncheck: error: argument --format: invalid choice: "),
])
@pytest.mark.parametrize("where", ["environment", "command line"])
def test_sync_and_check_take_their_values_as_data(tmp_path, target, name, refusal, where):
    """FILES and FORMAT reach the command as words: nothing in them runs, no glob expands, and a value
    that names no file is refused (never taken for `sync --new`, which would record other files)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "i18ncheck" / "clean", project)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "data" / "kinds.yml", project / "data" / "kinds.yml")  # the engine's, beside its scripts
    value = f"$(shell touch {tmp_path}/M1) `touch {tmp_path}/M2`;touch {tmp_path}/M3 $(touch {tmp_path}/M4) docs/*"
    args = [f"{name}={value}"] if where == "command line" else []
    env = {name: value} if where == "environment" else {}
    before = sorted(p.relative_to(project) for p in project.rglob("*") if "scripts" not in p.parts)
    proc = make(project, target, f"PY={sys.executable}", "STAMP_PY=", *args, **env)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert sorted(p.relative_to(project) for p in project.rglob("*") if "scripts" not in p.parts) == before
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert refusal in proc.stderr


def test_sync_records_the_files_named_and_nothing_else(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "i18ncheck" / "clean", project)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "data" / "kinds.yml", project / "data" / "kinds.yml")  # the engine's, beside its scripts
    proc = make(project, "sync", f"PY={sys.executable}", "STAMP_PY=", "FILES= docs/article.ru.md  docs/article.en.md ")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[1:] == [
        "docs/article.ru.md: recorded as synced with docs/article.kk.md",
        "docs/article.en.md: recorded as synced with docs/article.kk.md",
        "i18ncheck sync: 2 translations recorded in data/translation-sync.json"]
