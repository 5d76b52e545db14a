"""The scripts of every page: deferred, so that none holds back the first paint (Lighthouse, issue 15), in
the order they need (on-demand.js, which the next three use, search-on-demand.js and switcher-on-demand.js
before bundle-on-demand.js, which loads
Material's bundle at the reader's first action, the site's own after it); the bundle it loads and the one
the page prefetches are the pinned Material's (an upgrade renames it)."""
from __future__ import annotations

import re
from pathlib import Path

import material

from sitekit.project import ROOT
from sitepages import content_pages

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
SRC = re.compile(r'\bsrc="([^"]+)"')
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
ORDER = re.compile(r"on-demand\.js search-on-demand\.js switcher-on-demand\.js bundle-on-demand\.js citation\.js")
DATA_BUNDLE = re.compile(r'<script src="[^"]*/bundle-on-demand\.js" data-bundle="([^"]+)" defer>')
PREFETCH = re.compile(r'<link rel="prefetch" href="([^"]+)">')


def external_scripts(html: str) -> list[tuple[str, bool]]:
    """(src, deferred) of each ``<script src>`` of a page, in document order."""
    out = []
    for match in SCRIPT.finditer(html):
        attrs = match.group(1)
        src = SRC.search(attrs)
        if src:
            out.append((src.group(1), bool(re.search(r"\bdefer\b", attrs))))
    return out


def test_the_bundle_is_the_one_material_ships():
    theirs = set(BUNDLE.findall((Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")))
    ours = set(BUNDLE.findall((ROOT / "overrides" / "main.html").read_text(encoding="utf-8")))
    assert len(theirs) == 1
    assert ours == theirs


def test_every_page_defers_its_scripts_in_order(site_build):
    pages = content_pages(site_build.dir)
    assert pages
    wrong = {}
    for rel in pages:
        scripts = external_scripts((site_build.dir / rel).read_text(encoding="utf-8"))
        names = " ".join(src.rsplit("/", 1)[-1] for src, _ in scripts)
        if not ORDER.fullmatch(names) or not all(deferred for _, deferred in scripts):
            wrong[rel] = scripts
    assert wrong == {}


def test_every_page_prefetches_and_loads_on_demand_the_bundle_material_ships(site_build):
    theirs = BUNDLE.findall((Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8"))
    wrong = {}
    for rel in content_pages(site_build.dir):
        html = (site_build.dir / rel).read_text(encoding="utf-8")
        loaded, prefetched = DATA_BUNDLE.findall(html), PREFETCH.findall(html)
        page_dir = (site_build.dir / rel).parent
        found = [str((page_dir / url).resolve().relative_to(site_build.dir.resolve())) for url in loaded + prefetched]
        if found != theirs * 2:
            wrong[rel] = loaded + prefetched
    assert wrong == {}
