"""The site's search worker (search-kit.js around Material's worker) on small fixture indexes, in Chromium:
Arabic with Material's `ar` lunr language («دبلوماسية» finds «الدبلوماسية»), a language with no search data
(prefix search as typed, no error), and each keystroke finding a superset of what the typed prefix finds.

The indexes are made by ``sitekit.search.split`` from a fixture ``mkdocs.yml`` and merged index, the way
the build makes them; the worker files are the site's and the installed Material's.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import textwrap
import threading
from pathlib import Path

import material
import pytest

from benchkit import searchcpu
from sitekit import project, search, searchdata
from sitekit.project import ROOT

from conftest import free_port

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
KIT = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-kit.js"
WORKER = re.search(r"material=(search\.[0-9a-f]+\.min\.js)", (ROOT / "overrides" / "main.html").read_text()).group(1)

ARABIC_DOCS = [
    {"location": "ar/", "title": "الصفحة الرئيسية", "text": "<p>مقالة عن وسائل التواصل الاجتماعي.</p>"},
    {"location": "ar/article/", "title": "الدبلوماسية الرقمية",
     "text": "<p>تستخدم وزارة الخارجية شبكات التواصل الاجتماعي في الدبلوماسية العامة.</p>"},
    {"location": "ar/briefs/media/", "title": "الإعلام والأخبار", "text": "<p>قناة الجزيرة تنشر الأخبار.</p>"},
    {"location": "ar/glossary/", "title": "المسرد", "text": "<p>مصطلحات القوة الناعمة.</p>"},
    {"location": "article/", "title": "Дипломатия", "text": "<p>дипломатиясындағы</p>"},
    {"location": "xx/article/", "title": "Diplomatie", "text": "<p>diplomatiques numériques</p>"},
]


def fixture_project(tmp: Path) -> project.Project:
    (tmp / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: t
        plugins:
          - i18n:
              languages:
                - {locale: kk, default: true, name: K}
                - {locale: ar, name: A}
                - {locale: xx, name: X}
        """), encoding="utf-8")
    return project.load(tmp)


@pytest.fixture(scope="module")
def worker_dir(tmp_path_factory) -> Path:
    """A site folder with both workers, lunr's languages and one index per language (``<code>.json``)."""
    tmp = tmp_path_factory.mktemp("worker")
    proj = fixture_project(tmp)
    shutil.copytree(ROOT / "data" / "search", tmp / "data" / "search")
    data = searchdata.load(tmp, proj.codes)
    site = tmp / "site"
    shutil.copytree(MATERIAL_JS / "lunr", site / "assets" / "javascripts" / "lunr")
    workers = site / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    shutil.copy(MATERIAL_JS / "workers" / WORKER, workers / WORKER)
    shutil.copy(KIT, workers / KIT.name)
    merged = {"config": {}, "docs": ARABIC_DOCS}
    for code, index in search.split(merged, proj, data).items():
        (site / f"{code}.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    (site / "index.html").write_text("<!doctype html><title>worker</title>", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def worker_site(worker_dir):
    site = worker_dir
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    """A page of its own: these tests need no build of the site (conftest's ``page`` serves one)."""
    context = browser.new_context(locale="en-US")
    yield context.new_page()
    context.close()


SEARCH = """async ([lang, worker, queries]) => {
  const index = await (await fetch(lang + '.json')).json();
  const w = new Worker('assets/javascripts/workers/search-kit.js?material=' + worker);
  const errors = [];
  w.onerror = e => errors.push(e.message);
  const next = () => new Promise(resolve => { w.onmessage = e => resolve(e.data); });
  let reply = next(); w.postMessage({type: 0, data: {...index, options: {suggest: false}}}); await reply;
  const out = {};
  for (const q of queries) {
    reply = next(); w.postMessage({type: 2, data: q});
    out[q] = (await reply).data.items.map(group => [group[0].location, group[0].terms]);
  }
  w.terminate();
  return {out, errors};
}"""


def run(page, base: str, lang: str, queries: list[str]) -> dict[str, list]:
    page.goto(base)
    result = page.evaluate(SEARCH, [lang, WORKER, queries])
    assert result["errors"] == []
    return {q: [(loc, terms) for loc, terms in items] for q, items in result["out"].items()}


@pytest.mark.browser
def test_arabic_finds_the_word_without_its_article_and_spelling_variants(page, worker_site):
    found = run(page, worker_site, "ar", ["دبلوماسية", "الدبلوماسيه", "الدِّبلوماسيّة", "اخبار", "الاخبار", "الجزيره", "دبلو"])
    locations = {q: [loc for loc, _ in items] for q, items in found.items()}
    assert locations["دبلوماسية"][0] == "article/"
    assert locations["الدبلوماسيه"][0] == "article/"  # ta marbuta typed as ha
    assert locations["الدِّبلوماسيّة"][0] == "article/"  # with diacritics
    assert "briefs/media/" in locations["اخبار"]  # bare alef for أ / إ
    assert "briefs/media/" in locations["الاخبار"]
    assert "briefs/media/" in locations["الجزيره"]
    assert "article/" in locations["دبلو"]  # mid-word: a prefix still finds it
    # the word typed counts as found, not "missing", when its other forms matched
    assert all(all(terms.values()) for loc, terms in found["دبلوماسية"] if loc == "article/")


@pytest.mark.browser
def test_a_language_without_search_data_searches_by_prefix(page, worker_site):
    assert not (ROOT / "data" / "search" / "xx.yml").exists()
    found = run(page, worker_site, "xx", ["diplomat", "numér", "diplomatiques"])
    assert [loc for loc, _ in found["diplomat"]] == ["article/"]
    assert [loc for loc, _ in found["numér"]] == ["article/"]
    assert [loc for loc, _ in found["diplomatiques"]] == ["article/"]


@pytest.mark.browser
def test_every_keystroke_finds_at_least_what_the_prefix_finds(page, worker_site):
    word = "дипломатиясындағы"
    prefixes = [word[:n] for n in range(2, len(word) + 1)]
    found = run(page, worker_site, "kk", prefixes)
    assert {q: [loc for loc, _ in items] for q, items in found.items()} == {q: ["article/"] for q in prefixes}


def test_the_bench_times_both_workers_in_node(node, worker_dir):
    """benchkit.searchcpu runs Material's worker and the site's under Node on one index: both build it and
    answer the queries, the site's finding the article for a word it holds only with the article ال."""
    out = searchcpu.measure(worker_dir, worker_dir / "ar.json", ["دبلوماسية", "قناة"], builds=2, repeats=2)
    assert set(out) == {"material", "site", "load"}
    for name in ("material", "site"):
        run = out[name]
        assert run["build_cpu_ms"] > 0 and run["query_cpu_ms"] > 0 and run["build_wall_ms"] > 0
    assert out["material"]["results"] == {"دبلوماسية": 0, "قناة": 1}  # Material: the bare word finds nothing
    assert out["site"]["results"] == {"دبلوماسية": 1, "قناة": 1}
