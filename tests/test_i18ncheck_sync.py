"""Freshness: `python -m i18ncheck sync` and data/translation-sync.json, staleness, acknowledged
staleness (`translation: stale`) and the per-page states."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18ncheck import cli, status, sync
from i18ncheck.tree import Tree, load_context
from sitekit import project

FIXTURES = Path(__file__).parent / "i18ncheck"
RECORD = "data/translation-sync.json"


def copy(case: str, tmp_path: Path) -> Path:
    root = tmp_path / case
    shutil.copytree(FIXTURES / case, root)
    return root


def check(root: Path, capsys, *args: str) -> tuple[int, list[str], str]:
    code = cli.main(["--root", str(root), "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pages(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "docs").rglob("*")) if p.is_file()}


@pytest.fixture
def synced(tmp_path, capsys) -> Path:
    """The clean fixture with every translation recorded by `sync --all`."""
    root = copy("clean", tmp_path)
    assert cli.main(["--root", str(root), "sync", "--all"]) == 0
    capsys.readouterr()
    return root


def test_sync_all_records_every_translation_and_only_the_record(tmp_path, capsys):
    root = copy("clean", tmp_path)
    before = pages(root)
    code, lines, err = check(root, capsys)
    assert code == 1 and len(lines) == 5 and all("was never synced" in line for line in lines)
    assert cli.main(["--root", str(root), "sync", "--new"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "docs/article.ru.md: recorded as synced with docs/article.kk.md",
        "docs/article.en.md: recorded as synced with docs/article.kk.md",
        "docs/briefs/later.ru.md: recorded as synced with docs/briefs/later.kk.md",
        "docs/briefs/note.kk.md: recorded as synced with docs/briefs/note.en.md",
        "docs/briefs/note.ru.md: recorded as synced with docs/briefs/note.en.md",
        "i18ncheck sync: 5 translations recorded in data/translation-sync.json",
    ]
    assert pages(root) == before
    assert check(root, capsys) == (0, [], "i18ncheck: no findings in 8 files\n")


def test_record_is_deterministic(synced, tmp_path, capsys):
    text = (synced / RECORD).read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "translations": {\n    "article.en.md": {\n')
    other = copy("clean", tmp_path / "again")
    assert cli.main(["--root", str(other), "sync", "--all"]) == 0
    assert (other / RECORD).read_text(encoding="utf-8") == text
    assert cli.main(["--root", str(synced), "sync", "docs/article.ru.md"]) == 0
    assert (synced / RECORD).read_text(encoding="utf-8") == text


def test_sync_refuses_a_structural_mismatch_and_records_nothing(tmp_path, capsys):
    root = copy("list-structure", tmp_path)
    assert cli.main(["--root", str(root), "sync", "docs/page.en.md"]) == 0
    record = (root / RECORD).read_bytes()
    before = pages(root)
    capsys.readouterr()
    code = cli.main(["--root", str(root), "sync", "docs/page.ru.md", "docs/page.en.md"])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "docs/page.ru.md: structure does not match its source, not recorded: docs/page.ru.md:7: list item count "
        "differs from source docs/page.kk.md:7 (found 4, expected 5) [list-structure]; docs/page.ru.md:10: "
        "missing list item: source docs/page.kk.md:9 has no counterpart in the translation [block-structure]",
        "i18ncheck sync: nothing recorded",
    ]
    assert (root / RECORD).read_bytes() == record
    assert pages(root) == before


@pytest.mark.parametrize("broken", ["docs/article.ru.md", "docs/article.kk.md"])
def test_sync_refuses_a_front_matter_it_cannot_read(synced, broken, capsys):
    """The front matter is recorded like the body: a translation (or source) whose front matter does not
    parse is not recorded, even when named, and the record keeps its bytes and its permissions."""
    record = synced / RECORD
    record.chmod(0o640)
    before = record.read_bytes()
    edit(synced / broken, "\ntitle:", "\ntitle: [")
    assert cli.main(["--root", str(synced), "sync", "docs/article.ru.md"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"docs/article.ru.md: the front matter of {broken} cannot be read, not recorded (run python -m i18ncheck "
        "for the reason)", "i18ncheck sync: nothing recorded"]
    assert record.read_bytes() == before
    edit(synced / broken, "\ntitle: [", "\ntitle:")
    assert cli.main(["--root", str(synced), "sync", "docs/article.ru.md"]) == 0
    assert record.read_bytes() == before and oct(record.stat().st_mode & 0o777) == "0o640"  # not mkstemp's 0600


def test_sync_refuses_a_source_page(synced, capsys):
    assert cli.main(["--root", str(synced), "sync", "docs/article.kk.md"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "docs/article.kk.md: this is the source of its page; sync records translations")


def test_changed_source_paragraph_makes_translations_stale(synced, capsys):
    edit(synced / "docs/article.kk.md", "әр 6-шы адамы.", "әр 6-шы тұрғыны.")
    code, lines, err = check(synced, capsys)
    assert code == 1
    assert lines == [
        "docs/article.en.md:14: translation is stale: source docs/article.kk.md changed: source line 14 changed "
        "(translation line 14) [stale-translation]",
        "docs/article.ru.md:14: translation is stale: source docs/article.kk.md changed: source line 14 changed "
        "(translation line 14) [stale-translation]",
    ]
    tree = Tree(project.load(synced))
    states = status.page_states(tree.page("article.md"), load_context(tree.project))
    assert states["ru"] == status.State("stale", (14,))
    assert states["ru"].label("en") == "stale: source paragraphs changed at lines 14"
    assert states["ru"].label("ru") == "устарело: изменились абзацы оригинала в строках 14"


def test_reflowing_and_respacing_the_source_is_not_a_change(synced, capsys):
    edit(synced / "docs/article.kk.md", "1,23 млрд адам тіркелген [1], бұл —",
         "1,23 млрд\u00a0адам  тіркелген [1],\n  бұл —")
    edit(synced / "docs/article.kk.md", "| Facebook | 2004 |", "|Facebook|   2004|")
    assert check(synced, capsys)[:2] == (0, [])


def test_added_block_and_front_matter_are_named(synced, capsys):
    edit(synced / "docs/article.kk.md", "abstract: Мақаланың аңдатпасы.", "abstract: Мақаланың жаңа аңдатпасы.")
    edit(synced / "docs/article.kk.md", "| YouTube | 2005 |\n", "| YouTube | 2005 |\n\nЖаңа абзац.\n")
    code, lines, err = check(synced, capsys)
    assert lines == [
        "docs/article.en.md:9: translation is stale: source docs/article.kk.md changed: source front matter "
        "'abstract' (line 9) changed (translation line 9); source line 24 added (no translation) [stale-translation]",
        "docs/article.en.md:24: missing paragraph: source docs/article.kk.md:24 has no counterpart in the "
        "translation [block-structure]",
        "docs/article.ru.md:9: translation is stale: source docs/article.kk.md changed: source front matter "
        "'abstract' (line 9) changed (translation line 9); source line 24 added (no translation) [stale-translation]",
        "docs/article.ru.md:24: missing paragraph: source docs/article.kk.md:24 has no counterpart in the "
        "translation [block-structure]",
    ]


def test_removed_source_block_names_the_translated_block(synced, capsys):
    edit(synced / "docs/briefs/note.en.md", "The e-diplomacy office opened in 2003.\n\n", "")
    code, lines, err = check(synced, capsys)
    assert lines[:2] == [
        "docs/briefs/note.kk.md:11: extra paragraph at line 11, not in the source docs/briefs/note.en.md "
        "[block-structure]",
        "docs/briefs/note.kk.md:11: translation is stale: source docs/briefs/note.en.md changed: a source block was "
        "removed (translation line 11) [stale-translation]",
    ]


def test_acknowledged_staleness_is_listed_and_passes(synced, capsys):
    edit(synced / "docs/article.kk.md", "әр 6-шы адамы.", "әр 6-шы тұрғыны.")
    for lang in ("ru", "en"):
        edit(synced / f"docs/article.{lang}.md", "source_lang: kk\n", "source_lang: kk\ntranslation: stale\n")
    code, lines, err = check(synced, capsys)
    assert code == 0
    assert lines == [
        "docs/article.en.md:15: translation is stale: source docs/article.kk.md changed: source line 14 changed "
        "(translation line 15) [stale-translation] (acknowledged: translation: stale)",
        "docs/article.ru.md:15: translation is stale: source docs/article.kk.md changed: source line 14 changed "
        "(translation line 15) [stale-translation] (acknowledged: translation: stale)",
    ]
    assert err == "i18ncheck: 2 findings (2 acknowledged stale) in 8 files\n"
    code, lines, err = check(synced, capsys, "--format", "github")
    assert lines[0].startswith("::notice file=docs/article.en.md,line=15,title=i18ncheck stale-translation::")


def test_stale_marker_on_a_synced_translation(synced, capsys):
    edit(synced / "docs/article.ru.md", "source_lang: kk\n", "source_lang: kk\ntranslation: stale\n")
    assert cli.main(["--root", str(synced), "sync", "docs/article.ru.md"]) == 0
    capsys.readouterr()
    code, lines, err = check(synced, capsys)
    assert (code, lines) == (1, [
        "docs/article.ru.md:5: translation: stale is set, but the translation is in sync with source "
        "docs/article.kk.md (remove the key) [stale-marker]"])


def test_synced_against_another_source(synced, capsys):
    record = synced / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace('"source": "article.kk.md"', '"source": "article.en.md"', 1),
                      encoding="utf-8")
    code, lines, err = check(synced, capsys)
    assert lines == ["docs/article.en.md:1: translation was synced with docs/article.en.md, but its source is now "
                     "docs/article.kk.md (update it, then record it: make sync FILES=docs/article.en.md) "
                     "[stale-translation]"]


def test_prune_drops_entries_that_are_no_longer_translations_and_nothing_else(synced, capsys):
    (synced / "docs/briefs/later.ru.md").unlink()
    edit(synced / "docs/briefs/later.kk.md", "pending: [en]", "pending: [ru, en]")
    edit(synced / "docs/article.kk.md", "1,23 млрд", "1,24 млрд")  # article.ru.md and .en.md now stale
    code, lines, err = check(synced, capsys)
    assert lines[0] == ("data/translation-sync.json:57: entry for docs/briefs/later.ru.md names no page file in docs/ "
                        "(drop it: make prune) [sync-record]")
    stale = [line for line in lines if line.endswith("[stale-translation]")]
    assert len(stale) == 2
    assert cli.main(["--root", str(synced), "prune"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "data/translation-sync.json: dropped the entry for docs/briefs/later.ru.md (no longer a translation)",
        "i18ncheck prune: 1 entries dropped from data/translation-sync.json"]
    assert [line for line in check(synced, capsys)[1] if line.endswith("[stale-translation]")] == stale


def test_sync_new_refuses_stale_translations_and_names_them(synced, capsys):
    """`sync --new` (the old --all) records never-synced translations only: a stale one stays stale."""
    edit(synced / "docs/article.kk.md", "1,23 млрд", "1,24 млрд")
    before = (synced / RECORD).read_bytes()
    assert cli.main(["--root", str(synced), "sync", "--new"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "docs/article.ru.md: stale (its source docs/article.kk.md changed since it was synced): update it, then "
        "name it: make sync FILES=docs/article.ru.md",
        "docs/article.en.md: stale (its source docs/article.kk.md changed since it was synced): update it, then "
        "name it: make sync FILES=docs/article.en.md",
        "i18ncheck sync: 0 translations recorded in data/translation-sync.json; 2 refused (name a stale one to "
        "record it: make sync FILES=...)"]
    assert (synced / RECORD).read_bytes() == before
    assert cli.main(["--root", str(synced), "sync", "--all"]) == 1  # the old name does the same
    code, lines, _ = check(synced, capsys)
    assert code == 1 and [line.rsplit(" ", 1)[1] for line in lines].count("[stale-translation]") == 2


# ---------------------------------------------------------------- property


PAGE = "---\ntitle: T\ndescription: D.\nsource_lang: kk\n---\n\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.text(), translation=st.text(), same=st.booleans())
def test_sync_never_changes_a_page(source, translation, same):
    """Whatever the text (matching or not, Markdown or not), sync writes no byte of any page."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "clean"
        shutil.copytree(FIXTURES / "clean", root)
        texts = {"docs/article.kk.md": PAGE + source, "docs/article.ru.md": PAGE + (source if same else translation),
                 "docs/article.en.md": translation}
        for rel, text in texts.items():
            (root / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        before = pages(root)
        proj = project.load(root)
        tree = Tree(proj)
        try:
            sync.sync(tree, load_context(proj), ["article.ru.md", "article.en.md"])
        except sync.SyncRefused:
            pass
        assert pages(root) == before
