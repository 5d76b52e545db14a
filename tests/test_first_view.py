"""A reader's first view of the article page on a phone (Lighthouse's mobile screen, 412 × 823 CSS px; issue
15): never wider than the screen, with or without JavaScript (a page wider than the screen is zoomed out by
the phone, and when the width changes as the scripts run, everything on it shifts: an Arabic page, laid
out from the right, sideways), no font file downloaded for a script the page shows no letter of (the
language switcher's names, each in its own script, are laid out only while its menu is open), and the
switcher's sitemaps requested only when the reader turns to it (switcher-on-demand.js)."""
from __future__ import annotations

import pytest

from sitekit import preload
from sitekit.project import ROOT
from sitepages import LANGS, PHONE, WIDTHS, prefix

# The text a reader can see somewhere on the page (scrolled to, or in the menu drawer): text that is laid
# out and not transparent (Material hides its closed menus with opacity 0).
SHOWN_TEXT = """() => {
  const seen = (el) => { for (; el; el = el.parentElement) { const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false; } return true; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (node.parentElement.getClientRects().length && seen(node.parentElement)) text += node.data;
  return text;
}"""
FONTS_CSS = (ROOT / "docs" / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")



@pytest.mark.browser
@pytest.mark.parametrize("scripts", [False, True], ids=["without-js", "with-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_article_fits_a_phone_screen(browser, served_site, lang, scripts):
    context = browser.new_context(java_script_enabled=scripts, **PHONE)
    try:
        page = context.new_page()
        page.goto(served_site.url(prefix(lang) + "article/"), wait_until="load")
        page.wait_for_timeout(300)
        assert page.evaluate(WIDTHS) == [412, 412, 412]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_view_downloads_only_the_fonts_its_text_needs(page, served_site, lang):
    page.goto(served_site.url(prefix(lang) + "article/"), wait_until="networkidle")
    page.wait_for_timeout(500)
    shown = {ord(c) for c in page.evaluate(SHOWN_TEXT)}
    unneeded = {url.rsplit("/", 1)[-1] for url, _, codes in preload.css_faces(FONTS_CSS) if not codes & shown}
    fetched = {url.rsplit("/", 1)[-1] for url in page.requests if url.endswith(".woff2")}
    assert fetched and fetched & unneeded == set()
    # the switcher's menu, opened, shows every language's name
    page.click(".md-header .md-select button")
    names = page.locator(".md-header .md-select__link")
    assert names.count() == len(LANGS)
    assert all(names.nth(i).is_visible() for i in range(len(LANGS)))


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_switchers_sitemaps_wait_for_the_reader(page, served_site, lang):
    url = served_site.url(prefix(lang) + "article/")
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    sitemaps = lambda: [u for u in page.requests if u.endswith("/sitemap.xml")]  # noqa: E731
    assert sitemaps() == []
    page.hover(".md-header .md-select button")  # also the first action: Material's bundle loads and asks
    wanted = served_site.url(prefix(lang) + "sitemap.xml")
    for _ in range(50):
        if wanted in sitemaps():
            break
        page.wait_for_timeout(100)
    assert wanted in sitemaps()
    other = next(code for code in LANGS if code != lang)
    page.click(f".md-header .md-select__link[hreflang={other}]")
    page.wait_for_url(served_site.url(prefix(other) + "article/"))
    assert page.console_errors == []
