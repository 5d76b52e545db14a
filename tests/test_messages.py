"""The message catalogs (data/locales/*.po): every configured language has every message, the notices read
as sentences of the reader's language, and a gap is a check finding, not a crash."""
from __future__ import annotations

import contextlib
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from i18ncheck import cli
from sitekit import messages, notices
from sitekit.project import ROOT, load

PROJECT = load()
# every catalog the engine ships, the configured languages' and any other
MSGS = messages.load(ROOT, codes=tuple(sorted(p.stem for p in (ROOT / messages.FOLDER).glob("*.po"))),
                     fallback=PROJECT.messages_fallback)


@pytest.mark.parametrize("lang", sorted(set(PROJECT.codes) | set(MSGS.catalogs)))
def test_every_language_has_its_own_catalog_with_every_message(lang):
    assert messages.catalog_path(ROOT, lang).exists()
    assert MSGS.keys(PROJECT.messages_fallback) - MSGS.keys(lang) == set()


@pytest.mark.parametrize(("lang", "state", "source", "shown", "others", "expected"), [
    ("kk", "source", "en", None, 2, "Бұл мәтін ағылшын тілінде жазылған. Басқа 2 тілдегі нұсқалары — оның аудармалары."),
    ("kk", "translated", "ru", None, 0, "Бұл — орыс тіліндегі түпнұсқаның аудармасы."),
    ("kk", "fallback", "kk", "en", 0, "Бұл бет әлі қазақ тіліне аударылмаған. Төмендегі мәтін ағылшын тілінде."),
    ("ru", "translated", "kk", None, 0, "Это перевод с казахского языка."),
    ("ru", "source", "ru", None, 1, "Этот текст написан на русском языке. Его версия на другом языке — перевод."),
    ("ru", "source", "ru", None, 3, "Этот текст написан на русском языке. Версии на 3 других языках — его переводы."),
    ("ru", "fallback", "kk", "kk", 0, "Эта страница ещё не переведена на русский язык. Ниже показан текст на казахском языке."),
    ("en", "translated", "kk", None, 0, "This is a translation from Kazakh."),
    ("en", "source", "en", None, 3, "This text was written in English. Its versions in the other 3 languages are translations."),
    ("en", "stale", "kk", None, 0, "The original has changed since this translation was last updated; "
                                   "the translation has not caught up yet."),
    ("en", "fallback", "en", "kk", 0, "This page has not been translated into English yet. The text below is in Kazakh."),
    ("ar", "translated", "kk", None, 0, "هذا النص مترجم عن اللغة الكازاخية."),
    ("ar", "translated", "en", None, 0, "هذا النص مترجم عن اللغة الإنجليزية."),
    ("ar", "source", "kk", None, 2, "كُتب هذا النص باللغة الكازاخية. أما نسختاه باللغتين الأخريين فهما ترجمتان له."),
    ("ar", "source", "kk", None, 3, "كُتب هذا النص باللغة الكازاخية. أما نسخه في 3 لغات أخرى فهي ترجمات له."),
    ("ar", "fallback", "kk", "en", 0, "لم تُترجم هذه الصفحة إلى العربية بعد. النص أدناه باللغة الإنجليزية."),
])
def test_notices_read_as_sentences(lang, state, source, shown, others, expected):
    assert notices.notice(MSGS, lang, state, source, shown, others) == expected


@pytest.mark.parametrize(("lang", "count", "expected"), [
    ("ar", 1, "مدة القراءة: دقيقة واحدة"), ("ar", 2, "مدة القراءة: دقيقتان"), ("ar", 5, "مدة القراءة: 5 دقائق"),
    ("ar", 12, "مدة القراءة: 12 دقيقة"), ("ru", 5, "5 мин чтения"), ("en", 1, "1 min read"),
])
def test_plural_forms_follow_the_catalogs_rule(lang, count, expected):
    assert MSGS.text(lang, "brief.reading_time", count=count) == expected


def test_a_language_pair_without_its_own_message_uses_the_cldr_name():
    # Russian has whole sentences for the site's languages; for another language the message without
    # context takes the language's name in the nominative.
    assert MSGS.text("ru", "notice.translated_from", other="de") == "Это перевод; язык оригинала — немецкий."
    assert MSGS.text("ar", "notice.shown_in", other="fr") == "النص أدناه باللغة الفرنسية."


def test_a_missing_message_falls_back_to_the_fallback_catalog():
    fallback = MSGS.catalogs[PROJECT.messages_fallback]
    partial = messages.Messages({**MSGS.catalogs, "xx": type(fallback)(locale=None)}, PROJECT.messages_fallback)
    assert partial.text("xx", "briefs.empty") == MSGS.text(PROJECT.messages_fallback, "briefs.empty")


@dataclasses.dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _check(root: Path) -> Run:
    """``python -m i18ncheck`` with only this check, in this process (output captured)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "--jobs", "1", "--disable", "all", "--enable", "message-catalog"])
    return Run(code, out.getvalue(), err.getvalue())


def _publication(tmp_path: Path, catalogs: dict[str, str]) -> Path:
    root = tmp_path / "pub"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.de.md").write_text("---\ntitle: Start\n---\n\nText.\n", encoding="utf-8")
    (root / "docs" / "index.xx.md").write_text("---\ntitle: Start\n---\n\nText.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  messages_fallback: de\nplugins:\n  - i18n:\n      languages:\n"
        "        - locale: de\n          name: Deutsch\n          default: true\n"
        "        - locale: xx\n          name: X\n", encoding="utf-8")
    (root / "data" / "locales").mkdir(parents=True)
    for code, text in catalogs.items():
        (root / "data" / "locales" / f"{code}.po").write_text(text, encoding="utf-8")
    return root


HEAD = 'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_check_reports_a_missing_catalog_and_a_missing_message(tmp_path):
    root = _publication(tmp_path, {
        "de": HEAD.format(code="de") + 'msgid "a"\nmsgstr "Eins"\n\nmsgid "b"\nmsgstr "Zwei {n}"\n',
    })
    proc = _check(root)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ("data/locales/xx.po:1: language xx has no message catalog: its pages would show the de "
                           "words (copy data/locales/de.po and translate every msgstr) [message-catalog]\n")
    (root / "data" / "locales" / "xx.po").write_text(
        HEAD.format(code="xx") + 'msgid "b"\nmsgstr "Two {m}"\n', encoding="utf-8")
    proc = _check(root)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == (
        "data/locales/xx.po:1: message 'a' is missing: readers of xx see it in de (data/locales/de.po:6) "
        "[message-catalog]\n"
        "data/locales/xx.po:6: message 'b' uses {m}, which the site does not fill in (expected ['n']) "
        "[message-catalog]\n")


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=200))
def test_a_hostile_catalog_is_a_finding_never_a_traceback(tmp_path_factory, text):
    root = _publication(tmp_path_factory.mktemp("hostile"), {
        "de": HEAD.format(code="de") + 'msgid "a"\nmsgstr "Eins"\n', "xx": text})
    proc = _check(root)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert all(line.startswith("data/locales/xx.po:") for line in proc.stdout.splitlines()), proc.stdout
