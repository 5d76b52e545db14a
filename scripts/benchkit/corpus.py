"""Generated sites of N pages in every language, made of the real site's own text.

The build benchmark needs pages that read like this site's: realistic paragraph lengths in Kazakh,
Russian and English, the real front matter, tags and glossary terms. So a corpus is built from aligned
*triples* taken out of ``docs/``: the same paragraph (or heading, or brief front matter) in kk, ru and en,
found by the translation check's own parser (``i18ncheck.document``), which guarantees the three files
have the same block sequence; blocks the check has a finding on today (waived or not) are left out. Rotating triples keeps every number, reference marker and glossary term
paired with its translation (a page only takes triples whose page had the same source language, since
the terminology check reads from the source to the translations), so the check and ``mkdocs build --strict`` accept the result.

A corpus of N pages per language has a home page, the briefs listing (``<!-- briefs -->``), the real
pages the nav names (article, glossary, status) and N − 5 briefs; paragraphs with links are left out (their
targets would not exist). The translations are recorded as synced through ``i18ncheck.sync``. The output is
deterministic. The translation check's scaling test (``tests/test_i18ncheck.py``: a tree checked in two
processes as in one) uses it too.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from i18ncheck import document, engine, sync
from i18ncheck.tree import Tree, load_context
from sitekit import project

SECTIONS = 4                  # headings per generated brief
PARAGRAPHS_PER_SECTION = 3    # 1 + 4 × 3 = 13 paragraphs, about the size of a real brief
DATA_FILES = ("tags.yml", "glossary.yml", "galley.yml")  # galley.yml: the PDF galleys of the article
# The pages mkdocs.yml's `nav` names besides the home page and the listing: copied as they are.
NAV_PAGES = ("article", "glossary", "status")
FIXED_PAGES = 2 + len(NAV_PAGES)  # home, listing and the nav pages; the rest of a corpus are briefs


@dataclasses.dataclass(frozen=True)
class Material:
    """What the corpus is made of, each item keyed by language code."""
    codes: tuple[str, ...]
    paragraphs: dict[str, tuple[dict[str, str], ...]]   # source language -> triples
    headings: dict[str, tuple[dict[str, str], ...]]
    briefs: tuple[dict, ...]          # {"shared": {...}, lang: {"title", "description", "summary"}}
    home: dict[str, dict]             # lang -> front matter of the real home page
    listing: dict[str, str]           # lang -> the real briefs listing page, verbatim


def _raw(doc: document.Document, node) -> str:
    return "\n".join(doc.lines[node.line - 1:node.end]).strip()


def _portable(text: str) -> bool:
    """A paragraph that reads the same wherever it is put: no links, footnotes, html or attributes."""
    return not any(mark in text for mark in ("](", "[^", "<", "{:", "{#", "\n    "))


def harvest(root: Path = project.ROOT) -> Material:
    """Collect the aligned triples of the site under ``root``."""
    proj = project.load(root)
    # the languages every page is translated into; a language in progress is pending in the corpus too
    codes = tuple(code for code in proj.codes if code not in proj.in_progress)
    tree = Tree(proj)
    context = load_context(proj)
    paragraphs: dict[str, list] = {}
    headings: dict[str, list] = {}
    briefs = []
    home, listing = {}, {}
    for page in tree.pages():
        docs = page.docs
        if set(docs) != set(codes) or any(d.meta is None for d in docs.values()):
            continue
        if page.uri == "index.md":
            home = {code: docs[code].meta for code in codes}
            continue
        if page.uri == "briefs/index.md":
            listing = {code: "\n".join(docs[code].lines) + "\n" for code in codes}
            continue
        source = page.source_lang
        # waived findings too: a block's waiver comment is a block of its own, which is not copied with it
        flagged = {(f.path, f.line) for f in engine.check_page(page, context)}
        nodes = {code: docs[code].nodes for code in codes}
        if len({len(n) for n in nodes.values()}) != 1:
            continue
        for i, node in enumerate(nodes[codes[0]]):
            if any((docs[c].path, line) in flagged for c in codes
                   for line in range(nodes[c][i].line, nodes[c][i].end + 1)):
                continue  # a block the check has a finding on today is not copied
            kinds = {nodes[c][i].kind for c in codes}
            depths = {nodes[c][i].depth for c in codes}
            if kinds == {"paragraph"} and depths == {0}:
                triple = {c: _raw(docs[c], nodes[c][i]) for c in codes}
                if all(_portable(t) and t for t in triple.values()):
                    paragraphs.setdefault(source, []).append(triple)
            elif kinds == {"heading"} and {nodes[c][i].level for c in codes} == {2}:
                headings.setdefault(source, []).append({c: nodes[c][i].text.strip() for c in codes})
        meta = docs[codes[0]].meta
        if meta.get("kind") == "brief" and source in paragraphs and source in headings:
            shared = {key: meta[key] for key in ("source_lang", "kind", "date", "tags")}
            # a front-matter waiver travels with the texts it waives
            briefs.append({"shared": shared, **{c: {k: docs[c].meta[k] for k in ("title", "description", "summary",
                                                                                 "i18n-waive") if k in docs[c].meta}
                                                for c in codes}})
    if not (paragraphs and headings and briefs and home and listing):
        raise ValueError(f"{root}/docs: no aligned paragraphs, headings, briefs, home or listing to build a corpus from")
    return Material(codes, {k: tuple(v) for k, v in paragraphs.items()},
                    {k: tuple(v) for k, v in headings.items()}, tuple(briefs), home, listing)


def _scalar(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return str(value)  # dates and numbers as YAML writes them


def front_matter(meta: dict) -> str:
    return "---\n" + "".join(f"{key}: {_scalar(value)}\n" for key, value in meta.items()) + "---\n"


def brief(material: Material, n: int, code: str) -> str:
    """The ``n``-th generated brief (n ≥ 1) in language ``code``."""
    model = material.briefs[n % len(material.briefs)]
    texts, source_lang = model[code], model["shared"]["source_lang"]
    meta = {"title": f"{texts['title']} ({n})", "description": texts["description"],
            **model["shared"], "summary": texts["summary"],
            **({"i18n-waive": texts["i18n-waive"]} if "i18n-waive" in texts else {})}
    pool, headings = material.paragraphs[source_lang], material.headings[source_lang]
    per_page = 1 + SECTIONS * PARAGRAPHS_PER_SECTION
    paras = [pool[(n * per_page + j) % len(pool)][code] for j in range(per_page)]
    body = [paras[0]]
    for s in range(SECTIONS):
        body.append(f"## {headings[(n * SECTIONS + s) % len(headings)][code]} {{#section-{s + 1}}}")
        start = 1 + s * PARAGRAPHS_PER_SECTION
        body.extend(paras[start:start + PARAGRAPHS_PER_SECTION])
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"


def home(material: Material, code: str) -> str:
    meta = {k: v for k, v in material.home[code].items() if k in ("title", "description", "source_lang")}
    pool = material.paragraphs[meta["source_lang"]]
    return front_matter(meta) + "\n" + "\n\n".join(pool[j][code] for j in range(2)) + "\n"


def generate(target: Path, pages: int, root: Path = project.ROOT, material: Material | None = None) -> Path:
    """(Re)create ``target`` as a project of ``pages`` pages per language: ``docs/`` (the pages and the
    real ``docs/assets``; the home page, the listing, the real pages the nav names, and briefs for the
    rest), ``data/`` (tags, glossary, the search settings and a sync record of every translation) and a copy of the real
    ``mkdocs.yml``. The hooks and overrides are linked by ``benchkit.variants``."""
    if pages < FIXED_PAGES + 1:
        raise ValueError(f"a corpus needs at least {FIXED_PAGES + 1} pages per language (home, listing, "
                         f"{', '.join(NAV_PAGES)}, one brief), got {pages}")
    material = material or harvest(root)
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    (docs / "briefs").mkdir(parents=True)
    shutil.copytree(root / "docs" / "assets", docs / "assets")
    (target / "data").mkdir()
    for name in DATA_FILES:
        shutil.copy2(root / "data" / name, target / "data" / name)
    if (root / "data" / "search").is_dir():  # the search settings, as the site builds with them
        shutil.copytree(root / "data" / "search", target / "data" / "search")
    shutil.copy2(root / "mkdocs.yml", target / "mkdocs.yml")
    for code in material.codes:
        (docs / f"index.{code}.md").write_text(home(material, code), encoding="utf-8")
        (docs / "briefs" / f"index.{code}.md").write_text(material.listing[code], encoding="utf-8")
        for name in NAV_PAGES:
            shutil.copy2(root / "docs" / f"{name}.{code}.md", docs / f"{name}.{code}.md")
        for n in range(1, pages - FIXED_PAGES + 1):
            (docs / "briefs" / f"brief-{n:04d}.{code}.md").write_text(brief(material, n, code), encoding="utf-8")
    proj = project.load(target)
    tree = Tree(proj)
    sync.sync(tree, load_context(proj), sync.translations(tree))
    return target
