"""The brief scaffold (``make brief``, ``python -m sitekit.scaffold``): complete front matter in every
configured language, author input kept as typed and never run, validated arguments, no overwrite."""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from sitekit import messages, project, scaffold

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
# the languages a new brief (written in English here) gets a file in: every one not in progress, and its own
CODES = tuple(c for c in PROJECT.codes if c == "en" or c not in PROJECT.in_progress)
MESSAGES = messages.for_project(PROJECT)
VOCABULARY = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))


def make_tree(path: Path) -> Path:
    """A project with the real mkdocs.yml and tag vocabulary and no briefs."""
    shutil.copy(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    (path / "data").mkdir()
    shutil.copy(ROOT / "data" / "tags.yml", path / "data" / "tags.yml")
    shutil.copytree(ROOT / "data" / "locales", path / "data" / "locales")  # the Sources heading's words
    (path / "docs").mkdir()
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


def run(tree: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitekit.scaffold", "--root", str(tree), *args], capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", **(env or {})},
    )


def files(tree: Path) -> dict[str, str]:
    """Every file under docs/, by its path relative to the tree."""
    return {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((tree / "docs").rglob("*")) if p.is_file()}


def expected_file(lang: str, title: str, summary: str, body: str) -> str:
    return ("---\n"
            + yaml.safe_dump({"title": title, "description": summary, "source_lang": "en", "kind": "brief",
                              "date": dt.date(2026, 12, 1), "tags": ["practice", "social-media"],
                              "summary": summary}, allow_unicode=True, sort_keys=False, width=float("inf"))
            + f"---\n\n{body}\n\n## {MESSAGES.text(lang, 'brief.sources')} {{#sources}}\n")


GOOD = ["crisis-comms", "--source", "en", "--tags", "practice,social-media", "--date", "2026-12-01",
        "--title", "Crisis communication: the first hour", "--summary", "What an embassy posts first."]


def test_writes_every_language_with_complete_front_matter(tree):
    proc = run(tree, *GOOD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"docs/briefs/crisis-comms.{code}.md" for code in CODES]
    assert proc.stderr == ("scaffold: wrote brief 'crisis-comms'; write it in docs/briefs/crisis-comms.en.md, "
                           "then have it translated, `make check` and `make sync`\n")
    assert files(tree) == {
        f"docs/briefs/crisis-comms.{code}.md": expected_file(
            code, "Crisis communication: the first hour", "What an embassy posts first.",
            "What an embassy posts first.")
        for code in CODES}
    text = files(tree)[f"docs/briefs/crisis-comms.{CODES[0]}.md"]
    assert text.startswith('---\ntitle: "Crisis communication: the first hour"\n') or \
        text.startswith("---\ntitle: 'Crisis communication: the first hour'\n")
    assert "\r" not in text


def test_every_configured_language_gets_a_file(tree):
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    extra = "        - locale: xx\n          name: Test language\n          build: true\n"
    (tree / "mkdocs.yml").write_text(config.replace("    languages:\n", "    languages:\n" + extra, 1),
                                     encoding="utf-8")
    proc = run(tree, *GOOD)
    assert proc.returncode == 0, proc.stderr
    assert "docs/briefs/crisis-comms.xx.md" in proc.stdout.splitlines()
    # a language without its own sources heading yet gets the source language's
    assert files(tree)["docs/briefs/crisis-comms.xx.md"].endswith(
        f"\n\n## {MESSAGES.text('en', 'brief.sources')} {{#sources}}\n")


@pytest.mark.parametrize("name", ["crisis-comms.ru.md", "crisis-comms.de.md", "crisis-comms.md"])
def test_refuses_an_existing_brief_and_writes_nothing(tree, name):
    existing = tree / "docs" / "briefs" / name
    existing.parent.mkdir(parents=True)
    existing.write_text("a translator's work\n", encoding="utf-8")
    proc = run(tree, *GOOD)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == f"scaffold: docs/briefs/{name} already exists; nothing was written\n"
    assert files(tree) == {f"docs/briefs/{name}": "a translator's work\n"}


def test_a_dangling_symlink_or_a_folder_counts_as_existing(tree):
    folder = tree / "docs" / "briefs"
    folder.mkdir(parents=True)
    (folder / f"crisis-comms.{CODES[-1]}.md").symlink_to(tree / "nowhere")
    (folder / f"crisis-comms.{CODES[0]}.md").mkdir()
    proc = run(tree, *GOOD)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == sorted(
        f"scaffold: docs/briefs/crisis-comms.{code}.md already exists; nothing was written"
        for code in (CODES[0], CODES[-1]))
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"crisis-comms.{c}.md" for c in (CODES[0], CODES[-1]))


def test_a_file_that_cannot_be_written_leaves_nothing_behind(tree):
    folder = tree / "docs" / "briefs"
    folder.mkdir(parents=True)
    out = io.StringIO()
    request = scaffold.request_from(scaffold.parse_args(GOOD))
    real_open = Path.open

    def failing_open(self, mode="r", *args, **kwargs):
        if self.name == f"crisis-comms.{CODES[-1]}.md":
            raise OSError(28, "No space left on device", str(self))
        return real_open(self, mode, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "open", failing_open)
        with pytest.raises(OSError):
            scaffold.scaffold(request, tree, out=out)
    assert list(folder.iterdir()) == [] and out.getvalue() == ""


def test_a_file_where_the_briefs_folder_should_be_is_a_usage_error(tree):
    (tree / "docs" / "briefs").write_text("not a folder\n", encoding="utf-8")
    proc = run(tree, *GOOD)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "scaffold: briefs in the docs folder is not a folder (the briefs live in docs/briefs/)\n"
    assert (tree / "docs" / "briefs").read_text(encoding="utf-8") == "not a folder\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slug=st.one_of(st.text(max_size=30), st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
                      st.lists(st.sampled_from(["..", "/", "a", "-", " ", "A", ".", "\\", "\x00", "é", "index", "~"]),
                               max_size=6).map("".join)))
def test_any_slug_is_written_inside_the_briefs_folder_or_refused(slug):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        tree = make_tree(root)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = scaffold.main(["--root", str(tree), "--title", "T", "--summary", "S", "--tags", "practice",
                                    "--date", "2026-12-01", "--", slug])
        everything = sorted(p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*"))
        valid = re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 80 and slug != "index"
        if valid:
            assert status == 0
            assert [p for p in everything if p.startswith("project/docs/")] == [
                "project/docs/briefs", *sorted(f"project/docs/briefs/{slug}.{code}.md" for code in CODES)]
        else:
            assert status == 2
            assert err.getvalue().startswith("scaffold: SLUG ") and err.getvalue().count("\n") == 1
            assert "project/docs/briefs" not in everything
            assert [p for p in everything if not p.startswith("project/data/")] == [
                "project", "project/data", "project/docs", "project/mkdocs.yml"]


def test_reports_every_bad_argument_at_once(tree):
    proc = run(tree, "Bad_Slug", "--source", "de", "--tags", "nope,practice", "--date", "2026-13-01",
               "--title", " ", "--summary", "line one\nline two\x07 \u202eevil")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        "scaffold: SLUG 'Bad_Slug' is not a valid slug (expected lowercase ASCII letters and digits in words "
        "joined by single hyphens, e.g. 'embassy-crisis-comms'; it becomes the file name and URL)",
        f"scaffold: --source 'de' is not a configured language (expected one of {', '.join(PROJECT.codes)})",
        "scaffold: --date '2026-13-01' is not a date in the form YYYY-MM-DD",
        "scaffold: --title is empty",
        "scaffold: --summary contains line breaks or control characters (U+0007, U+000A, U+202E); write it on one line",
        f"scaffold: --tags: unknown tag(s) 'nope' (known: {', '.join(sorted(VOCABULARY))})",
    ]
    assert not (tree / "docs" / "briefs").exists()


@pytest.mark.parametrize(("slug", "message"), [
    ("../escape", "is not a valid slug"), ("/etc/passwd", "is not a valid slug"),
    ("two words", "is not a valid slug"), ("Crisis-Comms", "is not a valid slug"),
    ("crisis--comms", "is not a valid slug"), ("-crisis", "is not a valid slug"), ("кризис", "is not a valid slug"),
    ("crisis.ru", "is not a valid slug"), ("index", "is reserved"), ("a" * 81, "is 81 characters long"),
])
def test_bad_slugs_are_refused(tree, slug, message):
    proc = run(tree, *GOOD[1:], "--", slug)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tree / "docs" / "briefs").exists() and not (tree / "escape.en.md").exists()


@pytest.mark.parametrize("date", ["20261201", "2026-W48-2", "2026-12-1", "2026-02-30", "2026-12-01T10:00"])
def test_only_plain_dates_are_accepted(tree, date):
    proc = run(tree, *GOOD[:6], date, *GOOD[7:])
    assert proc.returncode == 2
    assert proc.stderr == f"scaffold: --date {date!r} is not a date in the form YYYY-MM-DD\n"


def test_missing_arguments_are_named(tree):
    proc = run(tree, "crisis-comms", "--title", "T")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["scaffold: --summary is missing",
                                        "scaffold: --tags is empty (give at least one id from data/tags.yml)"]


def test_a_broken_tag_vocabulary_is_a_configuration_error(tree):
    (tree / "data" / "tags.yml").write_text("practice: {en: Practice\nother: [\n", encoding="utf-8")
    proc = run(tree, *GOOD)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.fullmatch(r"scaffold: data/tags\.yml:\d+: not valid YAML \(.+\)\n", proc.stderr)


def test_undecodable_bytes_in_a_title_are_refused(tree):
    proc = subprocess.run([sys.executable, "-m", "sitekit.scaffold", *GOOD[:-4], "--title", b"caf\xe9",
                           "--summary", "s", "--root", str(tree)], capture_output=True,
                          env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    assert proc.returncode == 2
    assert proc.stderr.decode() == "scaffold: --title is not valid UTF-8 text\n"


# --- hostile titles and summaries: exact files, nothing run ----------------------------------------------

HOSTILE = ['"', "'", "$HOME", "${PATH}", "$(touch MARKER)", "`touch MARKER`", "; touch MARKER #", ": ", " #", "#",
           "- ", "---", "...", "? ", "&anchor", "*alias", "!!python/object:os.system", "{a: b}", "[1, 2]", "|", ">",
           "%", "@", "yes", "null", "~", "0x1F", "1.", "1e3", "\\", "\\n", "<script>alert(1)</script>", "&amp;",
           "**bold**", "_x_", "[link](javascript:alert(1))", "{: onclick=x}", "(c)", "+/-", "-->", "«Қазақ»",
           "Ғылыми мақала", "الدبلوماسية الرقمية", "\u200f", "中文", "😀", " ", "2026-01-01"]
hostile_text = st.lists(st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=6),
), min_size=1, max_size=6).map("".join).filter(lambda s: s.strip())

EXTENSIONS = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]


def rendered_text(body: str) -> str:
    """The text a reader sees of a Markdown paragraph rendered with the site's extensions."""
    names = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]
    configs = {next(iter(e)): next(iter(e.values())) for e in EXTENSIONS if isinstance(e, dict)}
    out = markdown.markdown(body, extensions=names, extension_configs=configs)
    assert out.startswith("<p>") and out.endswith("</p>") and "<" not in out[3:-4], out
    return html.unescape(out[3:-4])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile_text, summary=hostile_text)
def test_hostile_titles_and_summaries_arrive_exactly_as_typed(title, summary):
    with tempfile.TemporaryDirectory() as tmp:
        tree = make_tree(Path(tmp))
        request = scaffold.Request("crisis-comms", title, summary, "practice,social-media", "en", "2026-12-01")
        out = io.StringIO()
        scaffold.scaffold(request, tree, out=out)
        assert out.getvalue().splitlines() == [f"docs/briefs/crisis-comms.{code}.md" for code in CODES]
        written = files(tree)
        assert sorted(written) == sorted(f"docs/briefs/crisis-comms.{code}.md" for code in CODES)
        for path, text in written.items():
            body, meta = get_data(text)  # as MkDocs reads it
            assert meta == {"title": title.strip(), "description": summary.strip(), "source_lang": "en",
                            "kind": "brief", "date": dt.date(2026, 12, 1), "tags": ["practice", "social-media"],
                            "summary": summary.strip()}
            heading = f"\n\n## {scaffold.sources_heading(PROJECT, path.split('.')[-2])} {{#sources}}\n"
            assert body.endswith(heading)
            lead = body[:-len(heading)]
            assert lead and "\n" not in lead
            if "/" not in summary:  # smartsymbols turns 1/2 into ½ and c/o into ℅, as everywhere on the site
                assert rendered_text(lead) == summary.strip()
        assert not list(Path(tmp).rglob("MARKER"))


# --- through make: the values reach the scaffold as data ----------------------------------------------------

def make_project(path: Path) -> Path:
    """A tree ``make brief`` can run in: the real Makefile and scripts, the worktree's environment."""
    make_tree(path)
    shutil.copy(ROOT / "Makefile", path / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", path / "requirements.txt")  # keeps the stamp newer
    for package in ("sitekit", "i18ncheck"):  # the site's library reads front matter with the check's reader
        shutil.copytree(ROOT / "scripts" / package, path / "scripts" / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (path / ".venv").symlink_to(Path(sys.executable).resolve().parents[1] if not (ROOT / ".venv").exists()
                                else ROOT / ".venv")
    return path


def make_brief(path: Path, **values: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEF_") and k not in values}
    return subprocess.run(["make", "--no-print-directory", "-s", "brief", *(f"{k}={v}" for k, v in values.items())],
                          cwd=path, capture_output=True, text=True, env=env)


needs_make = pytest.mark.skipif(shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(),
                                reason="make brief needs make and the project's .venv")


@needs_make
def test_make_brief_writes_what_was_typed(tmp_path):
    tree = make_project(tmp_path)
    title = "Q&A: \"$(touch MARKER)\" `touch MARKER` $HOME ${X} ; # «Қазақ» الدبلوماسية 'quoted'"
    proc = make_brief(tree, SLUG="crisis-comms", TITLE=title, SUMMARY="$$ $(shell touch MARKER) #x",
                      TAGS="practice,social-media", SOURCE="en", DATE="2026-12-01")
    assert proc.returncode == 0, proc.stderr
    meta = get_data(files(tree)["docs/briefs/crisis-comms.en.md"])[1]
    assert (meta["title"], meta["summary"]) == (title, "$$ $(shell touch MARKER) #x")
    assert not list(tmp_path.rglob("MARKER"))


@needs_make
@pytest.mark.parametrize(("values", "stderr"), [
    ({"SLUG": "../x", "TITLE": "t", "SUMMARY": "s", "TAGS": "practice"},
     "scaffold: SLUG '../x' is not a valid slug (expected lowercase ASCII letters and digits in words joined by "
     "single hyphens, e.g. 'embassy-crisis-comms'; it becomes the file name and URL)\n"),
    ({"SLUG": "x"}, "scaffold: TITLE is empty\nscaffold: SUMMARY is empty\n"
                    "scaffold: TAGS is empty (give at least one id from data/tags.yml)\n"),
    ({"SLUG": "x", "TITLE": "t", "SUMMARY": "s", "TAGS": "practice", "DATE": "$(shell touch MARKER)"},
     "scaffold: DATE '$(shell touch MARKER)' is not a date in the form YYYY-MM-DD\n"),
])
def test_make_brief_names_the_make_variables(tmp_path, values, stderr):
    tree = make_project(tmp_path)
    proc = make_brief(tree, **values)
    assert proc.returncode == 2  # make's own status for a failed recipe
    assert proc.stderr.startswith(stderr) and "Traceback" not in proc.stderr
    assert not (tree / "docs" / "briefs").exists() and not list(tmp_path.rglob("MARKER"))


@needs_make
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile_text, summary=hostile_text)
@example(title='"', summary=" #")  # make drops the leading space of `SUMMARY= #`; the scaffold drops both
def test_make_brief_never_runs_author_input(title, summary):
    with tempfile.TemporaryDirectory() as tmp:
        tree = make_project(Path(tmp))
        proc = make_brief(tree, SLUG="crisis-comms", TITLE=title, SUMMARY=summary, TAGS="practice",
                          SOURCE="en", DATE="2026-12-01")
        assert proc.returncode == 0, proc.stderr
        meta = get_data(files(tree)["docs/briefs/crisis-comms.en.md"])[1]
        assert (meta["title"], meta["summary"]) == (title.strip(), summary.strip())
        assert not list(Path(tmp).rglob("MARKER"))
