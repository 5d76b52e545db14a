"""Hostile and careless input (issue 10): whatever an author can put into docs/ and data/, the check,
`status`, `sync` and `prune` answer with messages and an exit status in {0, 1, 2}, never a traceback, a
hang or a lost file; and the check passes only when the strict build of the same tree succeeds too.

The property test starts from a copy of the real site and adds hostile files drawn by hypothesis: random
bytes, other encodings, front matter of every shape (alias bombs, Python tags, dates with a time or
impossible ones, lists and numbers where text belongs, control characters), odd file names, symbolic
links, FIFOs and folders named like pages. The file-name class has its own complete expected output here
(a symbolic link or a FIFO cannot be a committed fixture).
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18ncheck import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "i18ncheck"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    """``python -m i18ncheck`` in this process: (exit status, stdout, stderr); an exception escaping it
    fails the test with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(["--root", str(root), "--jobs", "1", *args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- file names (complete expected output)


def test_irregular_files_are_findings_and_never_read(tmp_path):
    root = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", root)
    docs = root / "docs"
    (tmp_path / "secret.txt").write_text("outside docs/", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", docs / "leak.kk.md")
    os.symlink(docs / "missing.md", docs / "dangling.kk.md")
    os.symlink(docs, docs / "loop")
    os.mkfifo(docs / "pipe.kk.md")
    (docs / "briefs" / "folder.kk.md").mkdir()
    (docs / "briefs" / "folder.kk.md" / "inside.png").write_bytes(b"\x89PNG")
    (docs / "hash#name.kk.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (docs / "notes.markdown").write_text("# notes\n", encoding="utf-8")
    with open(os.fsencode(docs) + b"/bad\xffname.kk.md", "wb") as fh:
        fh.write(b"---\ntitle: x\n---\n")
    code, out, err = run(root)
    assert code == 1
    assert [line for line in out.splitlines() if "[file-names]" in line] == [
        "docs/bad\\xffname.kk.md:1: bad\\xffname.kk.md has a name that is not utf-8 text: rename it [file-names]",
        "docs/briefs/folder.kk.md:1: folder.kk.md is a folder named like a page: rename it (a page is a file) [file-names]",
        "docs/dangling.kk.md:1: dangling.kk.md is a symbolic link: MkDocs would publish whatever it points to; put "
        "the file itself in docs/ [file-names]",
        "docs/hash#name.kk.md:1: hash#name.kk.md has a name with a control character, backslash, #, ?, % or leading "
        "or trailing space, which no link can carry: rename it [file-names]",
        "docs/leak.kk.md:1: leak.kk.md is a symbolic link: MkDocs would publish whatever it points to; put the file "
        "itself in docs/ [file-names]",
        "docs/loop:1: loop is a symbolic link to a folder: MkDocs would publish whatever it points to; copy the files "
        "into docs/ instead [file-names]",
        "docs/notes.markdown:1: notes.markdown is Markdown that the translation check does not read: name it "
        "notes.md [file-names]",
        "docs/pipe.kk.md:1: pipe.kk.md is not a regular file (a FIFO, socket or device): remove it [file-names]",
    ]
    assert all("[stale-translation]" in line for line in out.splitlines() if "[file-names]" not in line)
    assert "Traceback" not in err


def test_broken_pipe_ends_quietly(tmp_path):
    """`python -m i18ncheck status | head -1`: no traceback when the reader goes away."""
    root = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", root)
    for n in range(300):
        (root / "docs" / f"p{n:03}.kk.md").write_text("---\ntitle: T\ndescription: D.\nsource_lang: kk\n---\n\nA.\n",
                                                      encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(f"{sys.executable} -m i18ncheck --root {root} status | head -1", shell=True,
                          env=env, capture_output=True, text=True)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


# ---------------------------------------------------------------- property: hostile trees


def _bomb(depth: int = 9) -> str:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, depth)]
    return "\n".join(rows)


FRONT = st.one_of(
    st.just("title: T\ndescription: D.\nsource_lang: kk"),
    st.just("title: T\ndescription: D.\nsource_lang: kk\nkind: brief\ndate: 2026-11-25 10:00\ntags: [qatar]\nsummary: S."),
    st.just("title: T\ndescription: D.\nsource_lang: kk\nkind: brief\ndate: 2026-02-30\ntags: [qatar]\nsummary: S."),
    st.just("title: T\ndescription: D.\nsource_lang: kk\nkind: article\npublished: 2026-11-25\nkeywords: ['', x]\n"
            "author_position: P\nabstract: A."),
    st.just("title: !!python/object/apply:os.system ['touch /tmp/i18ncheck-owned']\ndescription: D.\nsource_lang: kk"),
    st.just(_bomb()),
    st.just("title: [1, 2]\ndescription: {a: b}\nsource_lang: [kk]\ntags: qatar\npending: {en: 1}"),
    st.just("- a\n- b"),
    st.just("? [a, b]\n: c"),
    st.just("1: x\ntitle: T"),
    st.just("title: \"a\\u0000b\\nc\"\ndescription: \"\\u202e\"\nsource_lang: kk\nkind: brief\ndate: 2026-11-25\n"
            "tags: [no-such-tag, 3]\nsummary: \"x\\ty\""),
    st.just("title: &t T\ndescription: *t\nsource_lang: kk\n<<: {kind: brief}"),
    st.text(max_size=80),
)
BODY = st.one_of(
    st.just("## Heading {#h}\n\nText 2013 [1].\n"),
    st.just("<img/onerror=alert(1) src=x>\n\n[a](&#106;avascript:alert(1))\n"),
    st.just("<span hidden>x</span> <!-- note -->\n\n```\nunclosed fence\n"),
    st.just("- a\n    - b\n        - c\n" * 30),
    st.just("[" * 500 + "]" * 500 + "\n\n" + "> " * 200 + "x\n"),
    st.text(max_size=200),
)


@st.composite
def hostile_file(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from([
        "index.kk.md", "index.ru.md", "article.en.md", "briefs/x.kk.md", "briefs/x.ru.md", "briefs/x.en.md",
        "briefs/reading-2013-figures.ru.md", "new.xx.md", "plain.md", "sp ace.kk.md", "Ünï.kk.md", "briefs/index.en.md",
    ]))
    how = draw(st.sampled_from(["markdown", "markdown", "bytes", "encoding"]))
    if how == "bytes":
        return name, draw(st.binary(max_size=300))
    text = f"---\n{draw(FRONT)}\n---\n\n{draw(BODY)}"
    if how == "encoding":
        return name, text.encode(draw(st.sampled_from(["utf-16", "cp1251", "utf-8-sig"])), "replace")
    return name, text.encode("utf-8", "surrogatepass")


DATA = st.sampled_from([
    None,
    ("tags.yml", "qatar: {kk: Қатар}\nbroken: x\n"),
    ("tags.yml", _bomb()),
    ("tags.yml", "- just a list\n"),
    ("glossary.yml", "terms:\n  - id: x\n    kk: {term: a}\n"),
    ("glossary.yml", "terms: !!python/object/apply:os.system ['true']\n"),
    ("translation-sync.json", '{"version": 1, "translations": {"article.ru.md": "x"}}'),
    ("translation-sync.json", "[1, 2"),
    ("tags.yml", "qatar: {kk: Қатар, ru: Катар, en: Qatar, ar: قطر}\nqatar: {kk: a, ru: b, en: c, ar: d}\n"),
    ("kinds.yml", "kinds: [article, brief]\n"),
    ("search/ru.yml", "lunr: ru\nstemmer: snowball\n"),
    ("search/synonyms.yml", "groups: {a: b}\n"),
    ("galley.yml", "- the fonts as a list\n"),
])


@pytest.fixture(scope="module")
def base_site(tmp_path_factory) -> Path:
    """A copy of the real site (pages, data, overrides, configuration) whose scripts are the repository's."""
    root = tmp_path_factory.mktemp("hostile") / "site"
    root.mkdir()
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    os.symlink(ROOT / "scripts", root / "scripts")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1",
               SOURCE_DATE_EPOCH="1764028800", SITE_URL="http://127.0.0.1:8000/")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root.parent / "out")], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(files=st.lists(hostile_file(), min_size=1, max_size=3), data=DATA,
       extra=st.sampled_from([None, "symlink", "folder", "fifo"]))
def test_hostile_trees(base_site, tmp_path, files, data, extra):
    root = tmp_path / "site"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(base_site, root, symlinks=True)
    for name, content in files:
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if data:
        (root / "data" / data[0]).write_text(data[1], encoding="utf-8")
    if extra == "symlink":
        os.symlink("/etc/hostname", root / "docs" / "briefs" / "leak.kk.md")
    elif extra == "folder":
        (root / "docs" / "briefs" / "dir.ru.md").mkdir()
        (root / "docs" / "briefs" / "dir.ru.md" / "x.md").write_text("x", encoding="utf-8")
    elif extra == "fifo":
        os.mkfifo(root / "docs" / "pipe.en.md")
    pages_before = {p: p.read_bytes() for p in (root / "docs").rglob("*.md") if p.is_file() and not p.is_symlink()}

    code, out, err = run(root)
    assert code in (0, 1, 2), err
    assert "Traceback" not in out + err
    built = build(root)
    assert "Traceback" not in built.stdout + built.stderr, built.stderr[-3000:]
    if code == 0:
        assert built.returncode == 0, (out, built.stderr[-3000:])
    for args in (["status"], ["status", "--format", "json"], ["sync", "--new"], ["sync", "docs/index.ru.md"], ["prune"]):
        code, out, err = run(root, *args)
        assert code in (0, 1, 2), (args, err)
        assert "Traceback" not in out + err
    assert {p: p.read_bytes() for p in pages_before} == pages_before  # no page changed, none lost
    assert not Path("/tmp/i18ncheck-owned").exists()


# Every data file the check or the build reads, and what an author or a careless merge can leave in it.
DATA_FILES = ["kinds.yml", "tags.yml", "glossary.yml", "translation-sync.json", "galley.yml", "search/ru.yml",
              "search/settings.yml", "search/synonyms.yml", "locales/ru.po", "fonts.yml"]
DATA_TEXT = st.one_of(
    st.sampled_from([
        "", "- a\n- b\n", "kinds: {brief: {requires: date}}\n", "kinds: {brief: {metadata: nonsense}}\n",
        "a: 1\na: 2\n", "terms: [{id: x, id: y}]\n", "x: !!python/object/apply:os.system ['true']\n", _bomb(),
        "lunr: {lang: [ru]}\nstemmer: [1]\nfold: {ёё: 1}\n", "groups: [[a, 1], {b: c}]\n",
        "scripts: {Cyrl: serif}\nfamilies: {serif: {name: 'a;b'}}\n", 'msgid "x"\nmsgstr "{a.__class__}"\n',
        "{\"translations\": {\"../../x\": {\"source\": 1, \"blocks\": {}}}}", "[" * 3000 + "]" * 3000,
        "n: " + "9" * 5000 + "\n",
        "faces: [{family: R, package: '@a/b', subsets: [latin], scripts: [Cyrl, Latn], features: ['*']}]\n",
        "faces: [{family: [R], package: ../.., subsets: [../x], scripts: {a: 1}, features: 7, more: 1}]\n",
        "faces:\n  - family: R\n    family: S\n", "faces: [[1], null, '']\n",
    ]),
    st.text(max_size=120),
)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(DATA_FILES), text=DATA_TEXT, encoding=st.sampled_from(["utf-8", "utf-8", "utf-16"]))
def test_hostile_data_files_get_a_message_never_a_traceback(tmp_path, name, text, encoding):
    """Any content in any data file: the check, status and sync end with exit 0, 1 or 2 and a message,
    never a traceback or an internal error, and nothing runs."""
    root = tmp_path / "site"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / "clean", root)
    shutil.copy(ROOT / "data" / "kinds.yml", root / "data" / "kinds.yml")
    path = root / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding, "surrogatepass"))
    for args in ([], ["status"], ["sync", "--new"], ["prune"]):
        code, out, err = run(root, *args)
        assert code in (0, 1, 2), (args, err)
        assert "Traceback" not in out + err and "internal error" not in err, (args, err)
        assert code == 0 or err.strip() or out.strip(), args  # a failure always says why
