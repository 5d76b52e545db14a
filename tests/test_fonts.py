"""Self-hosted fonts: the subsets in docs/assets/fonts (data/fonts.yml) cover every character the site shows, and
fonts.css points at those files only (sitekit/fonts.py writes both; `make fonts` regenerates them).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from sitekit import fonts
from sitekit.project import ROOT

FONTS = ROOT / "docs" / "assets" / "fonts"
FONTS_CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
# The text readers see: every page's Markdown and the data rendered into pages (glossary, tag names).
SHOWN_TEXT = ("docs/**/*.md", "data/glossary.yml", "data/tags.yml", "data/locales/*.po")
FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)


def shown_files() -> list[Path]:
    return sorted({path for pattern in SHOWN_TEXT for path in ROOT.glob(pattern)})


def is_drawn(char: str) -> bool:
    """Whitespace and control/format characters need no glyph."""
    return not char.isspace() and not unicodedata.category(char).startswith("C")


def cmap(path: Path) -> set[str]:
    return {chr(code) for code in TTFont(path).getBestCmap()}


def font_faces() -> list[dict]:
    """The @font-face rules of fonts.css: weight, file and the characters of its unicode-range."""
    faces = []
    for body in FACE.findall(FONTS_CSS.read_text(encoding="utf-8")):
        props = dict((k.strip(), v.strip()) for k, v in (p.split(":", 1) for p in body.split(";") if ":" in p))
        (url,) = re.findall(r'url\("?([^")]+)"?\)', props["src"])
        chars = set()
        for part in props["unicode-range"].split(","):
            start, _, end = part.strip().removeprefix("U+").partition("-")
            chars.update(chr(c) for c in range(int(start, 16), int(end or start, 16) + 1))
        faces.append({"family": props["font-family"].strip('"'), "weight": props["font-weight"],
                      "url": url, "path": (FONTS_CSS.parent / url).resolve(), "range": chars})
    return faces


def test_fonts_css_refers_only_to_shipped_files():
    faces = font_faces()
    assert faces, "fonts.css has no @font-face"
    assert [f["url"] for f in faces if not f["path"].is_file()] == []
    assert {f["path"] for f in faces} == {p.resolve() for p in FONTS.glob("*.woff2")}, \
        "every shipped font is in fonts.css and nothing else"
    assert {f["family"] for f in faces} == {face.family for face in fonts.faces()}
    assert {f["weight"] for f in faces} == {"400", "700"}


def test_every_shown_character_is_in_the_shipped_fonts():
    covered = set().union(*(cmap(path) for path in FONTS.glob("*.woff2")))
    uncovered = []
    for path in shown_files():
        seen = set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for char in line:
                if char not in covered and char not in seen and is_drawn(char):
                    seen.add(char)
                    uncovered.append(f"{path.relative_to(ROOT)}:{number}: U+{ord(char):04X} {char} "
                                     f"{unicodedata.name(char, '?')} is in no font (run `make fonts`)")
    assert uncovered == []


@pytest.mark.parametrize("weight", ["400", "700"])
def test_every_shown_character_has_a_face_whose_range_and_file_agree(weight):
    """A browser uses a face for a character only if its unicode-range has it: each character the site
    shows is in the range of a face of each weight whose file has its glyph."""
    faces = [f for f in font_faces() if f["weight"] == weight]
    usable = set().union(*(f["range"] & cmap(f["path"]) for f in faces))
    text = set("".join(path.read_text(encoding="utf-8") for path in shown_files()))
    missing = sorted(c for c in text if is_drawn(c) and c not in usable)
    assert [f"U+{ord(c):04X} {c}" for c in missing] == []
