"""Stable anchors: every heading has an explicit, readable id, the same in the three language versions
of a page, so a link to a section (…/ru/article/#references) survives translation and re-wording.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from sitekit.project import ROOT
from sitepages import LANGS, content_pages, language_of, neutral_path, parse

READABLE_ID = re.compile(r"(?:[a-z]|[0-9]+[a-z])[a-z0-9]*(?:-[a-z0-9]+)*")  # words joined by "-": 21st-century-diplomacy
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT = re.compile(r"\{\s*#([^\s}]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def source_headings(text: str):
    """(line, heading text) of the Markdown headings of a file, outside front matter and code fences."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0] == "---":
        start = lines.index("---", 1) + 1
    fenced = False
    for number, line in enumerate(lines[start:], start + 1):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and HEADING.match(line):
            yield number, line


def test_every_markdown_heading_has_an_explicit_readable_id():
    problems = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for number, line in source_headings(path.read_text(encoding="utf-8")):
            explicit = EXPLICIT.search(line)
            where = f"{path.relative_to(ROOT)}:{number}"
            if not explicit:
                problems.append(f"{where}: heading without an explicit id (add {{#some-id}}): {line}")
            elif not READABLE_ID.fullmatch(explicit.group(1)):
                problems.append(f"{where}: id {explicit.group(1)!r} is not lowercase ASCII words joined by '-'")
    assert problems == []


def built_headings(site_build):
    """{page: [(level, id, text)]} of the headings in the content of every built page."""
    return {rel: parse(site_build.dir / rel).headings for rel in content_pages(site_build.dir)}


def test_every_built_heading_has_a_readable_id(site_build):
    problems = []
    for rel, headings in built_headings(site_build).items():
        for h in headings:
            if not h.id:
                problems.append(f"{rel}:{h.line}: <h{h.level}> {h.text!r} has no id")
            elif not READABLE_ID.fullmatch(h.id):  # no "_1", no Cyrillic slug
                problems.append(f"{rel}:{h.line}: <h{h.level}> {h.text!r} has id {h.id!r}, not a readable one")
    assert problems == []


def test_ids_are_unique_within_a_page(site_build):
    duplicates = {}
    for rel in content_pages(site_build.dir):
        repeated = sorted(i for i, n in Counter(parse(site_build.dir / rel).ids).items() if n > 1)
        if repeated:
            duplicates[rel] = repeated
    assert duplicates == {}


def test_the_same_heading_ids_in_every_language(site_build):
    """The same multiset of heading ids in each language version (the glossary's order follows each
    language's alphabet, so order may differ), and every page exists in every language. The citation
    apparatus is left out: each language shows its own citation styles (mkdocs.yml), and a pending page,
    showing another language's text, none."""
    per_page = defaultdict(dict)
    for rel, headings in built_headings(site_build).items():
        per_page[neutral_path(rel)][language_of(rel)] = sorted(
            (h.level, h.id or "") for h in headings if not (h.id or "").startswith(("cite-", "how-to-cite")))
    differ = {}
    for path, versions in sorted(per_page.items()):
        if set(versions) != set(LANGS):
            differ[path] = f"only in {sorted(versions)}"
            continue
        reference = versions[LANGS[0]]
        for lang in LANGS[1:]:
            if versions[lang] != reference:
                only_here = sorted(set(versions[lang]) - set(reference))
                only_there = sorted(set(reference) - set(versions[lang]))
                differ[f"{path} ({lang})"] = f"has {only_here}, {LANGS[0]} has {only_there}"
    assert differ == {}
