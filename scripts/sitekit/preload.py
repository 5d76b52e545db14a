"""Which self-hosted font files a page of a language preloads: those that draw a real share of the
language's text (its pages, or its fallback's while it has none, and its interface messages), read from
the ``unicode-range`` of each face in ``fonts.css`` (``make fonts``). No language is named here: Kazakh
gets Roboto's ``cyrillic`` and ``cyrillic-ext`` files because its text uses both, Arabic Noto Naskh's."""
from __future__ import annotations

import collections
import functools
import re

FACE_RULE = re.compile(r"@font-face\s*{(.*?)}", re.S)


@functools.lru_cache(maxsize=8)
def css_faces(css_text: str) -> tuple[tuple[str, str, frozenset[int]], ...]:
    """(file url, weight, code points of the unicode-range) of every @font-face of fonts.css (parsed once
    per text: every language's build asks for the same stylesheet)."""
    out = []
    for body in FACE_RULE.findall(css_text):
        props = dict((k.strip(), v.strip()) for k, v in (p.split(":", 1) for p in body.split(";") if ":" in p))
        url = re.findall(r'url\("?([^")]+)"?\)', props.get("src", ""))
        codes: set[int] = set()
        for part in props.get("unicode-range", "").split(","):
            start, _, end = part.strip().removeprefix("U+").partition("-")
            try:
                codes.update(range(int(start, 16), int(end or start, 16) + 1))
            except ValueError:
                continue
        if url:
            out.append((url[0], props.get("font-weight", "400"), frozenset(codes)))
    return tuple(out)


def files(text: str, css_text: str, weight: str = "400", share: float = 0.02) -> list[str]:
    """The font files (``assets/fonts/…``) of ``weight`` that draw at least ``share`` of the letters and
    digits of ``text``, sorted."""
    # counted per distinct character (a language's pages are megabytes of a few hundred characters)
    drawn = {ord(c): n for c, n in collections.Counter(text).items() if c.isalnum()}
    total = sum(drawn.values())
    if not total:
        return []
    out = []
    for url, face_weight, codes in css_faces(css_text):
        if face_weight == weight and sum(n for c, n in drawn.items() if c in codes) >= share * total:
            out.append("assets/fonts/" + url.rsplit("/", 1)[-1])
    return sorted(out)
