"""The three languages of the site: <html lang>, hreflang alternates, sitemaps, the language switcher
and the 404 page, on the strict build of the real site served under a sub-path (conftest.py).
"""
from __future__ import annotations

import gzip
import posixpath
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from sitepages import (BRIEF, DEFAULT, LANGS, NOT_FOUND, SAMPLES, content_pages, html_files, language_of,
                       neutral_path, parse, prefix)

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def page_url(site_url: str, rel: str) -> str:
    """The served URL of a built file (``ru/article/index.html`` → ``…/qdd/ru/article/``)."""
    return site_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def expected_alternates(site_url: str, path: str) -> dict[str, str]:
    out = {lang: site_url + prefix(lang) + path for lang in LANGS}
    out["x-default"] = out[DEFAULT]
    return out


def built_file(site_build, url: str):
    """The file under the build that a URL of the served site maps to (None when outside the site)."""
    if not url.startswith(site_build.site_url):
        return None
    rel = urllib.parse.urlsplit(url).path[len(urllib.parse.urlsplit(site_build.site_url).path):]
    target = site_build.dir / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


# --- static: every built page ---------------------------------------------------------------------

def test_every_language_is_built(site_build):
    found = {language_of(rel) for rel in content_pages(site_build.dir)}
    assert found == set(LANGS)
    for lang in LANGS:
        assert (site_build.dir / prefix(lang) / "index.html").is_file(), f"no home page for {lang}"


def test_html_lang_matches_the_language_folder(site_build):
    wrong = []
    for rel in html_files(site_build.dir):
        found = parse(site_build.dir / rel).lang
        expected = language_of(rel)
        if found != expected:
            wrong.append(f"{rel}: <html lang={found!r}>, expected {expected!r}")
    assert wrong == []


def test_hreflang_alternates_are_absolute_and_complete(site_build):
    wrong = []
    for rel in content_pages(site_build.dir):
        found = parse(site_build.dir / rel).page_alternates
        expected = expected_alternates(site_build.site_url, neutral_path(rel))
        if found != expected:
            wrong.append(f"{rel}: found {found}, expected {expected}")
        for href in found.values():
            target = built_file(site_build, href)
            if target is None or not target.is_file():
                wrong.append(f"{rel}: alternate {href} is not a built page")
    assert wrong == []


def test_language_switcher_on_every_page_links_to_the_same_page(site_build):
    wrong = []
    for rel in content_pages(site_build.dir):
        here = page_url(site_build.site_url, rel)
        doc = parse(site_build.dir / rel)
        found = {a["hreflang"]: urllib.parse.urljoin(here, a["href"])
                 for a in doc.links if "md-select__link" in a.get("class", "").split()}
        expected = {lang: site_build.site_url + prefix(lang) + neutral_path(rel) for lang in LANGS}
        if found != expected:
            wrong.append(f"{rel}: switcher links {found}, expected {expected}")
    assert wrong == []


def _read_sitemap(path):
    """[(loc, {hreflang: href})] of a sitemap file."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}urlset", f"{path}: root is {root.tag}"
    out = []
    for url in root.findall("sm:url", SITEMAP_NS):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
                 if link.get("rel") == "alternate"}
        out.append((url.findtext("sm:loc", namespaces=SITEMAP_NS), links))
    return out


def _sitemap_problems(site_build, path, pages):
    """Problems of one sitemap that should list exactly ``pages`` (site-relative HTML paths)."""
    problems = []
    entries = _read_sitemap(path)
    locs = [loc for loc, _ in entries]
    expected = sorted(page_url(site_build.site_url, rel) for rel in pages)
    if sorted(locs) != expected:
        problems.append(f"{path.relative_to(site_build.dir)}: lists {sorted(locs)}, expected {expected}")
    for loc, links in entries:
        rel = loc[len(site_build.site_url):]
        want = expected_alternates(site_build.site_url, rel[len(prefix(language_of(rel))):])
        if links != want:
            problems.append(f"{path.relative_to(site_build.dir)}: {loc} has alternates {links}, expected {want}")
    return problems


def test_root_sitemap_lists_every_page_with_its_alternates(site_build):
    pages = content_pages(site_build.dir)
    assert _sitemap_problems(site_build, site_build.dir / "sitemap.xml", pages) == []
    with gzip.open(site_build.dir / "sitemap.xml.gz") as gz:
        assert gz.read() == (site_build.dir / "sitemap.xml").read_bytes()


def test_language_and_page_sitemaps_list_their_pages(site_build):
    """Material's switcher fetches ``sitemap.xml`` beside every alternate: each language root has the
    sitemap of its language and each page folder the sitemap of its page."""
    problems = []
    pages = content_pages(site_build.dir)
    for lang in LANGS:
        if prefix(lang):
            mine = [rel for rel in pages if language_of(rel) == lang]
            problems += _sitemap_problems(site_build, site_build.dir / prefix(lang) / "sitemap.xml", mine)
    for rel in pages:
        folder = posixpath.dirname(rel)
        if folder and folder + "/" not in {prefix(lang) for lang in LANGS}:
            target = site_build.dir / folder / "sitemap.xml"
            if not target.is_file():
                problems.append(f"{folder}/sitemap.xml: missing")
            else:
                problems += _sitemap_problems(site_build, target, [rel])
    assert problems == []


def test_every_sitemap_material_fetches_exists(site_build):
    """Material fetches ``new URL("sitemap.xml", href)`` for every <link rel=alternate> (feeds too)."""
    missing = []
    for rel in content_pages(site_build.dir):
        for alt in parse(site_build.dir / rel).alternates:
            sitemap = urllib.parse.urljoin(alt["href"], "sitemap.xml")
            target = built_file(site_build, sitemap)
            if target is None or not target.is_file():
                missing.append(f"{rel}: {sitemap} (for {alt['href']})")
    assert missing == []


def test_not_found_page_is_the_default_languages(site_build):
    doc = parse(site_build.dir / NOT_FOUND)
    assert doc.lang == DEFAULT
    assert [h.text for h in doc.headings if h.level == 1] == ["404 - Not found"]


@pytest.mark.parametrize("missing", ["no-such-page/", "ru/no-such-page/", "en/briefs/no-such-brief/"])
def test_missing_url_gets_404_status_and_page(served_site, missing):
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(served_site.url(missing), timeout=10)
    assert caught.value.code == 404
    body = caught.value.read().decode("utf-8")
    assert "<h1>404 - Not found</h1>" in body
    assert body == (served_site.dir / NOT_FOUND).read_text(encoding="utf-8")


# --- in Chromium ------------------------------------------------------------------------------------

def _lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def _switch(page, lang: str) -> None:
    page.click(".md-header .md-select button")  # opens the menu (focus-within)
    with page.expect_navigation(wait_until="load"):
        page.click(f".md-select__link[hreflang={lang}]")


@pytest.mark.browser
def test_switcher_keeps_the_reader_on_the_same_page(page, served_site):
    page.goto(served_site.url(BRIEF), wait_until="networkidle")  # Material has fetched the sitemaps
    assert _lang(page) == DEFAULT
    visited = []
    for lang in [code for code in LANGS if code != DEFAULT] + [DEFAULT]:
        _switch(page, lang)
        visited.append((page.url, _lang(page)))
        page.wait_for_load_state("networkidle")
    assert visited == [(served_site.url(prefix(lang) + BRIEF), lang)
                       for lang in [code for code in LANGS if code != DEFAULT] + [DEFAULT]]
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", SAMPLES, ids=["home", "article", "brief"])
def test_page_view_has_no_console_error_or_failed_request(page, served_site, lang, path):
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    response = page.goto(served_site.url(prefix(lang) + path), wait_until="networkidle")
    assert response.status == 200
    assert _lang(page) == lang
    # the sitemaps of the page's alternates are fetched (so the switcher can map the page) once the reader
    # turns to the switcher (switcher-on-demand.js); Material asks for them from its scripts, which on a
    # loaded machine may run after the network was first idle
    sitemap = served_site.url(prefix(lang) + path + "sitemap.xml")
    page.hover(".md-header .md-select button")
    for _ in range(100):
        if sitemap in page.requests:
            break
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    assert sitemap in page.requests
    assert failed == []
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["no-such-page/", "ru/no-such-page/"])
def test_404_page_in_the_browser(page, served_site, missing):
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.url != served_site.url(missing)
            and failed.append(f"{r.status} {r.url}"))
    response = page.goto(served_site.url(missing), wait_until="networkidle")
    assert response.status == 404
    assert page.inner_text("article h1") == "404 - Not found"
    assert _lang(page) == DEFAULT
    # the page is styled at any depth under the sub-path: Material's stylesheet loaded and applied
    assert failed == []
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    # Chromium logs the document's own 404 status; nothing else may fail
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
