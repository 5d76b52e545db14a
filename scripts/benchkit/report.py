"""The budgets, checked against the numbers, and the Markdown report (``bench/results.md``).

Each budget is a small function over the results that returns one ``Verdict``; ``BUDGETS`` lists them in
the order the table shows them. A budget that could not be measured in this run (``--quick`` builds no
1000-page corpus, a missing Lighthouse) is ``n/a``, never a pass.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

OVERHEAD = 0.15          # the hooks and the check add at most 15 % to a build of the same content
LINEAR = 12.0            # 1000 pages per language within 12 × the time of 100
FIRST_VIEW = 200_000     # bytes (200 KB, 1 KB = 1000 bytes), gzip-compressed, fonts included
INDEX_RATIO = 1.5        # search index bytes / text bytes, per language
SEARCH_MS = 150          # last keystroke to first result, median
PREVIEW = 0.5            # edit→preview under make serve ≤ half of stock mkdocs serve's, same corpus and edit
LIGHTHOUSE = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


@dataclasses.dataclass(frozen=True)
class Verdict:
    id: str
    budget: str
    measured: str
    status: str          # PASS, FAIL or n/a

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def _status(values: list[bool]) -> str:
    if not values:
        return "n/a"
    return "PASS" if all(values) else "FAIL"


def kb(n) -> str:
    return "–" if n is None else f"{n / 1000:.1f} KB"


def sec(n) -> str:
    return "–" if n is None else f"{n:.1f} s" if n >= 10 else f"{n:.2f} s"


def pct(n) -> str:
    return "–" if n is None else f"{n * 100:+.1f} %"


def score(n) -> str:
    return "–" if n is None else f"{n:.2f}"


# --- the budgets ---------------------------------------------------------------------------------------

def overhead(results: dict) -> Verdict:
    cases = [c for c in results.get("build", {}).get("cases", []) if c["overhead"]["wall"] is not None]
    measured = "; ".join(f"{c['name']}: {pct(c['overhead']['wall'])} (CPU {pct(c['overhead']['cpu'])})"
                         for c in cases)
    return Verdict("hooks-overhead", f"hooks and check add ≤ {OVERHEAD:.0%} to the baseline build (wall, median)",
                   measured or "not measured", _status([c["overhead"]["wall"] <= OVERHEAD for c in cases]))


def linear(results: dict) -> Verdict:
    cases = {c["name"]: c for c in results.get("build", {}).get("cases", [])}
    small, large = cases.get("100"), cases.get("1000")
    budget = f"1000 pages per language within {LINEAR:g} × the time of 100 (checked build, wall)"
    if not (small and large and small["checked_build"]["median_wall"]):
        return Verdict("linear-build", budget, "not measured (needs the 100- and 1000-page corpora)", "n/a")
    ratio = large["checked_build"]["median_wall"] / small["checked_build"]["median_wall"]
    base = (large["baseline"]["median_wall"] / small["baseline"]["median_wall"]
            if small["baseline"]["median_wall"] else None)
    cpu = (large["checked_build"]["median_cpu"] / small["checked_build"]["median_cpu"]
           if small["checked_build"]["median_cpu"] else None)
    measured = f"{ratio:.1f} × (CPU {cpu:.1f} ×; baseline without hooks {base:.1f} ×)"
    return Verdict("linear-build", budget, measured, _status([ratio <= LINEAR]))


def first_view(results: dict) -> Verdict:
    views = results.get("reader", {}).get("first_view", {})
    measured = "; ".join(f"{lang}: {kb(v['wire'])}" for lang, v in views.items())
    return Verdict("first-view", f"article page first view ≤ {kb(FIRST_VIEW)} over the wire (gzip, fonts included)",
                   measured or "not measured", _status([v["wire"] <= FIRST_VIEW for v in views.values()]))


def search_index(results: dict) -> Verdict:
    index = results.get("reader", {}).get("search_index", {})
    measured = "; ".join(f"{lang}: {v['ratio']:.2f} ×" for lang, v in index.items() if v["ratio"] is not None)
    return Verdict("search-index", f"each language's search index ≤ {INDEX_RATIO:g} × its text",
                   measured or "not measured",
                   _status([v["ratio"] is not None and v["ratio"] <= INDEX_RATIO for v in index.values()]))


def search_latency(results: dict) -> Verdict:
    search = results.get("reader", {}).get("search", {})
    measured = "; ".join(f"{lang}: {v['median_ms']:.0f} ms" for lang, v in search.items() if v["median_ms"] is not None)
    return Verdict("search-latency", f"first result ≤ {SEARCH_MS} ms after the last keystroke (median)",
                   measured or "not measured",
                   _status([v["median_ms"] is not None and v["median_ms"] <= SEARCH_MS for v in search.values()]))


def lighthouse(results: dict) -> Verdict:
    per_lang = results.get("reader", {}).get("lighthouse", {})
    parts, ok = [], []
    for lang, data in per_lang.items():
        med = data["median"]
        parts.append(f"{lang}: " + " / ".join(score(med[c]) for c in LIGHTHOUSE))
        ok.append(all(med[c] is not None and med[c] >= limit for c, limit in LIGHTHOUSE.items()))
    return Verdict("lighthouse", "Lighthouse (mobile) performance ≥ 0.95; accessibility, best practices, SEO = 1.0",
                   ("perf / a11y / bp / seo — " + "; ".join(parts)) if parts else "not measured", _status(ok))


def preview_latency(results: dict) -> Verdict:
    data = results.get("preview") or {}
    budget = f"edit→preview under `make serve` ≤ {PREVIEW:g} × stock `mkdocs serve` (300 pages per language, median)"
    if not data.get("ratio"):
        return Verdict("preview-latency", budget, "not measured", "n/a")
    measured = (f"{data['pages']} pages: {sec(data['median']['preview'])} vs {sec(data['median']['stock'])} "
                f"= {data['ratio']:.2f} ×")
    return Verdict("preview-latency", budget, measured, _status([data["ratio"] <= PREVIEW]))


BUDGETS: list[Callable[[dict], Verdict]] = [overhead, linear, preview_latency, first_view, search_index, search_latency,
                                            lighthouse]


def verdicts(results: dict) -> list[Verdict]:
    return [budget(results) for budget in BUDGETS]


# --- the report ----------------------------------------------------------------------------------------

def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def _wall_cpu(summary: dict) -> str:
    return f"{sec(summary['median_wall'])} ({sec(summary['median_cpu'])})" if summary["runs"] else "–"


def budget_table(results: dict) -> list[str]:
    return _table(["budget", "measured", "verdict"],
                  [[v.budget, v.measured, f"**{v.status}**"] for v in verdicts(results)])


def build_table(results: dict) -> list[str]:
    rows = []
    for c in results.get("build", {}).get("cases", []):
        ok = "" if c["check"]["ok"] else " ⚠ check exit " + ",".join(map(str, sorted(set(c["check"]["returncodes"]))))
        rows.append([
            c["name"], c["pages"], c["checked_build"]["runs"], _wall_cpu(c["checked_build"]),
            _wall_cpu(c["check"]) + ok, _wall_cpu(c["baseline"]),
            f"{pct(c['overhead']['wall'])} ({pct(c['overhead']['cpu'])})",
            f"{c['checked_build']['median_maxrss_mib']:.0f} / {c['baseline']['median_maxrss_mib']:.0f} MiB",
        ])
    return _table(["content", "pages per language", "runs", "checked build", "check alone", "baseline build",
                   "overhead", "peak memory (checked / baseline)"], rows)


def hooks_table(results: dict) -> list[str]:
    cases = results.get("build", {}).get("cases", [])
    plugins = sorted({p for c in cases for p in c["events"]["checked_build"]["plugins"]})
    rows = []
    for plugin in plugins:
        row = [plugin]
        for c in cases:
            value = c["events"]["checked_build"]["plugins"].get(plugin)
            pages = c["pages"] * c["languages"]
            row.append("–" if value is None else f"{value:.2f} s ({value / pages * 1000:.1f} ms/page)")
        rows.append(row)
    return _table(["event handlers of"] + [c["name"] for c in cases], rows)


def first_view_table(results: dict) -> list[str]:
    rows = []
    kinds = ("html", "css", "js", "font", "image", "search index", "search kit", "search worker", "search language",
             "sitemap")
    for lang, v in results.get("reader", {}).get("first_view", {}).items():
        cells = []
        for kind in kinds:
            k = v["kinds"].get(kind)
            cells.append("–" if not k else f"{kb(k['wire'])} ({k['requests']})")
        rows.append([lang, f"**{kb(v['wire'])}**", v["requests"], kb(v["groups"].get("page")),
                     kb(v["groups"].get("search")), kb(v["groups"].get("switcher")), *cells])
    return _table(["language", "total", "requests", "page", "search", "switcher", *kinds], rows)


def search_table(results: dict) -> list[str]:
    reader = results.get("reader", {})
    rows = []
    for lang, v in reader.get("search_index", {}).items():
        s = reader.get("search", {}).get(lang, {})
        built = reader.get("index_build", {}).get(lang, {})
        kit = reader.get("first_view", {}).get(lang, {}).get("kinds", {}).get("search kit")
        cpu = reader.get("search_cpu", {}).get(lang) or {}
        node = (f"{_ms(cpu['material']['build_cpu_ms'])} / **{_ms(cpu['site']['build_cpu_ms'])}**; "
                f"{cpu['material']['query_cpu_ms']} / **{cpu['site']['query_cpu_ms']} ms** (load {cpu['load']})"
                if cpu else "–")
        b = v["breakdown"]
        rows.append([lang, v["pages"], kb(v["text_bytes"]), kb(v["index_bytes"]), f"**{v['ratio']:.2f} ×**",
                     f"{kb(v['index_gzip'])} / {kb(v['text_gzip'])}",
                     f"text {kb(b['text'])} (markup {kb(b['text_markup'])}), titles {kb(b['title'])}, "
                     f"locations {kb(b['location'])}, tags {kb(b['tags'])}, {b['entries']} entries",
                     f"**{s.get('median_ms', '–')} ms**", f"{s.get('first_query_ms', '–')} ms",
                     f"{_ms(built.get('material'))} / **{_ms(built.get('site'))}**",
                     node, kb(kit["wire"]) if kit else "–", len(s.get("queries", []))])
    return _table(["language", "pages", "text", "index", "index / text", "gzip (index / text)", "index holds",
                   "search, median", "first query (index build)",
                   "index build in the browser: Material's worker / the site's",
                   "CPU in Node, Material's worker / the site's: index build; one query (median)",
                   "site's worker script (gzip)",
                   "queries timed"], rows)


def lighthouse_table(results: dict) -> list[str]:
    rows = []
    for lang, data in results.get("reader", {}).get("lighthouse", {}).items():
        good = [r for r in data["runs"] if "scores" in r]
        med = data["median"]
        metrics = {}
        for m in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index",
                  "cumulative-layout-shift"):
            values = sorted(r["metrics"][m] for r in good if r["metrics"].get(m) is not None)
            metrics[m] = values[len(values) // 2] if values else None
        failing = sorted({f"{f['id']} ({f['category']})" for r in good for f in r["failing"]})
        external = sorted({u for r in good for u in r["external_requests"]})
        rows.append([lang, *(f"**{score(med[c])}**" for c in LIGHTHOUSE),
                     " / ".join(" ".join(score(r["scores"][c]) for c in LIGHTHOUSE) for r in good) or "–",
                     _ms(metrics["first-contentful-paint"]), _ms(metrics["largest-contentful-paint"]),
                     _ms(metrics["total-blocking-time"]), _ms(metrics["speed-index"]),
                     "–" if metrics["cumulative-layout-shift"] is None else f"{metrics['cumulative-layout-shift']:.3f}",
                     ", ".join(failing) or "none", ", ".join(external) or "none",
                     f"{len(good)} of {len(data['runs'])}"])
    return _table(["language", "performance", "accessibility", "best practices", "SEO", "every run (p a b s)",
                   "FCP", "LCP", "TBT", "speed index", "CLS", "audits below 1 in any run", "external requests",
                   "runs"], rows)


def _ms(value) -> str:
    return "–" if value is None else f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


def preview_table(results: dict) -> list[str]:
    data = results.get("preview") or {}
    if not data.get("preview"):
        return ["Not measured in this run.", ""]
    return [
        f"One brief of the {data['pages']}-page corpus (`{data['page']}`, served at `/{data['url']}`) saved "
        f"{data['edits']} times under each preview; seconds from the save to the served page holding the edit.", "",
        *_table(["preview", "each save", "median"],
                [["`make serve` (the project's hooks, not strict)", ", ".join(sec(s) for s in data["preview"]),
                  sec(data["median"]["preview"])],
                 ["stock `mkdocs serve` (baseline configuration)", ", ".join(sec(s) for s in data["stock"]),
                  sec(data["median"]["stock"])]]),
    ]


def markdown(results: dict) -> str:
    m, v, plan = results["machine"], results["versions"], results["plan"]
    lines = [
        "# Benchmark results", "",
        f"{results['date']} · `{results['command']}` ({results['mode']}, {results['duration_s'] / 60:.1f} min) · "
        f"{m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB · load average {results['load']['start']} at the "
        f"start, {results['load']['end']} at the end · commit {results['commit']}", "",
        "## Budgets", "", *budget_table(results),
    ]
    if results.get("problems"):
        lines += ["Problems met while measuring:", ""] + [f"- {p}" for p in results["problems"]] + [""]
    lines += [
        "## Build", "",
        "Medians of the runs; wall time, CPU time (user + system, children included) in brackets. *Checked "
        "build* = `mkdocs build --strict` with the project's hooks, as `make site` runs it: the build runs the "
        "translation check once, its cache emptied before; *check alone* = `python -m i18ncheck --cache` (as "
        "`make check`), measured apart and not part of the checked build; *baseline* = the same content built "
        "without the project's hooks and templates. *Overhead* = checked build ÷ baseline − 1 (wall, CPU "
        "in brackets).", "",
        *build_table(results),
        "CPU seconds spent in each plugin's and hook's event handlers during the checked build (median; "
        "templates are not events and count only in the overhead above). `i18n` is mkdocs-static-i18n: its "
        "`on_post_build` builds the other languages, so its time is mostly theirs (Material's page "
        "rendering); `search` is Material's search plugin. In the checked build, the languages a forked process "
        "builds (`sitekit/parallel.py`) send their handlers' times back.", "",
        *hooks_table(results),
        "## Preview: edit→preview latency", "",
        *preview_table(results),
        "## Reader: first view of the article page", "",
        "Bytes over the wire, gzip-compressed as GitHub Pages sends text (level 6), woff2 as stored; headers "
        "not counted; requests in brackets. *page* = HTML, CSS, JavaScript, fonts, favicon; *search* = the "
        "search worker, lunr's language files and the language's index, which Material fetches on load; "
        "*switcher* = the sitemaps Material's language switcher fetches on load.", "",
        *first_view_table(results),
        "## Reader: search", "",
        *search_table(results),
        "## Reader: Lighthouse (mobile preset)", "",
        *lighthouse_table(results),
        "## Method", "",
        *method(results),
    ]
    return "\n".join(lines).rstrip() + "\n"


def method(results: dict) -> list[str]:
    m, v, plan = results["machine"], results["versions"], results["plan"]
    runs = ", ".join(f"{name}: {n}" for name, n in plan["runs"].items())
    return [
        f"- **Machine**: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB memory, {m['os']}, Linux "
        f"{m['kernel']}. Other work on the machine is not stopped: the load average is shown above; wall "
        "times are what a developer waits, CPU times are steadier when the machine is busy.",
        f"- **Versions**: Python {v['python']}, MkDocs {v['mkdocs']}, Material {v['mkdocs-material']}, "
        f"mkdocs-static-i18n {v['mkdocs-static-i18n']}, pymdown-extensions {v['pymdown-extensions']}, "
        f"Markdown {v['Markdown']}, {v['chromium']}, Lighthouse {v['lighthouse']} on Node {v['node']}, "
        f"Playwright {v['playwright']}.",
        f"- **Runs**: {runs} (runs per content; the 1000-page corpus is built once per variant in a full run "
        "because one checked build of it takes minutes). Each number is the median of its runs. The checked "
        "build and the baseline alternate their order from run to run.",
        "- **Build side**: every build is `python -m benchkit.eventtimes OUT build --strict --clean -q -f CONFIG "
        "-d DIR` (MkDocs' own command line with its event handlers timed, in CPU seconds) in a fresh child "
        "process, into an empty folder (the last run's output is removed before the clock starts); wall time from start to exit, CPU time and peak memory (`ru_maxrss`, largest of the "
        "process and its waited-for children) from `os.wait4` of that child. The checked build runs the "
        "translation check inside (`scripts/hook_i18n.py`), its cache emptied before each, and builds the "
        "languages side by side in forked processes, one per CPU (`sitekit/parallel.py`, `SITE_JOBS`); the "
        "baseline builds them one after the other, as stock static-i18n does. The check alone is "
        "`python -m i18ncheck --root ROOT --cache` (its default `--jobs`, one per CPU), its cache emptied before "
        "it; it is shown apart, not added to the checked build. Environment as `make bench` sets it "
        "(`SOURCE_DATE_EPOCH`, `NO_MKDOCS_2_WARNING=1`, `PYTHONPATH=scripts`, `PYTHONDONTWRITEBYTECODE=1`).",
        "- **Baseline**: `mkdocs.baseline.yml` = `INHERIT: mkdocs.yml`, `hooks: []` and a `custom_dir` holding "
        "only `partials/languages/kk.html` (Material has no Kazakh and cannot build `language: kk` without "
        "it). Plugins (search, static-i18n), Markdown extensions, CSS, JavaScript and fonts are the same. "
        "The baseline runs no translation check.",
        "- **Preview latency** (`benchkit/preview.py`): on the 300-page corpus (the largest one run when "
        "300 is not), `make serve`'s command (`mkdocs serve --no-strict --dirty --livereload` with the project's "
        "hooks) and stock `mkdocs serve --livereload -f mkdocs.baseline.yml`, each started once and waited "
        "for (not timed); then one brief of the default language is saved with a new last paragraph holding "
        "a marker, and the clock runs from the write until an HTTP request for that page returns HTML "
        "holding the marker (polled every 20 ms; MkDocs holds a page request while it rebuilds). The two "
        "previews run one after the other, never at once; the page is restored afterwards.",
        f"- **Content**: *site* = the real `docs/` ({plan['site_pages']} pages per language). *N* = a corpus "
        "from `benchkit/corpus.py` in a temporary folder: a home page, the briefs listing, the article, "
        "glossary and status pages the nav names, and N − 5 briefs per language, with the real front matter, headings and paragraphs (rotated, each kept with its "
        "translation; realistic lengths), accepted by the check and by the strict build; the real "
        "`mkdocs.yml`, `overrides/`, hooks, tags and glossary. Corpora are generated before timing starts.",
        "- **Reader side**: the real site built with `site_url` on a loopback port under `/qdd/` (a GitHub "
        "Pages project site) and served by `benchkit/server.py` with gzip for text, `Cache-Control: "
        "max-age=600` and the site's 404 page. Chromium is Debian's, launched with the tests' flags plus "
        "`--host-resolver-rules=\"MAP * ~NOTFOUND , EXCLUDE 127.0.0.1\"`, which stops Chromium's own "
        "background look-ups of Google hosts (sign-in, updates, autofill), made even with "
        "`--disable-background-networking`.",
        "- **First view**: a fresh browser context, the article page loaded and left alone until the network "
        "is idle and 1.5 s more pass without a request; every response the server sent counts, whoever "
        "asked for it (Material's bundle included: the page prefetches it, and runs it at the reader's first "
        "action). Not counted: HTTP headers, anything after the page is left alone (scrolling, "
        "opening search, switching language), later views (the theme's files are then cached).",
        "- **Search**: the index's size against the language's text, both UTF-8 bytes as stored; text = "
        "the `<article>` of every page of the language without markup, scripts and permalinks. Latency: "
        f"{plan['queries']} words of the article per language, each {plan['repeats']} times, inserted "
        "into the search box without key events, then End pressed (Material searches on `keyup`; "
        "Playwright's typing of Cyrillic sends none); from End's `keydown` to the first result added to the "
        "list, seen by a `MutationObserver` (`performance.now()` in the page). The page's first query, "
        "which also waits for the worker to build its index, is shown apart and not in the median.",
        f"- **Lighthouse**: `lighthouse URL --only-categories=performance,accessibility,best-practices,seo "
        f"--output=json --no-enable-error-reporting --chrome-flags=\"…\"` with `CHROME_PATH=/usr/bin/chromium`, "
        f"default preset (mobile, simulated slow 4G, 4× CPU slowdown), {plan['lighthouse_runs']} runs per "
        "language, median score per category. Lighthouse's simulation scales the main-thread work it "
        "observes, so a busy machine lowers the performance score (its `benchmarkIndex` is in "
        "`results.json`). Lighthouse loads the page and acts on nothing, so Material's bundle, which the "
        "site runs at the reader's first action, is fetched (prefetched) but not run in its measurement. "
        "Every run's requests are checked for any host but the local server.",
    ]
