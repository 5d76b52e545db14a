"""The translation check (scripts/i18ncheck) on fixture trees, and its command line.

Each folder under tests/i18ncheck/ (but build/) is the smallest tree that triggers one check or one kind
of bad input: a mkdocs.yml with the three languages, docs/ and data/. Its expected.txt is the complete
output of `python -m i18ncheck`, so any change in wording or in what is found shows in review. Before
checking, the harness records every translation whose structure matches its source (as an author does
after reading it: `make sync`); the others stay "never synced".
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18ncheck import cli, sync
from i18ncheck.registry import CHECKS
from i18ncheck.tree import Tree, load_context
from sitekit import project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "i18ncheck"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").exists())
# Checks whose findings need a history (a sync record older than the source): test_i18ncheck_sync.py.
HISTORY_CHECKS = {"stale-translation", "stale-marker"}
# Checks whose fixtures cannot be committed (symbolic links, FIFOs): test_i18ncheck_hostile.py builds them.
BUILT_CHECKS = {"file-names"}


def prepare(case: str, tmp_path: Path) -> Path:
    """A copy of the fixture, with every translation whose structure matches recorded as synced."""
    root = tmp_path / case
    shutil.copytree(FIXTURES / case, root)
    proj = project.load(root)
    tree = Tree(proj)
    context = load_context(proj)
    for uri in sync.translations(tree):
        try:
            sync.sync(tree, context, [uri])
        except sync.SyncRefused:
            pass
    return root


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return code, out, err


def fails(line: str) -> bool:
    return not line.endswith(")") or not ("(waived: " in line or "(acknowledged: " in line)


@pytest.mark.parametrize("case", CASES)
def test_fixture_findings(case, tmp_path, capsys):
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    code, out, err = run(prepare(case, tmp_path), capsys=capsys)
    assert out == expected
    assert code == (1 if any(fails(line) for line in expected.splitlines()) else 0)
    assert err.startswith("i18ncheck: ") and err.count("\n") == 1


def test_clean_tree_has_no_findings(tmp_path, capsys):
    code, out, err = run(prepare("clean", tmp_path), capsys=capsys)
    assert (code, out, err) == (0, "", "i18ncheck: no findings in 8 files\n")


def test_every_check_has_a_fixture():
    found = set()
    for case in CASES:
        for line in (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
            found.add(re.search(r" \[([a-z-]+)\](?: \((?:waived|acknowledged): .*\))?$", line).group(1))
    assert set(CHECKS) - found - HISTORY_CHECKS - BUILT_CHECKS == set()


def test_fixtures_never_change(tmp_path, capsys):
    """Checking and recording read the pages and write only data/translation-sync.json."""
    root = tmp_path / "numbers"
    shutil.copytree(FIXTURES / "numbers", root)
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*")}
    proj = project.load(root)
    sync.sync(Tree(proj), load_context(proj), ["page.en.md"])
    run(root, capsys=capsys)
    assert {p: p.read_bytes() for p in (root / "docs").rglob("*")} == before


# ---------------------------------------------------------------- command line


def test_exit_status_and_summary(tmp_path, capsys):
    code, out, err = run(prepare("numbers", tmp_path), capsys=capsys)
    assert code == 1
    assert err == "i18ncheck: 4 findings (1 waived) in 3 files\n"
    assert out.splitlines() == sorted(out.splitlines(), key=lambda l: (l.split(":")[0], int(l.split(":")[1])))


def test_waived_findings_alone_pass(tmp_path, capsys):
    root = prepare("numbers", tmp_path)
    code, out, err = run(root, "--disable", "numbers", capsys=capsys)
    assert (code, out) == (0, "")
    code, out, err = run(root, "--disable", "all", "--enable", "numbers", capsys=capsys)
    assert code == 1 and len(out.splitlines()) == 4


def test_json_format(tmp_path, capsys):
    code, out, err = run(prepare("numbers", tmp_path), "--format", "json", capsys=capsys)
    findings = json.loads(out)
    assert code == 1
    assert findings[0] == {
        "path": "docs/page.en.md", "line": 9, "check": "numbers",
        "message": "numbers differ from source docs/page.kk.md:9 (found none; expected 230 млн)",
        "waived": False, "reason": None, "acknowledged": False,
        "other_path": "docs/page.kk.md", "other_line": 9,
    }
    waived = [f for f in findings if f["waived"]]
    assert [(f["path"], f["line"], f["reason"]) for f in waived] == [
        ("docs/page.ru.md", 12, "по-русски «каждый шестой» пишут словами")]


def test_github_format(tmp_path, capsys):
    code, out, err = run(prepare("numbers", tmp_path), "--format", "github", capsys=capsys)
    lines = out.splitlines()
    assert lines[0] == ("::error file=docs/page.en.md,line=9,title=i18ncheck numbers::numbers differ from source "
                        "docs/page.kk.md:9 (found none; expected 230 млн)")
    assert lines[3] == ("::notice file=docs/page.ru.md,line=12,title=i18ncheck numbers::numbers differ from source "
                        "docs/page.kk.md:11 (found none; expected 6) (waived: по-русски «каждый шестой» пишут словами)")
    assert code == 1


def test_list_names_every_check(capsys):
    assert cli.main(["--list"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(CHECKS)
    assert "numbers  " in out and "(waivable)" in out


@pytest.mark.parametrize("args, message", [
    (["--disable", "no-such-check"], "unknown check id no-such-check"),
    (["sync"], "name the translations to record"),
    (["sync", "--all", "docs/page.ru.md"], "either files or --new"),
    (["sync", "/elsewhere/page.ru.md"], "sync: /elsewhere/page.ru.md does not exist"),
    (["sync", "mkdocs.yml"], "sync: mkdocs.yml is not in"),
    (["sync", "docs/assets/pic.png"], "sync: docs/assets/pic.png is not a Markdown file in docs/"),
    (["--format", "xml"], "invalid choice"),
])
def test_usage_errors_exit_2(args, message, tmp_path, capsys):
    root = prepare("clean", tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(["--root", str(root), *args])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("damage, message", [
    (lambda root: (root / "mkdocs.yml").unlink(), "i18ncheck: mkdocs.yml: cannot read"),
    (lambda root: (root / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8"),
     "i18ncheck: mkdocs.yml:2: not valid YAML (did not find expected node content)"),
    (lambda root: (root / "data" / "glossary.yml").write_text("terms: [\n", encoding="utf-8"),
     "i18ncheck: data/glossary.yml:2: not valid YAML"),
    (lambda root: (root / "data" / "glossary.yml").write_text("terms: {x: 1}\n", encoding="utf-8"),
     "i18ncheck: data/glossary.yml: expected a mapping with a 'terms' list"),
    (lambda root: (root / "data" / "tags.yml").write_text("a: [\n", encoding="utf-8"), "i18ncheck: data/tags.yml:2: not valid YAML"),
    (lambda root: (root / "data" / "tags.yml").write_text("- a\n", encoding="utf-8"), "i18ncheck: data/tags.yml: expected a mapping"),
    (lambda root: (root / "data" / "tags.yml").write_text("qatar: {kk: Қатар, ru: Катар, en: Qatar}\nqatar: {kk: a, ru: b, en: c}\n",
                                                         encoding="utf-8"),
     "i18ncheck: data/tags.yml:2: not valid YAML (key 'qatar' is given twice in one mapping; keep one)"),
    (lambda root: (root / "data" / "translation-sync.json").write_text("{", encoding="utf-8"),
     "i18ncheck: data/translation-sync.json: cannot be read"),
    (lambda root: (root / "data" / "translation-sync.json").write_text("[]", encoding="utf-8"),
     "i18ncheck: data/translation-sync.json: expected"),
    (lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "{locale: en, name: English, build: true}", "{locale: ru, name: English, build: true}"), encoding="utf-8"),
     "i18ncheck: mkdocs.yml: i18n locale ru is listed twice"),
    (lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "{locale: en, name: English, build: true}", "{locale: en, build: true}"), encoding="utf-8"),
     "i18ncheck: mkdocs.yml: i18n language en needs a name, the language's own name as text"),
    (lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "{locale: en, name: English, build: true}", "{locale: en, name: 42, build: true}"), encoding="utf-8"),
     "i18ncheck: mkdocs.yml: i18n language en needs a name, the language's own name as text"),
    # Material has no interface strings for the language: the build would stop on a template traceback
    (lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                                   + "theme: {name: material, language: xx}\n", encoding="utf-8"),
     "i18ncheck: mkdocs.yml: theme.language 'xx' has no interface strings in Material"),
    (lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                                   + "theme: {name: material, language: en}\n", encoding="utf-8"),
     "i18ncheck: mkdocs.yml: i18n locale 'kk' has no interface strings in Material: add partials/languages/kk.html"),
    (lambda root: (root / "mkdocs.yml").write_text("- a list\n", encoding="utf-8"),
     "i18ncheck: mkdocs.yml: expected a mapping of settings"),
    (lambda root: (root / "mkdocs.yml").write_text("plugins: [{i18n: {languages: {kk: 1}}}]\n", encoding="utf-8"),
     "i18ncheck: mkdocs.yml: plugins.i18n.languages is not a list"),
    # a data file that never ends (a link to a device, a FIFO) would hang the reader: named, never read
    (lambda root: ((root / "data" / "glossary.yml").unlink(), (root / "data" / "glossary.yml").symlink_to("/dev/zero")),
     "i18ncheck: data/glossary.yml: is not a regular file (a device, FIFO or socket, or a link to one)"),
    (lambda root: ((root / "data" / "locales").mkdir(), os.mkfifo(root / "data" / "locales" / "ru.po")),
     "i18ncheck: data/locales/ru.po: is not a regular file (a device, FIFO or socket, or a link to one)"),
    (lambda root: ((root / "mkdocs.yml").unlink(), (root / "mkdocs.yml").symlink_to("/dev/zero")),
     "i18ncheck: mkdocs.yml: is not a regular file (a device, FIFO or socket, or a link to one)"),
    # the project's own content model: read when the check runs, never when the module is imported
    (lambda root: (root / "data" / "kinds.yml").write_text("", encoding="utf-8"),
     "i18ncheck: data/kinds.yml: expected a mapping 'kinds:' of kind names"),
    (lambda root: (root / "data" / "kinds.yml").write_text("kinds: {brief: {requires: date}}\n", encoding="utf-8"),
     "i18ncheck: data/kinds.yml: 'requires' of kind 'brief' is not a list of keys"),
])
def test_configuration_errors_exit_2(damage, message, tmp_path, capsys):
    root = prepare("clean", tmp_path)
    damage(root)
    code, out, err = run(root, capsys=capsys)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
    assert "Traceback" not in err


def test_mkdocs_yml_is_read_without_calling_python(tmp_path, capsys):
    """A !!python tag that would make MkDocs run a command is a configuration error at its line, and reading
    it ran nothing; the slug function the site's own mkdocs.yml names is allowed."""
    root = prepare("clean", tmp_path)
    marker = tmp_path / "owned"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + f"extra: !!python/object/apply:os.system ['touch {marker}']\n",
                                     encoding="utf-8")
    code, out, err = run(root, capsys=capsys)
    assert (code, out) == (2, "") and not marker.exists()
    assert err == ("i18ncheck: mkdocs.yml:11: !!python/object/apply:os.system makes MkDocs run Python code named in "
                   "the configuration; only the slug functions and formatters of Markdown extensions may be named "
                   "(e.g. !!python/name:pymdownx.superfences.fence_code_format)\n")
    (root / "mkdocs.yml").write_text(text + "markdown_extensions:\n  - toc:\n      slugify: "
                                     "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
                                     "  - pymdownx.superfences:\n      custom_fences:\n        - format: "
                                     "!!python/name:pymdownx.superfences.fence_code_format\n", encoding="utf-8")
    assert run(root, capsys=capsys)[0] == 0


def test_module_entry_point(tmp_path):
    """`python -m i18ncheck` as make runs it: findings on stdout, summary on stderr, exit status."""
    root = prepare("inline-code", tmp_path)
    proc = subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(root)], capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert proc.stdout == (FIXTURES / "inline-code" / "expected.txt").read_text(encoding="utf-8")
    assert proc.stderr == "i18ncheck: 1 finding in 3 files\n"


def test_status_command(tmp_path, capsys):
    root = prepare("clean", tmp_path)
    assert cli.main(["--root", str(root), "status"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/article.md  kk: source  ru: translated  en: translated",
        "docs/briefs/later.md  kk: source  ru: translated  en: pending",
        "docs/briefs/note.md  kk: translated  ru: translated  en: source",
    ]
    assert cli.main(["--root", str(root), "status", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[1] == {"page": "docs/briefs/later.md", "source_lang": "kk", "languages": {
        "kk": {"state": "source", "stale_lines": [], "never_synced": False},
        "ru": {"state": "translated", "stale_lines": [], "never_synced": False},
        "en": {"state": "pending", "stale_lines": [], "never_synced": False}}}


@pytest.mark.parametrize("damage", [b"\xff\xfe", "Language: ru\n".encode("utf-16")])
def test_status_does_not_depend_on_the_catalogs(damage, tmp_path, capsys):
    """status speaks the command line's words: an unreadable catalog (the check's finding) changes nothing."""
    root = prepare("clean", tmp_path)
    (root / "data" / "locales").mkdir(parents=True, exist_ok=True)
    (root / "data" / "locales" / "ru.po").write_bytes(damage)
    assert cli.main(["--root", str(root), "status"]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines()[0], err) == ("docs/article.md  kk: source  ru: translated  en: translated", "")
    assert cli.main(["--root", str(root)]) == 1
    assert "data/locales/ru.po:1: not a readable gettext catalog" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(not any((ROOT / "docs").glob("*.kk.md")), reason="docs/ has no pages yet")
def test_real_docs_pass():
    """The site's own docs/ passes the check (make site runs it before building)."""
    proc = subprocess.run([sys.executable, "-m", "i18ncheck"], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_a_large_tree_is_checked_in_processes_as_in_one(tmp_path):
    """The benchmark's corpus (the site's own paragraphs rotated into 150 pages per language, every language
    of mkdocs.yml) passes; a tree that large is checked in two processes with the same result as in one,
    and a number changed in a source is found alike: its translations stale, the number missing there."""
    from benchkit import corpus

    target = corpus.generate(tmp_path / "corpus", 150)
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}

    def check(jobs: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(target), "--jobs", jobs],
                              env=env, capture_output=True, text=True)

    one, two = check("1"), check("2")
    assert one.returncode == 0 and not [line for line in one.stdout.splitlines() if fails(line)]
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    briefs = sorted((target / "docs" / "briefs").glob("brief-*.md"))
    source = next(p for p in briefs
                  if re.search(rf'^source_lang: "?{p.name.split(".")[-2]}"?$', p.read_text(encoding="utf-8"), re.M))
    head, body = source.read_text(encoding="utf-8").split("\n---\n", 1)
    number = re.search(r"(?<![\d.,])\d{2,}(?![\d.,])", body)
    assert number, f"no number in {source.name}"
    source.write_text(head + "\n---\n" + body[:number.start()] + str(int(number.group()) + 7) + body[number.end():],
                      encoding="utf-8")
    one, two = check("1"), check("2")
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout) and one.returncode == 1
    stem = source.name.rsplit(".", 2)[0]
    failing = [line for line in one.stdout.splitlines() if fails(line)]
    translations = {p.name for p in briefs if p.name.startswith(stem + ".") and p != source}
    assert {line.split(":", 1)[0].rsplit("/", 1)[1] for line in failing if line.endswith("[stale-translation]")} == translations
    assert {line.split(":", 1)[0].rsplit("/", 1)[1] for line in failing if line.endswith("[numbers]")} == translations


# --- short untranslated copies: headings, admonition titles, table headers -----------------------------------

SHORT_COMMON = ["figures", "method", "sources", "results", "accounts", "year", "what happened", "further reading"]
SHORT_NAMES = ["Facebook", "Twitter", "YouTube", "Instagram", "Telegram", "WhatsApp"]


def _short_block(kind: str, text: str, number: int) -> str:
    if kind == "heading":
        return f"## {text} {{#b{number}}}\n"
    if kind == "admonition":
        return f'!!! note "{text}"\n\n    {number}\n'
    return f"| {text} |\n| --- |\n| {number} |\n"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.sampled_from(SHORT_COMMON), name=st.sampled_from(SHORT_NAMES),
       kind=st.sampled_from(["heading", "admonition", "table"]))
def test_a_short_copy_of_common_words_is_untranslated_and_a_name_is_not(word, name, kind, tmp_path, capsys):
    """A heading, admonition title or table header left in the source's words is a finding however short;
    a name kept as written ("Facebook", never written in lower case by the source) is not."""
    root = tmp_path / f"short-{kind}-{word.replace(' ', '-')}-{name}"
    shutil.copytree(FIXTURES / "clean", root)
    for path in (root / "docs").rglob("*.md"):
        path.unlink()
    common = word[0].upper() + word[1:]
    body = {"en": f"On {word} and on {name}: the page counts them.",
            "ru": f"О предмете и о {name}: страница их считает."}
    for lang, copy in (("en", common), ("ru", common)):
        (root / "docs" / f"page.{lang}.md").write_text(
            f"---\ntitle: {'Page' if lang == 'en' else 'Страница'}\ndescription: {'A page.' if lang == 'en' else 'Страница.'}\n"
            f"source_lang: en\n---\n\n{body[lang]}\n\n{_short_block(kind, copy, 2019)}\n{_short_block(kind, name, 2020)}",
            encoding="utf-8")
    kk = (root / "docs" / "page.ru.md").read_text(encoding="utf-8").replace("Страница", "Бет").replace(
        "О предмете и о", "Пән және").replace("страница их считает", "бет оларды санайды").replace(common, "Тақырып")
    (root / "docs" / "page.kk.md").write_text(kk, encoding="utf-8")
    proj = project.load(root)
    tree, context = Tree(proj), load_context(proj)
    sync.sync(tree, context, list(sync.translations(tree)))
    code, out, _ = run(root, capsys=capsys)
    assert [line for line in out.splitlines() if line.endswith("[untranslated]")] == [
        "docs/page.ru.md:9: block is the same as source docs/page.en.md:9: not translated into ru [untranslated]"]
    assert code == 1
