"""The article's text as a reader sees it: the author's own abstract, and translator's notes marked as such."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PAGE = {"kk": "article/index.html", "ru": "ru/article/index.html", "en": "en/article/index.html"}

# The English abstract exactly as the author wrote it in the source (only the PDF's line breaks joined):
# its grammar is the author's, and the site must not improve it.
AUTHOR_EN_ABSTRACT = (
    "Article is devoted to the role of modern-day social media in diplomatic activity, as well as their "
    "extraordinary abilities. In addition, it describes the desire of the State of Qatar in the preparation "
    "of foremost trained national personnel in this area."
)
# How a translator's note begins in each translation of the article (the Kazakh original has none).
NOTE_LABEL = {"ru": "[Прим. пер.: ", "en": "[Translator’s note: "}
NOTE = re.compile(r'<em class="translator-note">(.*?)</em>', re.S)


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_english_abstract_is_the_authors_wording(site_build):
    meta = yaml.safe_load((ROOT / "docs" / "article.en.md").read_text(encoding="utf-8").split("---\n")[1])
    assert " ".join(meta["abstract"].split()) == AUTHOR_EN_ABSTRACT
    page = text_of((site_build.dir / PAGE["en"]).read_text(encoding="utf-8"))
    assert AUTHOR_EN_ABSTRACT in page
    assert "The article is devoted" not in page and "to prepare foremost" not in page


@pytest.mark.parametrize("lang", NOTE_LABEL)
def test_translators_notes_are_marked_and_labelled(site_build, lang):
    notes = [text_of(n) for n in NOTE.findall((site_build.dir / PAGE[lang]).read_text(encoding="utf-8"))]
    assert len(notes) == 3, notes
    for note in notes:
        assert note.startswith(NOTE_LABEL[lang]) and note.endswith("]"), note


def test_the_original_has_no_translators_notes_and_the_notes_are_styled(site_build):
    assert 'class="translator-note"' not in (site_build.dir / PAGE["kk"]).read_text(encoding="utf-8")
    css = (site_build.dir / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert re.search(r"\.md-typeset em\.translator-note\s*\{[^}]*font-size", css)
