"""What a reader's browser does: the first view of a page and the search box, in headless Chromium
(Debian's, launched as the tests launch it), against ``benchkit.server``.

First view: a new browser context (empty cache), the page loaded, then left alone until the network has
been idle for half a second and another ``SETTLE_MS`` have passed with no new request. Everything the
server sent in that time is the first view, whatever asked for it: the page and its styles, scripts and
fonts, and what Material fetches on its own once the page is up (the search worker and the language's
search index, the sitemaps its language switcher reads). No interaction, no scrolling.

Search: on the same page, once the search index is loaded, the query is inserted into the search box
(``keyboard.insert_text``: no key events, so no search starts while it is being entered) and then End is
pressed. Material reads the query on ``keyup``; the time is taken from End's ``keydown`` to the moment a
``MutationObserver`` on the result list sees the first result (``performance.now()`` in the page, both
ends). The first query of a page also waits for the search worker to build its index and is reported
apart, never in the median.

Index build: on the same page, the language's index handed to a new worker, Material's own and the
site's (``search-kit.js``, which adds stems and folded forms), timed from ``postMessage`` to the worker's
reply that the index is ready.
"""
from __future__ import annotations

import dataclasses
import statistics

from benchkit.server import Sent, Server

CHROMIUM = "/usr/bin/chromium"
# The tests' flags (tests/conftest.py), plus one rule that keeps Chromium's own background lookups
# (accounts.google.com, clients2.google.com, update.googleapis.com, content-autofill.googleapis.com)
# off the network: every host name but loopback fails to resolve.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]
NO_EXTERNAL_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
SETTLE_MS = 1500
SEARCH_INPUT = "input[data-md-component=search-query]"

OBSERVE = """() => {
  const list = document.querySelector('.md-search-result__list');
  window.__bench = {start: 0, first: 0};
  new MutationObserver(records => {
    const b = window.__bench;
    if (b.start && !b.first && records.some(r => r.addedNodes.length) && list.querySelector('li'))
      b.first = performance.now();
  }).observe(list, {childList: true, subtree: true});
  window.addEventListener('keydown', e => {
    if (e.key === 'End') { window.__bench.start = performance.now(); window.__bench.first = 0; }
  }, true);
}"""
RESULT_COUNT = "() => document.querySelectorAll('.md-search-result__list > li').length"
EMPTY = "() => !document.querySelector('.md-search-result__list li')"


@dataclasses.dataclass(frozen=True)
class Query:
    text: str
    ms: float
    results: int


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [NO_EXTERNAL_HOSTS])


def first_view(browser, server: Server, path: str) -> list[Sent]:
    """What the server sent for one first view of ``path`` (see the module docstring)."""
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        server.log.take()
        page.goto(server.url(path), wait_until="load")
        page.wait_for_load_state("networkidle")
        sent = server.log.take()
        while True:  # settle: nothing new for SETTLE_MS
            page.wait_for_timeout(SETTLE_MS)
            more = server.log.take()
            if not more:
                break
            sent += more
        return sent
    finally:
        context.close()


def search_times(browser, server: Server, path: str, queries: list[str], repeats: int) -> tuple[Query, list[Query]]:
    """(the page's first query, every later one): ``queries`` each typed ``repeats`` times."""
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(server.url(path), wait_until="networkidle")
        page.evaluate(OBSERVE)
        page.click(SEARCH_INPUT)
        first = _query(page, queries[0])
        out = [_query(page, q) for _ in range(repeats) for q in queries]
        return first, out
    finally:
        context.close()


def _query(page, text: str) -> Query:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function(EMPTY, timeout=10_000)
    page.keyboard.insert_text(text)
    page.keyboard.press("End")
    page.wait_for_function("() => window.__bench.first > 0", timeout=30_000)
    ms = page.evaluate("() => window.__bench.first - window.__bench.start")
    return Query(text, round(ms, 1), page.evaluate(RESULT_COUNT))


BUILD_INDEX = """async ([repeats]) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const index = await (await fetch(new URL('search/search_index.json', new URL(config.base.replace(/\\/*$/, '/'), location)))).json();
  const site = new URL(config.search, location).href;
  const material = site.replace(/search-kit\\.js\\?material=/, '');
  const time = async url => {
    const w = new Worker(url), start = performance.now();
    await new Promise((resolve, reject) => {
      w.onmessage = resolve; w.onerror = e => reject(new Error(e.message));
      w.postMessage({type: 0, data: {...index, options: {suggest: false}}});
    });
    const ms = performance.now() - start;
    w.terminate();
    return ms;
  };
  const out = {material: [], site: []};
  for (let i = 0; i < repeats; i++) {
    if (material !== site) out.material.push(await time(material));
    out.site.push(await time(site));
  }
  return out;
}"""


def index_build(browser, server: Server, path: str, repeats: int) -> dict:
    """Milliseconds from handing the language's index to a new search worker to the worker's "ready",
    median of ``repeats``: Material's own worker (before) and the site's (search-kit.js, after). Both load
    their scripts from the browser's cache after the first run."""
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(server.url(path), wait_until="networkidle")
        runs = page.evaluate(BUILD_INDEX, [repeats])
        return {name: (round(statistics.median(values), 1) if values else None) for name, values in runs.items()}
    finally:
        context.close()


def median_ms(queries: list[Query]) -> float | None:
    return round(statistics.median(q.ms for q in queries), 1) if queries else None
