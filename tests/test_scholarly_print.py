"""The article in the browser: printed without the site's chrome but with its citation and address, and
the copy buttons of "How to cite" working under the site's scripts-from-files-only policy."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data
from playwright.sync_api import expect

from sitekit import citation, project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project.load(ROOT)
CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "search": ".md-search",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "back to top": ".md-top",
    "edit and view buttons": ".md-content__button",
    "copy buttons": ".citation__copy",
    "PDF link": ".citation__pdf",
}


def article_path(lang: str) -> str:
    return PROJECT.language(lang).prefix + "article/"


def visible(page, selector: str) -> list[int]:
    """Indexes of the elements matching ``selector`` that are visible."""
    found = page.locator(selector)
    return [i for i in range(found.count()) if found.nth(i).is_visible()]


@pytest.mark.browser
@pytest.mark.parametrize("lang", [c for c in PROJECT.codes if (ROOT / "docs" / f"article.{c}.md").exists()])
def test_printed_article_has_no_chrome_but_its_citation_and_url(page, served_site, lang):
    url = served_site.url(article_path(lang))
    page.set_viewport_size({"width": 1280, "height": 900})  # wide enough that Material shows both sidebars
    page.goto(url)
    assert visible(page, ".md-header") and visible(page, ".md-sidebar--primary")  # on screen they are there
    page.emulate_media(media="print")
    shown = {name: selector for name, selector in CHROME.items() if visible(page, selector)}
    assert shown == {}
    assert visible(page, ".article-front") == [0]
    styles = PROJECT.language(lang).citation_styles or tuple(citation.FORMATS)  # the language's own (mkdocs.yml)
    for name in styles:
        assert visible(page, f"#cite-{name}-text") == [0], name
    address = page.locator(".citation__page-url")
    assert address.is_visible()
    assert url in address.inner_text()
    assert url in page.locator(f"#cite-{styles[0]}-text").inner_text()
    assert page.console_errors == []


@pytest.mark.browser
def test_copy_button_copies_the_reference(page, served_site):
    lang = "en"
    body, meta = get_data((ROOT / "docs" / f"article.{lang}.md").read_text(encoding="utf-8"))
    url = served_site.url(article_path(lang))
    record = citation.record(meta, language=lang, url=url, container=PROJECT.language(lang).site_name,
                             key="article-2026-en", text=body)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page.goto(url)
    for name, formatted in citation.format_all(record).items():
        button = page.locator(f'button[data-citation-copy="cite-{name}-text"]')
        assert button.is_visible(), name  # revealed by the script
        button.click()
        status = button.locator("xpath=following-sibling::*[@role='status']")
        expect(status).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == formatted.text, name
    assert page.console_errors == []
