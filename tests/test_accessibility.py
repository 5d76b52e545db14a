"""Accessibility: axe-core (the project's pinned node_modules/axe-core) finds no WCAG 2.1 A/AA violation
on the home page, the article, a brief and an open search with results, in every language, in the
light and the dark scheme. No rule is disabled: a violation is fixed in extra.css or the templates.
"""
from __future__ import annotations

import pytest

from sitekit.project import ROOT
from sitepages import LANGS, PROJECT, SAMPLES, prefix, run_search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's scheme
QUERY = {"kk": "дипломатия", "ru": "дипломатия", "en": "diplomacy", "ar": "دبلوماسية"}


def query(lang: str) -> str:
    """A word of the article as a reader of ``lang`` sees it: in its own text, or while the article is
    pending there, in the text its fallback order shows."""
    for code in (lang, *PROJECT.fallback_order(lang)):
        if (PROJECT.docs_dir / f"article.{code}.md").exists():
            return QUERY[code]
    raise AssertionError(f"no article for {lang}")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` + v.nodes.map(n =>
    `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ").slice(0, 300)}`).join("\\n"));
}"""


@pytest.fixture(params=list(SCHEMES))
def axe_page(request, browser, served_site):
    """A page in the light or dark scheme. bypass_csp lets the test inject axe-core (a test tool, not part
    of the site) into pages whose Content-Security-Policy forbids inline and foreign scripts."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts`")
    context = browser.new_context(locale="en-US", bypass_csp=True, color_scheme=request.param)
    page = context.new_page()
    page.scheme = SCHEMES[request.param]
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def violations(page) -> list[str]:
    assert page.evaluate("document.body.dataset.mdColorScheme") == page.scheme
    page.evaluate("document.fonts.ready")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, TAGS)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", SAMPLES, ids=["home", "article", "brief"])
def test_no_wcag_violation_on_pages(axe_page, served_site, lang, path):
    axe_page.goto(served_site.url(prefix(lang) + path), wait_until="networkidle")
    assert violations(axe_page) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_wcag_violation_in_open_search(axe_page, served_site, lang):
    links = run_search(axe_page, served_site.url(prefix(lang)), query(lang))
    assert links
    assert axe_page.is_visible(".md-search-result__list")
    assert violations(axe_page) == []
