"""What the Makefile does with values from the environment and the command line: keeps them as data."""
from __future__ import annotations

import os
import subprocess
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
