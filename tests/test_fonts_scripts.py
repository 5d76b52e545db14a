"""A text face for every script the site's languages write in, and Arabic that still joins after
subsetting: the shaping tables (GSUB/GPOS) survive `make fonts`, checked in the font files and in Chromium
against the unsubset font."""
from __future__ import annotations

import base64

import pytest
from fontTools.ttLib import TTFont

from sitekit import fonts, messages
from sitekit.project import ROOT, load

PROJECT = load()
FONTS = ROOT / "docs" / "assets" / "fonts"
JOINING = {"init", "medi", "fina"}  # Arabic's contextual forms: without them every letter stands alone


def arabic_face() -> fonts.Face:
    return next(face for face in fonts.faces() if "Arab" in face.scripts)


def arabic_text() -> str:
    """Arabic the site shows (its catalog), every letter of it in the subset."""
    msgs = messages.for_project(PROJECT)
    return msgs.text("ar", "notice.stale") + " " + msgs.text("ar", "cite.intro")


def test_every_configured_language_has_a_face_for_its_script():
    covered = {script for face in fonts.faces() for script in face.scripts}
    assert {code: fonts.script_of(code) for code in PROJECT.codes
            if fonts.script_of(code) not in covered} == {}


def test_every_face_of_a_configured_script_is_shipped_and_pinned():
    scripts = {fonts.script_of(code) for code in PROJECT.codes}
    package = (ROOT / "package.json").read_text(encoding="utf-8")
    for face in fonts.faces():
        if set(face.scripts) & scripts:
            assert f'"{face.package}"' in package, face.package
            assert any(FONTS.glob(f"{face.prefix}-*-400.woff2")), face.family


@pytest.mark.parametrize("weight", fonts.WEIGHTS)
def test_arabic_subset_keeps_its_shaping_tables(weight):
    font = TTFont(FONTS / arabic_face().file_name("arabic", weight))
    assert "GSUB" in font and "GPOS" in font
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert JOINING <= features, sorted(features)
    assert {record.FeatureTag for record in font["GPOS"].table.FeatureList.FeatureRecord} & {"mark", "kern", "curs"}


def _data_url(data: bytes) -> str:
    return "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")


def _render(browser, faces: dict[str, bytes], text: str, unicode_range: str) -> dict[str, tuple[float, bytes]]:
    """Width and screenshot of ``text`` set in each face, right to left, in Chromium; every face is used
    for the characters of ``unicode_range`` only (the spaces and Latin punctuation the site draws with
    Roboto come from the same system font in every row)."""
    css = "".join(f'@font-face {{ font-family: "{name}"; src: url("{_data_url(data)}") format("woff2"); '
                  f"unicode-range: {unicode_range}; }}" for name, data in faces.items())
    rows = "".join(f'<div><span id="{name}" lang="ar" dir="rtl" style="font-family: \'{name}\'">{text}</span></div>'
                   for name in faces)
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><html><head><style>{css} body {{ margin: 0; font-size: 28px; }} "
                         f"div {{ white-space: nowrap; }}</style></head><body>{rows}</body></html>")
        page.evaluate("document.fonts.ready")
        out = {}
        for name in faces:
            element = page.locator(f"#{name}")
            out[name] = (page.evaluate(f"document.getElementById('{name}').getBoundingClientRect().width"),
                         element.screenshot())
        loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length")
        assert loaded == len(faces), "a font did not load"
        return out
    finally:
        page.close()


@pytest.mark.browser
def test_subset_arabic_renders_joined_like_the_unsubset_font(browser):
    face, text = arabic_face(), arabic_text()
    full = face.source("arabic", 400).read_bytes()
    subset = (FONTS / face.file_name("arabic", 400)).read_bytes()
    # what a subset without layout features looks like: the test must tell it apart
    stripped = fonts.subset_font(face.source("arabic", 400), set(text), features=())
    covered = fonts.unicode_range(fonts.cmap(FONTS / face.file_name("arabic", 400)))
    shown = _render(browser, {"full": full, "subset": subset, "stripped": stripped}, text, covered)
    assert abs(shown["full"][0] - shown["subset"][0]) < 0.01, (shown["full"][0], shown["subset"][0])
    assert shown["full"][1] == shown["subset"][1], "the subset draws the Arabic text differently"
    assert shown["stripped"][1] != shown["full"][1], "unjoined Arabic should not look like joined Arabic"
