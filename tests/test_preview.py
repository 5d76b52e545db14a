"""The preview's library (scripts/sitekit/preview.py): the banner's words in every language from the
message catalogs, and the console filter that drops static-i18n's per-build "Overriding ... config" lines.
The preview itself (mkdocs serve on a fixture tree) is tested in test_i18ncheck_build.py."""
from __future__ import annotations

import logging

import pytest
from mkdocs.plugins import get_plugin_logger

from i18ncheck.finding import Finding
from sitekit import messages, preview, project

PROJECT = project.load()
MSGS = messages.for_project(PROJECT)
STALE = Finding("docs/page.ru.md", 9, "stale-translation", "translation is stale: source docs/page.kk.md changed")
NUMBERS = Finding("docs/page.ru.md", 4, "numbers", "numbers differ: 12 is not in the source docs/page.kk.md:4")


def test_the_banner_lists_the_findings_by_line_in_the_readers_language():
    assert preview.banner(MSGS, "ru", "docs/page.ru.md", [STALE, NUMBERS]) == {
        "title": "Только в предпросмотре: проверка перевода нашла в файле docs/page.ru.md 2 замечания. "
                 "Сборка для публикации остановится, пока их не исправят.",
        "items": [
            {"line": 4, "label": "Строка 4",
             "text": "numbers differ: 12 is not in the source docs/page.kk.md:4 [numbers]"},
            {"line": 9, "label": "Строка 9",
             "text": "translation is stale: source docs/page.kk.md changed [stale-translation]"},
        ],
    }
    assert preview.banner(MSGS, "ru", "docs/page.ru.md", []) is None


@pytest.mark.parametrize("code", PROJECT.codes)
@pytest.mark.parametrize("count", [1, 2, 3, 11, 101])
def test_every_language_has_the_banner_in_its_own_words(code, count):
    """Every configured language's catalog has the banner (not the fallback's words), with the path, and
    the count wherever the form needs a number."""
    assert MSGS.has(code, "preview.findings") and MSGS.has(code, "preview.line")
    findings = [Finding("docs/x.md", n + 1, "numbers", "m") for n in range(count)]
    shown = preview.banner(MSGS, code, "docs/x.md", findings)
    assert "docs/x.md" in shown["title"]
    if count > 2:
        assert str(count) in shown["title"]
    assert [item["label"] for item in shown["items"]] == [MSGS.text(code, "preview.line", line=n + 1)
                                                          for n in range(count)]
    assert all(str(n + 1) in item["label"] for n, item in enumerate(shown["items"]))
    if code != PROJECT.messages_fallback:
        assert shown["title"] != preview.banner(MSGS, PROJECT.messages_fallback, "docs/x.md", findings)["title"]


def test_start_tells_a_preview_from_a_build():
    preview.start("serve")
    assert preview.active()
    preview.start("build")
    assert not preview.active()


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def test_the_console_filter_drops_static_i18n_config_lines_only():
    preview.start("build")
    preview.install_filter()
    preview.install_filter()  # a second start (each mkdocs run in a process) installs no second filter
    target = logging.getLogger(preview.NOISY_LOGGERS[0])
    assert target.filters.count(preview._FILTER) == 1
    collect = Collect()
    target.addHandler(collect)
    level = target.level
    target.setLevel(logging.DEBUG)
    try:
        log = get_plugin_logger("mkdocs_static_i18n.reconfigure")  # how static-i18n logs them
        log.info("Overriding 'ru' config 'theme.language' with 'ru'")
        log.info("Overriding 'en' config 'site_name' with 'Qatar'")
        log.info("Updating 'ru' config 'extra' with '{'a': 1}'")
        log.warning("Overriding 'ru' config 'x' with 'y'")  # a warning always passes
        log.warning("Unknown 'ru' config override 'theme.x'")
        log.info("Building 'ru' documentation to directory: site/ru")
        log.info("a message %s", "with arguments")
    finally:
        target.removeHandler(collect)
        target.setLevel(level)
    assert collect.lines == [
        "WARNING mkdocs_static_i18n: Overriding 'ru' config 'x' with 'y'",
        "WARNING mkdocs_static_i18n: Unknown 'ru' config override 'theme.x'",
        "INFO mkdocs_static_i18n: Building 'ru' documentation to directory: site/ru",
        "INFO mkdocs_static_i18n: a message with arguments",
    ]


def test_under_the_preview_the_filter_drops_every_info_line_of_static_i18n():
    collect = Collect()
    target = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.plugin")
    target.addHandler(collect)
    level = target.level
    target.setLevel(logging.DEBUG)
    try:
        preview.start("serve")
        log = get_plugin_logger("mkdocs_static_i18n.plugin")
        log.info("Building 'ru' documentation to directory: /tmp/x/ru")
        log.info("Adding 'ru' to the 'material/search' plugin 'lang' option")
        log.warning("Language 'xx' is not configured")
        preview.start("build")
        log.info("Building 'ru' documentation to directory: site/ru")
    finally:
        preview.start("build")
        target.removeHandler(collect)
        target.setLevel(level)
    assert collect.lines == ["WARNING mkdocs_static_i18n: Language 'xx' is not configured",
                             "INFO mkdocs_static_i18n: Building 'ru' documentation to directory: site/ru"]


def _tree(root):
    (root / "docs").mkdir()
    (root / "data").mkdir()
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for name in ("a.kk.md", "a.ru.md", "b.kk.md"):
        (root / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
    (root / "data" / "glossary.yml").write_text("terms: []\n", encoding="utf-8")


def test_changes_names_the_files_changed_since_the_last_rebuild(tmp_path):
    _tree(tmp_path)
    changes = preview.Changes()
    docs = tmp_path / "docs"
    assert changes.since_last(tmp_path, docs) is None  # the first build: everything is new
    assert changes.since_last(tmp_path, docs) == set()
    (docs / "a.ru.md").write_text("# changed\n", encoding="utf-8")
    (docs / "c.en.md").write_text("# new\n", encoding="utf-8")
    (docs / "b.kk.md").unlink()
    assert changes.since_last(tmp_path, docs) == {"docs/a.ru.md", "docs/c.en.md", "docs/b.kk.md"}
    assert not changes.contents_only  # files came and went: links may resolve differently
    (docs / "a.ru.md").write_text("# changed\n", encoding="utf-8")  # saved again, unchanged
    assert changes.since_last(tmp_path, docs) == set()
    before = changes.snapshot(tmp_path, docs)  # taken before the build reads the files
    (docs / "a.ru.md").write_text("# saved while building\n", encoding="utf-8")
    assert changes.since_last(tmp_path, docs, before) == set()
    assert changes.since_last(tmp_path, docs) == {"docs/a.ru.md"} and changes.contents_only  # seen next time
    (tmp_path / "data" / "glossary.yml").write_text("terms: [x]\n", encoding="utf-8")
    assert changes.since_last(tmp_path, docs) is None  # a data file: every page may read differently
    (tmp_path / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8")
    assert changes.since_last(tmp_path, docs) is None


def test_a_rebuild_lists_the_findings_of_what_changed_and_of_their_translations():
    stale = Finding("docs/page.ru.md", 9, "stale-translation", "m", "docs/page.kk.md", 9)
    own = Finding("docs/other.ru.md", 3, "numbers", "m", "docs/other.kk.md", 3)
    assert [f for f in (stale, own) if preview.shown(f, None)] == [stale, own]
    assert [f for f in (stale, own) if preview.shown(f, {"docs/page.kk.md"})] == [stale]
    assert [f for f in (stale, own) if preview.shown(f, {"docs/other.ru.md"})] == [own]
    assert [f for f in (stale, own) if preview.shown(f, set())] == []
