"""One run of the translation check per build (scripts/i18ncheck/cache.py): ``python -m i18ncheck --cache``
keeps its result under .cache/i18ncheck/, keyed by a hash of every input; a run with the same inputs (the
build's hook, ``make check``) reuses it byte for byte, and any change to a docs file, a data file or
mkdocs.yml runs the check again."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from i18ncheck import cache, cli, engine
from i18ncheck.registry import by_scope
from i18ncheck.tree import Tree, load_context
from sitekit import project
from test_i18ncheck import prepare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "i18ncheck"
EXPECTED = (FIXTURES / "terminology" / "expected.txt").read_text(encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    return prepare("terminology", tmp_path)  # the fixture, its translations recorded as synced


@pytest.fixture
def runs(monkeypatch):
    """How many times the check itself ran."""
    count = [0]
    real = engine.run

    def counted(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "run", counted)
    return count


def check(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unchanged_tree_reuses_the_result_byte_for_byte(root, runs, capsys):
    first = check(root, capsys, "--cache")
    assert runs[0] == 1 and (root / ".cache" / "i18ncheck" / "result.json").is_file()
    assert first[1] == EXPECTED and first[0] == 1
    stored = (root / ".cache" / "i18ncheck" / "result.json").read_bytes()
    for fmt in ("text", "json", "github"):
        assert check(root, capsys, "--cache", "--format", fmt) == check(root, capsys, "--format", fmt)
    assert runs[0] == 1 + 3  # only the three runs without --cache ran the check
    assert (root / ".cache" / "i18ncheck" / "result.json").read_bytes() == stored


def _edit_docs(root: Path) -> None:
    page = root / "docs" / "page.ru.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nЕщё 7 абзацев.\n", encoding="utf-8")


def _edit_data(root: Path) -> None:
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


def _edit_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


def _add_file(root: Path) -> None:
    (root / "docs" / "notes.txt").write_text("x", encoding="utf-8")


def _rename(root: Path) -> None:
    (root / "docs" / "page.en.md").rename(root / "docs" / "other.en.md")


@pytest.mark.parametrize("change", [_edit_docs, _edit_data, _edit_config, _add_file, _rename])
def test_any_change_to_an_input_runs_the_check_again(root, runs, capsys, change):
    check(root, capsys, "--cache")
    change(root)
    cached = check(root, capsys, "--cache")
    assert runs[0] == 2
    assert cached == check(root, capsys)  # what a fresh run gives for the changed tree
    assert check(root, capsys, "--cache") == cached and runs[0] == 3  # and that result is kept in turn


def test_the_key_covers_docs_data_config_and_code(root):
    proj = project.load(root)
    before = cache.key(proj)
    assert cache.key(project.load(root)) == before
    assert cache.key(project.load(root / "docs" / "..")) == before  # the same folder, named otherwise
    for change in (_edit_docs, _edit_data, _edit_config):
        change(root)
        after = cache.key(project.load(root))
        assert after != before
        before = after


def test_selected_checks_are_never_cached(root, runs, capsys):
    check(root, capsys, "--cache")
    check(root, capsys, "--cache", "--disable", "numbers")
    assert runs[0] == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=200),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
                 lambda inner: st.one_of(st.lists(inner, max_size=3),
                                         st.dictionaries(st.sampled_from(["version", "key", "findings", "path",
                                                                          "line", "check", "message"]),
                                                         inner, max_size=4)),
                 max_leaves=10).map(lambda v: json.dumps(v).encode()),
))
def test_a_damaged_result_is_never_trusted(root, capsys, damage):
    """Whatever the cache file holds that is not a whole result for these inputs, the check runs anew and
    prints what a fresh run prints."""
    target = root / ".cache" / "i18ncheck" / "result.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(damage)
    got = check(root, capsys, "--cache")
    assert got[:2] == (1, EXPECTED) and "Traceback" not in got[2]
    assert got == check(root, capsys)  # what a run without the cache prints
    proj = project.load(root)
    assert cache.load(proj, cache.key(proj)) is not None  # and the damaged file was replaced


def test_a_result_for_the_same_key_with_a_wrong_finding_is_refused(root, capsys):
    proj = project.load(root)
    digest = cache.key(proj)
    check(root, capsys, "--cache")
    data = json.loads(cache.path(proj).read_text(encoding="utf-8"))
    for broken in ({**data["findings"][0], "line": "9"}, {**data["findings"][0], "extra": 1},
                   {k: v for k, v in data["findings"][0].items() if k != "check"}):
        cache.path(proj).write_text(json.dumps({**data, "findings": [broken]}), encoding="utf-8")
        assert cache.load(proj, digest) is None
    assert cache.load(proj, "other") is None


def test_an_unwritable_cache_folder_leaves_the_check_uncached(root, capsys):
    (root / ".cache").write_text("not a folder", encoding="utf-8")
    assert check(root, capsys, "--cache")[:2] == (1, EXPECTED)


def _env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1",
                I18N_HOOK=str(ROOT / "scripts" / "hook_i18n.py"), I18N_OVERRIDES=str(ROOT / "overrides"),
                I18N_SPY=os.devnull, SOURCE_DATE_EPOCH="1764028800")


@pytest.mark.slow
def test_the_build_uses_the_command_lines_result(tmp_path, monkeypatch):
    """make site: the command line's result is what the build's hook reports (here a finding planted in
    the cache for the same inputs shows up in the strict build), and the build's own result is what
    the command line then reads."""
    site = tmp_path / "build"
    shutil.copytree(FIXTURES / "build", site)
    env = _env()
    for name in ("I18N_HOOK", "I18N_OVERRIDES"):  # this process reads the configuration too (project.load)
        monkeypatch.setenv(name, env[name])

    def run(*args):
        return subprocess.run([sys.executable, "-m", *args], cwd=site, env=env, capture_output=True, text=True)

    assert run("i18ncheck", "--root", str(site), "sync", "--all").returncode == 0
    assert run("i18ncheck", "--root", str(site), "--cache").returncode == 0
    proj = project.load(site)
    stored = json.loads(cache.path(proj).read_text(encoding="utf-8"))
    planted = {"path": "docs/page.ru.md", "line": 3, "check": "numbers", "message": "planted in the cache",
               "other_path": None, "other_line": None, "waived": None, "acknowledged": False}
    stored["findings"].append(planted)
    cache.path(proj).write_text(json.dumps(stored), encoding="utf-8")
    build = run("mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    assert build.returncode == 1
    assert "WARNING -  docs/page.ru.md:3: planted in the cache [numbers]" in build.stderr
    # the other way round: a build on changed inputs leaves its result for the command line
    cache.path(proj).unlink()
    (site / "docs" / "page.en.md").write_text((site / "docs" / "page.en.md").read_text(encoding="utf-8") + "\n",
                                              encoding="utf-8")
    run("mkdocs", "build", "-d", str(tmp_path / "site"))
    result = json.loads(cache.path(proj).read_text(encoding="utf-8"))
    assert result["key"] == cache.key(project.load(site))
    assert [dataclasses.asdict(f) for f in cache.load(proj, result["key"])] == result["findings"]


TREE_WIDE = frozenset(c.id for c in by_scope("tree", engine.ALL))


def _whole(root: Path) -> dict:
    proj = project.load(root)
    return cache.by_path(engine.run(Tree(proj), load_context(proj)), TREE_WIDE)


EDITS = [
    ("docs/page.kk.md", "\nТағы 12 мемлекет цифрлық дипломатия туралы жазды.\n"),  # a source: its translations change
    ("docs/page.ru.md", "\nЕщё 7 абзацев.\n"),
    ("docs/page.en.md", "\n<!-- i18n-waive: numbers: a reason -->\nOne more paragraph, 9.\n"),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
def test_rechecking_the_edited_pages_gives_the_whole_checks_result(root, edits):
    """The preview's incremental check (cache.recheck): after edits of existing docs files, checking
    only their pages again gives exactly what the whole check gives for the edited tree."""
    previous = _whole(root)
    originals = {path: (root / path).read_bytes() for path, _ in EDITS}
    try:
        for path, text in edits:
            with (root / path).open("a", encoding="utf-8") as handle:
                handle.write(text)
        proj = project.load(root)
        changed = {path for path, _ in edits}
        assert cache.recheck(Tree(proj), load_context(proj), previous, changed, TREE_WIDE) == _whole(root)
    finally:
        for path, data in originals.items():
            (root / path).write_bytes(data)
