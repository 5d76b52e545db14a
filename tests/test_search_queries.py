"""The query set (tests/data/search-queries.yml) typed into Material's search box in Chromium, one page load
per language: every language finds the expected page among the first five results for ≥ 95 % of its
queries, and no inflected or look-alike query returns nothing. Prints success@5, MRR and the zero-result
rate per language and query type (README shows the numbers).
"""
from __future__ import annotations

import pytest
import yaml

from searchtyping import PLACEHOLDER, score, table, type_query
from sitekit.project import ROOT
from sitepages import LANGS, prefix

QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search-queries.yml").read_text(encoding="utf-8"))
TYPES = ("inflected", "multi", "name", "number", "lookalike")
NEVER_EMPTY = ("inflected", "lookalike")


def test_the_query_set_is_well_formed():
    assert set(LANGS) <= set(QUERIES)  # a query set for every language mkdocs.yml lists (more wait for theirs)
    assert sum(len(QUERIES[lang]) for lang in LANGS) >= 90
    for lang, items in QUERIES.items():
        assert {item["type"] for item in items} == set(TYPES), lang
        for item in items:
            assert set(item) == {"q", "page", "type"} and item["q"].strip(), item


@pytest.fixture(scope="module")
def results(browser, served_site):
    rows = []
    for lang in LANGS:
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(served_site.url(prefix(lang) + "article/"), wait_until="networkidle")
        page.click("input[data-md-component=search-query]")
        page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').textContent.trim()"
                               f" === ({PLACEHOLDER})()", timeout=20_000)
        for item in QUERIES[lang]:
            count, pages = type_query(page, item["q"])
            wanted = [item["page"]] if isinstance(item["page"], str) else item["page"]
            urls = [served_site.url(prefix(lang) + p) for p in wanted]
            rank = next((i + 1 for i, url in enumerate(pages) if url in urls), None)
            rows.append({**item, "lang": lang, "rank": rank, "found": count, "top": pages[:5]})
        assert errors == [], errors
        context.close()
    scores = score(rows)
    print("\n" + table(scores))
    return rows, scores


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_language_finds_the_page_in_the_first_five(results, lang):
    rows, scores = results
    missed = [f"{r['q']!r}: wanted {r['page']}, got {r['top']}" for r in rows if r["lang"] == lang
              and not (r["rank"] and r["rank"] <= 5)]
    assert scores[(lang, "all")]["success@5"] >= 0.95, missed


@pytest.mark.browser
def test_no_inflected_or_lookalike_query_returns_nothing(results):
    rows, _ = results
    assert [f"{r['lang']}: {r['q']}" for r in rows if r["type"] in NEVER_EMPTY and not r["found"]] == []
