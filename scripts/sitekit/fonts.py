"""Self-hosted text faces, one per script the site's languages write in, subset to the characters the site
uses.

Material's default loads Roboto from Google Fonts (a third-party request on every page view), Roboto's
``cyrillic`` subset lacks ә ғ қ ң ө ү һ while ``cyrillic-ext`` lacks і ұ (Kazakh needs both), and Roboto
has no Arabic. ``data/fonts.yml`` names the faces (Roboto for Latin and Cyrillic, Noto Naskh Arabic for
Arabic), each from its ``@fontsource`` npm package. This module keeps in each per-script file only the
characters the site can show (every character of ``docs/``, ``data/`` (message catalogs included), the
interface strings in ``overrides/`` and ``mkdocs.yml``, plus the whole Kazakh, Russian and basic Latin
alphabets, so a new text in those alphabets needs no new fonts) with the OpenType layout features the
face's script needs (``GSUB``/``GPOS``: without them Arabic renders unjoined), and writes WOFF2 files and
``fonts.css`` with ``unicode-range`` for each, so a browser downloads only the scripts a page uses.

Run ``make fonts`` after adding text in a new script; ``tests/test_fonts.py`` fails until you do.
"""
from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sitekit import fontfaces
from sitekit.fontfaces import script_of  # noqa: F401 - the script of a language, used here and by tests
from sitekit.project import ROOT

MODULES = ROOT / "node_modules"
TARGET = ROOT / "docs" / "assets" / "fonts"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
FACES = ROOT / "data" / "fonts.yml"
# The first face lacks a few characters (arrows): they come from DejaVu Sans (Debian's fonts-dejavu-core,
# a free licence), under the first face's family name, so the text never falls back to an unknown font.
FALLBACK = {
    400: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    700: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}
WEIGHTS = (400, 700)
ALPHABETS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
    + "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    + "«»„“”‘’–—…№ •·×€$%"
)
TEXT_GLOBS = ("docs/**/*.md", "data/**/*.yml", "data/**/*.po", "overrides/**/*.html", "mkdocs.yml")


@dataclasses.dataclass(frozen=True)
class Face:
    family: str
    package: str
    subsets: tuple[str, ...]
    scripts: tuple[str, ...]
    features: tuple[str, ...]

    @property
    def prefix(self) -> str:
        """The file-name prefix of the face (``@fontsource/noto-naskh-arabic`` → ``noto-naskh-arabic``)."""
        return self.package.rsplit("/", 1)[-1]

    def source(self, subset_name: str, weight: int) -> Path:
        return MODULES / self.package / "files" / f"{self.prefix}-{subset_name}-{weight}-normal.woff2"

    def file_name(self, subset_name: str, weight: int) -> str:
        return f"{self.prefix}-{subset_name}-{weight}.woff2"


def faces(path: Path = FACES) -> tuple[Face, ...]:
    """The faces of ``data/fonts.yml``; a ``fontfaces.FontsError`` names every problem at its line."""
    return tuple(Face(**entry) for entry in fontfaces.read(path))


def site_characters(root: Path = ROOT) -> set[str]:
    """Every printable character the site's sources contain."""
    chars = set(ALPHABETS)
    for pattern in TEXT_GLOBS:
        for path in root.glob(pattern):
            chars.update(path.read_text(encoding="utf-8", errors="replace"))
    return {c for c in chars if c.isprintable() and not c.isspace() or c == " "}


def cmap(path: Path) -> set[str]:
    return {chr(code) for code in TTFont(path).getBestCmap()}


def unicode_range(chars: set[str]) -> str:
    codes = sorted(ord(c) for c in chars)
    ranges, start, prev = [], codes[0], codes[0]
    for code in codes[1:] + [None]:
        if code is not None and code == prev + 1:
            prev = code
            continue
        ranges.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        if code is not None:
            start = prev = code
    return ", ".join(ranges)


def subset_font(source: Path, chars: set[str], features=("*",)) -> bytes:
    """``source`` cut down to ``chars`` (and every glyph its kept layout features reach), as WOFF2."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = list(features)  # fontTools drops GSUB/GPOS lookups of unlisted features
    options.layout_scripts = ["*"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence records
    options.drop_tables += ["DSIG"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _check(path: Path, hint: str) -> Path:
    if not path.exists():
        raise SystemExit(f"{path}: missing; run `{hint}` first")
    return path


def plan(wanted: set[str], all_faces: tuple[Face, ...]) -> list[tuple[Face, str, set[str]]]:
    """(face, subset, characters) of each file to write: a character goes to the first subset that has it;
    what no face has goes to the DejaVu fallback under the first face's family."""
    claimed: set[str] = set()
    out = []
    for face in all_faces:
        for name in face.subsets:
            path = _check(face.source(name, WEIGHTS[0]), "npm ci --ignore-scripts")
            chars = (wanted & cmap(path)) - claimed
            if chars:
                out.append((face, name, chars))
                claimed |= chars
    rest = (wanted & cmap(_check(FALLBACK[WEIGHTS[0]], "apt-get install fonts-dejavu-core"))) - claimed
    if rest:
        out.append((all_faces[0], "fallback", rest))
    return out


def source_file(face: Face, name: str, weight: int) -> Path:
    if name == "fallback":
        return _check(FALLBACK[weight], "apt-get install fonts-dejavu-core")
    return _check(face.source(name, weight), "npm ci --ignore-scripts")


def generate(root: Path = ROOT) -> tuple[list[str], set[str]]:
    """Write the subsets and fonts.css; return the files written and the characters no file covers."""
    all_faces = faces(root / "data" / "fonts.yml")
    wanted = site_characters(root)
    per_file = plan(wanted, all_faces)
    families = ", ".join(f'"{face.family}"' for face in all_faces)
    css = ["/* Generated by `make fonts` (scripts/sitekit/fonts.py) from data/fonts.yml: do not edit. */",
           f":root {{\n  --md-text-font: {families};\n}}"]
    written = []
    for face, name, chars in per_file:
        features = face.features if name != "fallback" else ("*",)
        for weight in WEIGHTS:
            file_name = face.file_name(name, weight)
            (TARGET / file_name).write_bytes(subset_font(source_file(face, name, weight), chars, features))
            written.append(file_name)
            css.append(
                "@font-face {\n"
                f"  font-family: \"{face.family}\";\n  font-style: normal;\n"
                f"  font-weight: {weight};\n  font-display: swap;\n"
                f"  src: url(\"../fonts/{file_name}\") format(\"woff2\");\n"
                f"  unicode-range: {unicode_range(chars)};\n}}"
            )
    CSS.write_text("\n".join(css) + "\n", encoding="utf-8")
    missing = wanted - set().union(*(chars for _, _, chars in per_file))
    return written, missing


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.woff2"):
        old.unlink()
    written, missing = generate()
    total = sum((TARGET / name).stat().st_size for name in written)
    print(f"fonts: wrote {len(written)} files, {total} bytes, and {CSS.relative_to(ROOT)}", file=sys.stderr)
    for char in sorted(missing):
        print(f"fonts: U+{ord(char):04X} {char!r} is in the site's text but in no font file "
              "(the browser falls back to a system font for it)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
