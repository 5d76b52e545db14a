"""One search index per language, each carrying its language's search settings.

static-i18n merges every language's pages into one ``search/search_index.json``, so a Kazakh reader gets
Russian and English results too. ``split`` turns that merged index into one index per language, each
written where that language's pages look for it (``<prefix>search/search_index.json``, see the ``config``
block of ``overrides/main.html``), with locations relative to the language root and:

- the lunr language and pipeline of ``data/search/<lang>.yml`` (``searchdata``; a language without a
  file gets lunr's English setup with an empty pipeline: prefix search as typed);
- ``kit``: the language's folding, stemmer and rules, the synonyms and the clause boosts, which the site's
  search worker (``assets/javascripts/workers/search-kit.js``) applies in the browser, and ``written``: the
  words of the language's pages that folding merges with another one, which the index keeps as written
  too, and ``stems``: with suffix rules, the words whose stem the index must hold (those it does not
  begin) — found here, at build time, rather than by every reader's browser;
- field and page boosts from ``data/search/settings.yml``, and a brief's tags as their labels in the page's
  language (``data/tags.yml``) on the page's own entry only, not on every section of it;
- a separator that also splits at «», „“, (), [], dashes and Arabic punctuation.

The files are written as UTF-8, not ``\\uXXXX`` escapes, which makes a Cyrillic index several times
smaller.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from sitekit import stemmer
from sitekit.project import Project
from sitekit.searchdata import SearchData

MARKUP = re.compile(r"<[^>]*>")
SEPARATOR = r"""[\s\-–—«»„“”"'’()\[\]{}<>.,:;!?/…،؛؟]+"""  # the same text as in mkdocs.yml and kk.html


def language_of(location: str, project: Project) -> str:
    for lang in project.languages:
        if lang.prefix and location.startswith(lang.prefix):
            return lang.code
    return project.default.code


def words_of(docs: list[dict]) -> set[str]:
    """Every word of the docs' titles, texts and tags, lowercased and split as lunr splits them."""
    words = set()
    for doc in docs:
        for value in (doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])):
            words.update(w for w in re.split(SEPARATOR, MARKUP.sub(" ", str(value)).lower()) if w)
    return words


def config_for(code: str, data: SearchData, fields: dict | None = None, docs: list[dict] | None = None) -> dict:
    """The ``config`` block of ``code``'s index: what Material reads, plus ``kit`` for the site's worker.
    ``fields`` are Material's own field boosts, kept where ``settings.yml`` sets none; ``docs`` the index's
    entries, whose words that folding merges with another one the index keeps as written too."""
    settings = data.languages[code]
    words, analyzer = words_of(docs or []), stemmer.Analyzer.of(settings)
    lunr = settings["lunr"]
    kit = {
        "stemmer": settings.get("stemmer", "none"),
        "lunr": {"lang": list(lunr["lang"])},
        "fold": settings.get("fold") or {},
        "lookalikes": settings.get("lookalikes") or {},
        "proclitics": settings.get("proclitics") or [],
        "rules": settings.get("rules") if settings.get("stemmer") == "rules" else None,
        "written": stemmer.merged_by_folding(words, analyzer),
        "stems": stemmer.stems_to_index(words, analyzer),
        "synonyms": data.synonyms,
        "clauses": data.clauses,
    }
    return {
        "separator": SEPARATOR,
        "lang": list(lunr["lang"]),
        "pipeline": list(lunr.get("pipeline") or []),
        "fields": {name: {"boost": boost} for name, boost in data.fields.items()} or dict(fields or {}),
        "kit": kit,
    }


def index_for(code: str, merged: dict, project: Project, data: SearchData, tags: dict | None = None) -> dict:
    """The index of language ``code`` out of a merged index."""
    tags = tags or {}
    lang = project.language(code)
    docs = []
    for doc in merged.get("docs", []):
        if language_of(doc["location"], project) != code:
            continue
        entry = {**doc, "location": doc["location"][len(lang.prefix):]}
        boost = data.pages.get(entry["location"].split("#")[0])
        if boost is not None:
            entry["boost"] = boost
        entry.pop("tags", None)
        if doc.get("tags") and "#" not in doc["location"]:
            entry["tags"] = [tags.get(tag, {}).get(code, tag) if isinstance(tags.get(tag), dict) else tag
                             for tag in doc["tags"]]
        docs.append(entry)
    config = config_for(code, data, merged.get("config", {}).get("fields"), docs)
    return {"config": config, "docs": docs}


def split(merged: dict, project: Project, data: SearchData, tags: dict | None = None) -> dict[str, dict]:
    """The per-language indexes of a merged index, keyed by language code."""
    return {lang.code: index_for(lang.code, merged, project, data, tags) for lang in project.languages}


def read_merged(site_dir: Path) -> dict:
    """The merged index static-i18n left under ``site_dir``."""
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def write_language(site_dir: Path, code: str, merged: dict, project: Project, data: SearchData,
                   tags: dict | None = None) -> Path:
    """Write the index of language ``code`` where its pages look for it; return its path. The merged
    index under the site root is replaced by the default language's."""
    path = site_dir / project.language(code).prefix / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    index = index_for(code, merged, project, data, tags)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def write(site_dir: Path, project: Project, data: SearchData, tags: dict | None = None) -> dict[str, Path]:
    """Replace the merged index under ``site_dir`` with one index per language; return their paths."""
    merged = read_merged(site_dir)
    return {lang.code: write_language(site_dir, lang.code, merged, project, data, tags) for lang in project.languages}
