"""What a reader is told about a page's language: translated from which language, written in which,
with a link to the original; plain pages (home, listings) carry no such line."""
from __future__ import annotations

import re

import pytest

NOTICE = re.compile(r'<p class="i18n-notice[^"]*" role="note">\s*(.*?)\s*(?:<a href="([^"]+)" hreflang="(\w+)">([^<]+)</a>)?\s*</p>', re.S)


def notice(site_build, path: str):
    html = (site_build.dir / path / "index.html").read_text(encoding="utf-8")
    found = NOTICE.findall(html)
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(("path", "expected"), [
    ("ru/article", ("Это перевод с казахского языка.", "../../article/", "kk", "Читать оригинал")),
    ("en/article", ("This is a translation from Kazakh.", "../../article/", "kk", "Read the original")),
    ("article", ("Бұл мәтін қазақ тілінде жазылған; басқа екі тілдегі нұсқалары — оның аудармалары.", "", "", "")),
    ("en/briefs/reading-2013-figures",
     ("This text was written in English; its versions in the other two languages are translations.", "", "", "")),
    ("briefs/reading-2013-figures",
     ("Бұл — ағылшын тіліндегі түпнұсқаның аудармасы.", "../../en/briefs/reading-2013-figures/", "en", "Түпнұсқаны оқу")),
    ("ru/briefs/qatar-media-public-diplomacy",
     ("Это перевод с казахского языка.", "../../../briefs/qatar-media-public-diplomacy/", "kk", "Читать оригинал")),
    ("briefs/kazakhstan-social-networks",
     ("Бұл — орыс тіліндегі түпнұсқаның аудармасы.", "../../ru/briefs/kazakhstan-social-networks/", "ru", "Түпнұсқаны оқу")),
    ("ru", None), ("en/briefs", None), ("en/glossary", None),
])
def test_language_notice(site_build, path, expected):
    assert notice(site_build, path) == expected
