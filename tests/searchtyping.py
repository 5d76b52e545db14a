"""Typing into Material's search box as a reader does, and scoring a query set.

``type_query`` types key by key, presses End (typing Cyrillic sends no keyup: End makes Material search)
and waits until the results stop changing; unlike ``sitepages.run_search`` it accepts no results.
``score`` turns ranked result pages into success@5, MRR and the zero-result rate per group.
"""
from __future__ import annotations

import collections
import re
import time
import urllib.parse

SEARCH_INPUT = "input[data-md-component=search-query]"
READ = """() => [document.querySelector('.md-search-result__meta')?.textContent.trim() ?? '',
                 [...document.querySelectorAll('.md-search-result__list > li > a')].map(a => a.href)]"""


PLACEHOLDER = "() => JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"


def type_query(page, query: str) -> tuple[int, list[str]]:
    """(the number of pages Material says it found, the result pages in order, without duplicates)."""
    waiting = page.evaluate(PLACEHOLDER)
    page.fill(SEARCH_INPUT, "")
    page.click(SEARCH_INPUT)
    page.keyboard.type(query)
    page.keyboard.press("End")
    deadline, last, same = time.monotonic() + 10, None, 0
    while time.monotonic() < deadline:
        now = page.evaluate(READ)
        if now == last and now[0] and now[0] != waiting:
            same += 1
            if same >= 2:
                break
        else:
            same = 0
        last = now
        page.wait_for_timeout(120)
    meta, links = last
    pages = []
    for href in links:
        parts = urllib.parse.urlsplit(href)
        bare = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        if bare not in pages:
            pages.append(bare)
    count = re.search(r"\d+", meta)
    return (int(count.group()) if count else (1 if pages else 0)), pages


def score(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """rows: {lang, type, rank (1-based or None), found (pages found)} → per (lang, type) and (lang, 'all'):
    queries, success@5, MRR and zero-result rate."""
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row["lang"], row["type"])].append(row)
        groups[(row["lang"], "all")].append(row)
    out = {}
    for key, items in sorted(groups.items()):
        n = len(items)
        out[key] = {
            "queries": n,
            "success@5": sum(1 for r in items if r["rank"] and r["rank"] <= 5) / n,
            "mrr": sum(1 / r["rank"] for r in items if r["rank"]) / n,
            "zero": sum(1 for r in items if not r["found"]) / n,
        }
    return out


def table(scores: dict[tuple[str, str], dict]) -> str:
    lines = ["| language | query type | queries | success@5 | MRR | zero results |", "| --- | --- | --- | --- | --- | --- |"]
    for (lang, kind), s in scores.items():
        lines.append(f"| {lang} | {kind} | {s['queries']} | {s['success@5']:.0%} | {s['mrr']:.2f} | {s['zero']:.0%} |")
    return "\n".join(lines)
