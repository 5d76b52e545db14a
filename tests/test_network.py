"""Nothing from third parties: the built site loads every file from its own origin (no Google Fonts, no
CDN), and in Chromium every request of a page view, and of a search, goes to the test server; the
Kazakh text is drawn with our Roboto files.
"""
from __future__ import annotations

import re
import urllib.parse

import pytest

from sitepages import LANGS, SAMPLES, content_pages, html_files, parse, prefix

FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
CDN = re.compile(r"https?://(?:[\w-]+\.)*(?:googleapis\.com|gstatic\.com|unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com"
                 r"|cdn\.[\w.-]+|ajax\.aspnetcdn\.com|code\.jquery\.com|use\.fontawesome\.com|polyfill\.io)[^\s\"')]*")
# Material's bundle names two scripts it fetches only in cases this site never has: a ResizeObserver
# polyfill (every supported browser has ResizeObserver) and mermaid (only for ```mermaid blocks, which
# test_no_page_needs_a_third_party_script checks are absent). The browser tests below prove no such request.
MATERIAL_FALLBACKS = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
LOADING = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
           ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset")}


def text_files(site_dir):
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg", ".map"}:
            yield path


def test_no_google_fonts_anywhere(site_build):
    found = [f"{p.relative_to(site_build.dir)}: {host}" for p in text_files(site_build.dir)
             for host in FONT_HOSTS if host in p.read_text(encoding="utf-8", errors="replace")]
    assert found == []


def test_no_cdn_reference_outside_materials_unused_fallbacks(site_build):
    found = {}
    for path in text_files(site_build.dir):
        if path.suffix == ".map":
            continue  # source maps carry the sources' comments; browsers fetch them only in devtools
        urls = set(CDN.findall(path.read_text(encoding="utf-8", errors="replace")))
        if path.suffix == ".js":
            urls -= MATERIAL_FALLBACKS
        if urls:
            found[path.relative_to(site_build.dir).as_posix()] = sorted(urls)
    assert found == {}


def test_no_page_needs_a_third_party_script(site_build):
    mermaid = [rel for rel in content_pages(site_build.dir)
               if 'class="mermaid"' in (site_build.dir / rel).read_text(encoding="utf-8")]
    assert mermaid == []


def test_pages_load_files_from_the_site_only(site_build):
    """Every stylesheet, script, image and icon a page loads is relative or under site_url."""
    foreign = []
    for rel in html_files(site_build.dir):
        page_url = site_build.site_url + rel
        for tag, attrs in parse(site_build.dir / rel).elements:
            for attr in ("href", "src", "srcset", "data"):
                if (tag, attr) not in LOADING or attr not in attrs:
                    continue
                if tag == "link" and attrs.get("rel") in ("alternate", "canonical", "prev", "next"):
                    continue  # links to pages, not loaded
                for value in attrs[attr].split(","):
                    url = urllib.parse.urljoin(page_url, value.strip().split(" ")[0])
                    if not url.startswith(site_build.site_url) and not url.startswith("data:"):
                        foreign.append(f"{rel}: <{tag} {attr}={attrs[attr]!r}>")
    assert foreign == []


def test_stylesheets_import_nothing_foreign(site_build):
    foreign = []
    for path in sorted(site_build.dir.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", url) and not url.startswith("data:"):
                foreign.append(f"{path.relative_to(site_build.dir)}: {url}")
        foreign += [f"{path.relative_to(site_build.dir)}: @import"
                    for _ in re.findall(r"@import", path.read_text(encoding="utf-8"))]
    assert foreign == []


# --- in Chromium ------------------------------------------------------------------------------------

def record(page):
    """Every request of the page's context (workers included): the page fixture records the page's only."""
    seen = []
    page.context.on("request", lambda req: seen.append(req.url))
    return seen


def off_site(served_site, urls):
    return sorted({u for u in urls if not u.startswith(served_site.site_url) and not u.startswith(("data:", "blob:"))})


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_page_views_and_search_request_only_the_test_server(page, served_site, lang):
    seen = record(page)
    for path in SAMPLES:
        page.goto(served_site.url(prefix(lang) + path), wait_until="networkidle")
    # an open search with results: the worker, lunr (and its language files) and the index load
    page.click("input[data-md-component=search-query]")
    page.keyboard.type("Facebook")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__list a")
    page.wait_for_load_state("networkidle")
    urls = seen + page.requests
    assert off_site(served_site, urls) == []
    assert served_site.url(prefix(lang) + "search/search_index.json") in urls
    assert any(u.startswith(served_site.url("assets/fonts/roboto-")) for u in urls)
    assert page.console_errors == []


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really drew the element's text with (DevTools' CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no element {selector}"
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["article/", "briefs/"])
def test_kazakh_text_is_drawn_with_our_roboto(page, served_site, path):
    page.goto(served_site.url(path), wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    # mark the first paragraph of the text with Kazakh-only letters
    text = page.evaluate("""() => {
        const p = [...document.querySelectorAll('article.md-content__inner > p')]
            .find(p => /[әғқңөұүі]/.test(p.textContent));
        p.setAttribute('data-test-kazakh', '');
        return p.textContent; }""")
    assert re.search("[әғқңөұүі]", text), text
    selector = "[data-test-kazakh]"
    fonts = platform_fonts(page, selector)
    assert fonts and all(f["familyName"] == "Roboto" and f["isCustomFont"] for f in fonts), fonts
    loaded = page.evaluate("""() => [...document.fonts].filter(f => f.status === 'loaded')
        .map(f => f.family.replaceAll('"', '') + ' ' + f.weight)""")
    assert "Roboto 400" in loaded
    font_files = {u for u in page.requests if "/assets/fonts/" in u}
    assert served_site.url("assets/fonts/roboto-cyrillic-ext-400.woff2") in font_files
    assert all(u.startswith(served_site.url("assets/fonts/")) for u in font_files)
