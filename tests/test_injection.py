"""Script injection through every channel an author controls, tried in Chromium on a built fixture site.

A tiny site is built strictly with the real configuration, hooks, overrides and assets, in every language
of ``mkdocs.yml``, whose pages carry payloads in the front matter (``title``, ``description``,
``summary``, ``subtitle``, which Material prints in the navigation; the article's position, keywords and
abstract), in raw HTML in the Markdown body (scripts, event handlers, ``<style>``, ``style=``, a
``javascript:`` link), in a glossary term and its definition (``data/glossary.yml``) and in a tag label
(``data/tags.yml``). Every payload would record itself in ``window.__pwned`` and request ``/pwned/…``.
The assertions: nothing ran, nothing was requested, every page carries the policy, and the titles read as
the text that was written.

The fixture is built **without** ``scripts/hook_i18n.py``: the translation check's ``unsafe-html`` rule
would refuse these pages before the build, and this test is about what holds when that first line is
bypassed (a page built with the hook off, a rule with a gap). What stops the payloads here is the second
line alone: the escaping of titles and generated Markdown and the Content-Security-Policy allow-list.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SUBPATH, _Handler, free_port, mkdocs_build
from sitekit import project

CODES = project.load(ROOT).codes
DEFAULT = project.load(ROOT).default.code


def payload(channel: str) -> str:
    """Markup that, if it ever ran, would say so and call home."""
    run = f"window.__pwned=(window.__pwned||[]).concat('{channel}');fetch('/pwned/{channel}')"
    return (f'</title></h1>"><script>{run}</script><img src="data:," onerror="{run}">'
            f"<svg onload=\"{run}\"></svg>")


TITLE = f"Q&A «тест» {payload('title')}"
DESCRIPTION = f"Desc {payload('description')}"
SUMMARY = f"Sum {payload('summary')}"
BODY = f"""
Body text.

{payload('markdown')}

<style>#styled-element {{ display: none }}</style>
<p id="styled-element">styled element</p>
<p id="styled-attribute" style="display: none">styled attribute</p>

[a javascript link](javascript:window.__pwned=['link']) {{#js-link}}

<a id="js-anchor" href="javascript:window.__pwned=['anchor']">an anchor</a>

## Sources {{#sources}}
"""


def front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=float("inf")) + "---\n"


def fixture_tree(root: Path) -> Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - scripts/hook_i18n.py\n", "")
    config = re.sub(r"(?ms)^nav:\n.*?^not_in_nav: \|\n.*?\n(?=\S)",
                    "nav:\n  - index.md\n  - article.md\n  - briefs/index.md\n  - glossary.md\n"
                    "not_in_nav: |\n  /briefs/*.md\n", config)
    assert "hook_i18n" not in config and "status.md" not in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "scripts").symlink_to(ROOT / "scripts")
    (root / "overrides").symlink_to(ROOT / "overrides")
    (root / "data").mkdir()
    for shared in ("galley.yml", "kinds.yml", "fonts.yml", "locales", "search"):  # the site's own, as they are
        if (ROOT / "data" / shared).exists():
            (root / "data" / shared).symlink_to(ROOT / "data" / shared)
    tags = {"hostile": {code: f"Tag {payload('tag')}" for code in CODES},
            "practice": {code: "Practice" for code in CODES}}
    (root / "data" / "tags.yml").write_text(yaml.safe_dump(tags, allow_unicode=True), encoding="utf-8")
    term = {"id": "hostile-term", "definition": {code: f"*Defined* {payload('glossary-definition')}" for code in CODES}}
    term.update({code: {"term": f"Term {payload('glossary-term')}", "match": ["term"]} for code in CODES})
    (root / "data" / "glossary.yml").write_text(yaml.safe_dump({"terms": [term]}, allow_unicode=True),
                                                encoding="utf-8")
    docs = root / "docs"
    (docs / "briefs").mkdir(parents=True)
    (docs / "assets").symlink_to(ROOT / "docs" / "assets")
    for code in CODES:
        common = {"source_lang": DEFAULT}
        pages = {
            f"index.{code}.md": front({"title": "Home", "description": "Home.", **common}) + "\nHome.\n",
            f"glossary.{code}.md": front({"title": "Glossary", "description": "Terms.", **common})
            + "\nTerms.\n\n<!-- glossary -->\n",
            f"briefs/index.{code}.md": front({"title": "Briefs", "description": "Briefs.", **common})
            + "\nBriefs.\n\n<!-- briefs -->\n",
            f"briefs/hostile.{code}.md": front({
                "title": TITLE, "description": DESCRIPTION, **common, "kind": "brief",
                "date": dt.date(2026, 1, 31), "tags": ["hostile", "practice"], "summary": SUMMARY}) + BODY,
            f"article.{code}.md": front({
                "title": TITLE, "description": DESCRIPTION, "subtitle": f"Sub {payload('subtitle')}", **common,
                "kind": "article",
                "author_position": f"Position {payload('author')}", "published": dt.date(2026, 1, 31),
                "keywords": [f"Keyword {payload('keyword')}"], "abstract": f"Abstract {payload('abstract')}"})
            + BODY,
        }
        for name, text in pages.items():
            (docs / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = fixture_tree(tmp_path_factory.mktemp("hostile"))
    port = free_port()
    site_url = f"http://127.0.0.1:{port}{SUBPATH}"
    proc = mkdocs_build(root / "site", site_url, config=root / "mkdocs.yml")
    if proc.returncode != 0:
        pytest.fail(f"the fixture site does not build strictly:\n{proc.stdout}\n{proc.stderr}")
    handler = functools.partial(_Handler, site_dir=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root / "site", site_url
    server.shutdown()
    server.server_close()


def prefix(code: str) -> str:
    return project.load(ROOT).language(code).prefix


# Every channel on every kind of page in the default language; the brief (front matter, body, tags) in each
# of the others (the same templates, other words and directions).
PAGES = [(DEFAULT, path) for path in ("briefs/hostile/", "article/", "briefs/", "glossary/", "")] + [
    (code, "briefs/hostile/") for code in CODES if code != DEFAULT]


@pytest.mark.slow
def test_the_fixture_really_carries_the_payloads(hostile_site):
    """The payloads reach the built pages as text (so the browser test below tests something)."""
    site, _ = hostile_site
    brief = (site / prefix(DEFAULT) / "briefs" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned=(window.__pwned||[]).concat('markdown')" in brief  # raw HTML stays
    assert "&lt;script&gt;window.__pwned=(window.__pwned||[]).concat(&#39;title&#39;)" in brief  # escaped
    assert not re.search(r"<script>[^<]*concat\('(title|description|summary|tag|glossary)", brief)
    assert 'onerror="window.__pwned' in brief  # the Markdown body's handler is there, for the policy to stop


@contextlib.contextmanager
def watched_page(browser):
    """A page in a fresh context, with the URLs of every request it makes; the context closed after."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        yield page, requests
    finally:
        context.close()


def assert_nothing_ran(page, requests: list[str]) -> None:
    assert page.evaluate("window.__pwned") is None
    assert [url for url in requests if "/pwned/" in url] == []


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("code", "path"), PAGES, ids=[f"{c}:{p or 'home'}" for c, p in PAGES])
def test_no_injected_script_runs(browser, hostile_site, code, path):
    _, site_url = hostile_site
    with watched_page(browser) as (page, requests):
        page.goto(site_url + prefix(code) + path, wait_until="networkidle")
        if page.locator("#js-link").count():
            page.click("#js-link")
            page.click("#js-anchor")
            page.wait_for_timeout(200)
        assert_nothing_ran(page, requests)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        assert page.evaluate("typeof __md_get") == "function"  # Material's own inline scripts did run
        if path in ("briefs/hostile/", "article/"):
            assert page.locator("h1#title").text_content() == TITLE
            assert page.title().startswith(TITLE + " - ")
            assert page.get_attribute('meta[name="description"]', "content") == DESCRIPTION
            assert page.locator("#styled-element").is_visible() and page.locator("#styled-attribute").is_visible()
        assert f"Sub {payload('subtitle')}" in page.locator(".md-nav--primary").text_content()
        if path == "briefs/hostile/":
            assert page.locator(".tag-list li").all_text_contents() == [f"Tag {payload('tag')}", "Practice"]
        if path == "glossary/":
            assert page.locator("h2#hostile-term").text_content().startswith(f"Term {payload('glossary-term')}")
            assert payload("glossary-definition") in page.locator("article").text_content()


@pytest.mark.slow
@pytest.mark.browser
def test_search_results_show_the_payloads_as_text(browser, hostile_site):
    """Material renders search results from the index in the browser: the titles' payloads stay inert there."""
    from sitepages import run_search

    _, site_url = hostile_site
    with watched_page(browser) as (page, requests):
        links = run_search(page, site_url + prefix(DEFAULT), "pwned")
        assert site_url + prefix(DEFAULT) + "briefs/hostile/" in links
        page.wait_for_timeout(300)
        assert_nothing_ran(page, requests)
        assert page.locator(".md-search-result__item").count() > 0
