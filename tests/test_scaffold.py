"""The brief scaffold: complete front matter in every language, validated arguments, no overwrite."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import messages, project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
# the languages a new brief is written in: every one not in progress, and the source (en here)
WRITTEN = [c for c in PROJECT.codes if c == "en" or c not in PROJECT.in_progress]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project with the real mkdocs.yml and tag vocabulary and no briefs."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "tags.yml", tmp_path / "data" / "tags.yml")
    (tmp_path / "docs").mkdir()
    return tmp_path


def run(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitekit.scaffold", *args, "--root", str(tree)],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"},
    )


GOOD = ["crisis-comms", "--source", "en", "--tags", "practice,social-media", "--date", "2026-12-01",
        "--title", "Crisis communication: the first hour", "--summary", "What an embassy posts first."]


def test_writes_every_language_with_complete_front_matter(tree):
    proc = run(tree, *GOOD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"docs/briefs/crisis-comms.{c}.md" for c in WRITTEN]
    headings = {"kk": "Дереккөздер", "ru": "Источники", "en": "Sources"}  # from the catalogs
    msgs = messages.for_project(PROJECT)
    assert {c: msgs.text(c, "brief.sources") for c in headings} == headings
    for lang in WRITTEN:
        heading = msgs.text(lang, "brief.sources")
        text = (tree / "docs" / "briefs" / f"crisis-comms.{lang}.md").read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        assert yaml.safe_load(front) == {
            "title": "Crisis communication: the first hour", "description": "What an embassy posts first.",
            "source_lang": "en", "kind": "brief", "date": __import__("datetime").date(2026, 12, 1),
            "tags": ["practice", "social-media"], "summary": "What an embassy posts first.",
        }
        assert body == f"\nWhat an embassy posts first.\n\n## {heading} {{#sources}}\n"
        assert "\r" not in text


def test_refuses_to_overwrite_and_writes_nothing(tree):
    existing = tree / "docs" / "briefs" / "crisis-comms.ru.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("a translator's work\n", encoding="utf-8")
    proc = run(tree, *GOOD)
    assert proc.returncode == 1
    assert proc.stderr == "scaffold: docs/briefs/crisis-comms.ru.md already exists; nothing was written\n"
    assert existing.read_text(encoding="utf-8") == "a translator's work\n"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["crisis-comms.ru.md"]


def test_reports_every_bad_argument_at_once(tree):
    proc = run(tree, "Bad_Slug", "--source", "de", "--tags", "nope,practice", "--date", "2026-13-01",
               "--title", " ", "--summary", "x")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "scaffold: slug 'Bad_Slug' must be lowercase ASCII words joined by hyphens (e.g. 'embassy-crisis-comms')",
        f"scaffold: --source 'de' is not a configured language (expected one of {', '.join(PROJECT.codes)})",
        "scaffold: --date '2026-13-01' is not a date in the form YYYY-MM-DD",
        "scaffold: --title is empty",
        "scaffold: unknown tag(s) nope (known: " + ", ".join(sorted(yaml.safe_load(
            (ROOT / "data" / "tags.yml").read_text(encoding="utf-8")))) + ")",
    ]
    assert not (tree / "docs" / "briefs").exists()


def test_missing_required_argument_is_a_usage_error(tree):
    proc = run(tree, "crisis-comms", "--title", "T")
    assert proc.returncode == 2
    assert "the following arguments are required: --summary, --tags" in proc.stderr
    assert "Traceback" not in proc.stderr
