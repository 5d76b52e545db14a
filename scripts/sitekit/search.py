"""One search index per language.

static-i18n merges every language's pages into one ``search/search_index.json``, so a Kazakh reader gets
Russian and English results too. ``split`` turns that merged index into one index per language, each
written where that language's pages look for it (``<prefix>search/search_index.json``, see the ``config``
block of ``overrides/main.html``), with locations relative to the language root and a search
configuration that works for the language:

- Kazakh has no lunr language: ``lang: [en]`` with an empty pipeline. Setting ``lang: kk`` silently
  kills search, and lunr's English trimmer strips every Cyrillic letter.
- No stemmer anywhere: Material runs prefix queries, so ``дипломатия`` already finds
  ``дипломатиясындағы``, while a stemmed index no longer contains the prefixes typed.
- Russian and English keep their stop-word filters.
- The separator also splits at «», „“, (), [] and dashes, so no punctuation sticks to a word.

The files are written as UTF-8, not ``\\uXXXX`` escapes, which makes a Cyrillic index several times
smaller.
"""
from __future__ import annotations

import json
from pathlib import Path

from sitekit.project import Project

SEPARATOR = r"""[\s\-–—«»„“”"'’()\[\]{}<>.,:;!?/…]+"""  # the same text as in mkdocs.yml and kk.html

LUNR = {
    "kk": {"lang": ["en"], "pipeline": []},
    "ru": {"lang": ["ru"], "pipeline": ["stopWordFilter"]},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
}


def language_of(location: str, project: Project) -> str:
    for lang in project.languages:
        if lang.prefix and location.startswith(lang.prefix):
            return lang.code
    return project.default.code


def split(merged: dict, project: Project) -> dict[str, dict]:
    """The per-language indexes of a merged index, keyed by language code."""
    fields = merged.get("config", {}).get("fields", {})
    out = {}
    for lang in project.languages:
        config = {"separator": SEPARATOR, "fields": fields, **LUNR.get(lang.code, LUNR["en"])}
        docs = []
        for doc in merged.get("docs", []):
            if language_of(doc["location"], project) != lang.code:
                continue
            docs.append({**doc, "location": doc["location"][len(lang.prefix):]})
        out[lang.code] = {"config": config, "docs": docs}
    return out


def write(site_dir: Path, project: Project) -> dict[str, Path]:
    """Replace the merged index under ``site_dir`` with one index per language; return their paths."""
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    paths = {}
    for code, index in split(merged, project).items():
        path = site_dir / project.language(code).prefix / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        paths[code] = path
    return paths
