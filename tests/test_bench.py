"""Smoke tests of the benchmark's pure parts (``scripts/benchkit``): medians, gzip accounting, the
budgets, and a 3-page corpus that the translation check and both strict builds accept. No timing is
asserted here: the budgets are the benchmark's business (``make bench``)."""
from __future__ import annotations

import gzip
import json
import sys

import pytest

from benchkit import builds, child, corpus, preview, report, stats, transfer, variants
from benchkit.server import Sent, compressible, content_type, wire_size
from conftest import build_env
from sitekit import project


def test_median_of_odd_and_even_counts_ignores_missing_values():
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 3, 2]) == 2.5
    assert stats.median([None, 5]) == 5
    assert stats.median([]) is None


def test_text_is_counted_gzip_compressed_and_fonts_as_stored():
    text = ("Қатар дипломатиясы " * 200).encode("utf-8")
    assert wire_size(text, content_type("page.html")) == len(gzip.compress(text, 6, mtime=0)) < len(text) / 10
    font = bytes(range(256)) * 8
    assert wire_size(font, content_type("roboto-latin-400.woff2")) == len(font)
    assert [compressible(content_type(n)) for n in ("a.css", "a.js", "a.json", "a.xml", "a.svg", "a.woff2", "a.png")] \
        == [True, True, True, True, True, False, False]


def test_a_first_view_is_summed_by_group_and_kind():
    sent = [Sent(path, 200, "", size, wire, "", 0.0) for path, size, wire in [
        ("/qdd/ru/article/", 50_000, 13_000), ("/qdd/assets/stylesheets/main.css", 137_000, 23_000),
        ("/qdd/assets/fonts/roboto-cyrillic-400.woff2", 9_500, 9_500),
        ("/qdd/assets/javascripts/bundle.js", 114_000, 35_000),
        ("/qdd/assets/javascripts/workers/search.js", 39_000, 12_000),
        ("/qdd/assets/javascripts/lunr/min/lunr.ru.min.js", 10_000, 3_000),
        ("/qdd/ru/search/search_index.json", 111_000, 28_000), ("/qdd/ru/sitemap.xml", 6_000, 600),
    ]]
    summary = transfer.summarise(sent)
    assert (summary["requests"], summary["wire"]) == (8, 124_100)
    assert summary["groups"] == {"page": 80_500, "search": 43_000, "switcher": 600}
    assert {kind: v["requests"] for kind, v in summary["kinds"].items()} == {
        "css": 1, "font": 1, "html": 1, "js": 1, "search index": 1, "search language": 1, "search worker": 1,
        "sitemap": 1}


def _case(name: str, wall: float, base: float) -> dict:
    def summary(value):
        return {"runs": 1, "median_wall": value, "median_cpu": value, "median_maxrss_mib": 50.0}
    return {"name": name, "checked_build": summary(wall), "baseline": summary(base),
            "overhead": {"wall": wall / base - 1, "cpu": wall / base - 1}}


def test_budgets_pass_fail_or_are_not_measured():
    results = {
        "build": {"cases": [_case("site", 3.3, 3.0), _case("100", 11.0, 10.0), _case("1000", 140.0, 125.0)]},
        "reader": {
            "first_view": {"kk": {"wire": 199_000}, "en": {"wire": 201_000}},
            "search_index": {"kk": {"ratio": 1.1}, "en": {"ratio": 1.5}},
            "search": {"kk": {"median_ms": 20.0}, "en": {"median_ms": 151.0}},
            "lighthouse": {"kk": {"median": {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}}},
        },
    }
    assert [(v.id, v.status) for v in report.verdicts(results)] == [
        ("hooks-overhead", "PASS"), ("linear-build", "FAIL"), ("preview-latency", "n/a"), ("first-view", "FAIL"),
        ("search-index", "PASS"), ("search-latency", "FAIL"), ("lighthouse", "PASS"),
    ]
    assert [v.status for v in report.verdicts({})] == ["n/a"] * 7


@pytest.mark.parametrize(("preview_s", "stock_s", "status", "measured"), [
    (1.0, 2.0, "PASS", "300 pages: 1.00 s vs 2.00 s = 0.50 ×"),
    (1.2, 2.0, "FAIL", "300 pages: 1.20 s vs 2.00 s = 0.60 ×"),
])
def test_the_preview_budget_is_half_of_stock(preview_s, stock_s, status, measured):
    data = {"pages": 300, "page": "docs/briefs/brief-0001.kk.md", "url": "briefs/brief-0001/", "edits": 1,
            "preview": [preview_s], "stock": [stock_s], "median": {"preview": preview_s, "stock": stock_s},
            "ratio": round(preview_s / stock_s, 3)}
    verdict = {v.id: v for v in report.verdicts({"preview": data})}["preview-latency"]
    assert (verdict.status, verdict.measured) == (status, measured)
    table = "\n".join(report.preview_table({"preview": data}))
    assert f"| `make serve` (the project's hooks, not strict) | {preview_s:.2f} s | {preview_s:.2f} s |" in table


def test_a_child_is_measured_on_its_own():
    argv = [sys.executable, "-c", "x = b'x' * (30 * 2**20); print('ok')"]
    run = child.run(argv, cwd=".", env=build_env())
    assert (run.returncode, run.output.strip()) == (0, "ok")
    assert run.maxrss_kib > 30 * 1024 and run.wall > 0 and run.cpu >= 0


def test_the_spawner_keeps_the_benchmarks_own_memory_out_of_a_childs_peak():
    with child.Spawner() as spawner:
        ballast = b"x" * (300 * 2**20)  # the benchmark's process after generating corpora
        run = spawner.run([sys.executable, "-c", "print('ok')"], cwd=".", env=build_env())
        del ballast
    assert (run.returncode, run.output.strip()) == (0, "ok")
    assert run.maxrss_kib < 100 * 1024


@pytest.mark.slow
def test_the_smallest_corpus_passes_the_check_and_both_strict_builds(tmp_path):
    root = variants.prepare(corpus.generate(tmp_path / "corpus", corpus.FIXED_PAGES + 1), content="own")
    docs = sorted(p.relative_to(root.path / "docs").as_posix() for p in (root.path / "docs").rglob("*.md"))
    assert docs == [f"{folder}{name}.{lang}.md" for folder, name in
                    [("", "article"), ("briefs/", "brief-0001"), ("briefs/", "index"), ("", "glossary"),
                     ("", "index"), ("", "status")] for lang in sorted(project.load(root.path).codes)]
    env = build_env()
    check = child.run(builds.check_argv(root), root.path, env)
    assert check.returncode == 0, check.output
    for config, name in ((root.config, "site"), (root.baseline, "baseline")):
        events = tmp_path / f"{name}.json"
        run = child.run(builds.build_argv(config, tmp_path / name, events), root.path, env)
        assert run.returncode == 0, run.output
        assert (tmp_path / name / "briefs" / "brief-0001" / "index.html").exists()
        plugins = {key.split(":")[0] for key in json.loads(events.read_text(encoding="utf-8"))["seconds"]}
        assert ("hook_site" in plugins) == (name == "site")
    assert (tmp_path / "site" / "ru" / "feed.xml").exists() and not (tmp_path / "baseline" / "ru" / "feed.xml").exists()


@pytest.mark.slow
def test_the_preview_latency_is_measured_for_both_previews(tmp_path):
    """benchkit.preview on the smallest corpus: the project's preview (make serve's command) and stock
    mkdocs serve (on a copy) each serve the page, pick up every save, saved alternately, and show it; the
    numbers are taken, not judged."""
    root = variants.prepare(corpus.generate(tmp_path / "corpus", corpus.FIXED_PAGES + 1), content="own")
    page = root.path / "docs" / "briefs" / f"brief-0001.{project.load(root.path).default.code}.md"
    before = page.read_bytes()
    result = preview.measure("tiny", root, page, "briefs/brief-0001/", 2, build_env(), progress=lambda _: None)
    assert page.read_bytes() == before  # the page is restored
    assert len(result["preview"]) == len(result["stock"]) == 2
    assert len(result["cpu"]["preview"]) == len(result["cpu"]["stock"]) == 2  # the previews' CPU per save
    assert all(s > 0 for s in result["preview"] + result["stock"])
    assert result["ratio"] == round(result["median"]["preview"] / result["median"]["stock"], 3)
