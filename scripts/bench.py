"""Benchmark the site: what a build costs and what a reader's browser gets, against the budgets.

    make bench                          # the full run, about 16 minutes on 2 CPUs
    python scripts/bench.py --quick     # the real site and a 100-page corpus, fewer runs, about 2 minutes

Build side: the checked build (translation check + ``mkdocs build --strict``), the check alone and a
baseline build without the project's hooks and templates, on the real site and on generated corpora of
N pages in each language (wall time, CPU time, peak memory; medians of several runs). Reader side: the
real site served locally under a sub-path, the article page in each language in headless Chromium: bytes
of the first view (gzip), the search index against the text, search latency, Lighthouse. Preview side: the
edit→preview latency of ``make serve`` against stock ``mkdocs serve`` on the 300-page corpus
(``benchkit/preview.py``).

Writes ``bench/results.json`` (every number) and ``bench/results.md`` (the tables, the budgets with PASS or
FAIL, the method). Progress goes to stderr.
Exit status: 0 every budget passes, 1 a budget fails or a measurement could not be taken, 2 usage error.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchkit import browser, builds, child, corpus, machine, preview, reader, report, variants
from sitekit import project

ROOT = project.ROOT
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@dataclasses.dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    runs: dict[str, int]            # content name ("site", "100", ...) -> runs
    lighthouse_runs: int
    queries: int                    # words per language
    repeats: int                    # times each word is searched
    preview_edits: int = 5          # saves timed under each preview (edit→preview latency)


FULL = Plan((100, 300, 1000), {"site": 7, "100": 3, "300": 3, "1000": 1}, lighthouse_runs=3, queries=5, repeats=3)
QUICK = Plan((100,), {"site": 3, "100": 1}, lighthouse_runs=1, queries=3, repeats=1, preview_edits=2)
PREVIEW_PAGES = 300  # the corpus the edit→preview budget is measured on (the largest one run, if not this)


def parser() -> argparse.ArgumentParser:
    doc = __doc__.split("\n\n")
    p = argparse.ArgumentParser(prog="scripts/bench.py", description=doc[0],
                                epilog="\n\n".join(doc[1:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="the real site and a 100-page corpus, fewer runs")
    p.add_argument("--sizes", type=_sizes, help="corpus sizes in pages per language, e.g. 100,300 (each ≥ 3)")
    p.add_argument("--runs", type=int, help="runs of every build case (default: per plan, see --help)")
    p.add_argument("--no-build", action="store_true", help="skip the build side")
    p.add_argument("--no-reader", action="store_true", help="skip the reader side (browser, Lighthouse)")
    p.add_argument("--no-preview", action="store_true", help="skip the edit→preview latency (make serve vs mkdocs serve)")
    p.add_argument("--out", type=Path, default=ROOT / "bench", help="where results.json and results.md go")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (corpora, built sites)")
    return p


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 100,300, found {value!r}") from None
    if not sizes or min(sizes) < 3:
        raise argparse.ArgumentTypeError(f"every size needs at least 3 pages per language, found {value!r}")
    return sizes


def build_env(**extra: str) -> dict[str, str]:
    """The environment ``make bench`` exports, so a direct run measures the same thing."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", _git("log", "-1", "--format=%ct") or "1764028800")
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan = dataclasses.replace(plan, sizes=args.sizes)
    runs = {name: args.runs or plan.runs.get(name, 3) for name in ["site", *map(str, plan.sizes)]}
    plan = dataclasses.replace(plan, runs=runs)
    started, load_start = time.monotonic(), machine.load()
    proj = project.load(ROOT)
    work = Path(tempfile.mkdtemp(prefix="qdd-bench-"))
    results: dict = {
        "schema": 1,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "make bench" + (" (--quick)" if args.quick else ""),
        "mode": "quick" if args.quick else "full",
        "commit": _git("describe", "--always", "--dirty"),
        "machine": machine.machine(),
        "versions": machine.versions(browser.CHROMIUM, LIGHTHOUSE),
        "plan": {"sizes": list(plan.sizes), "runs": plan.runs, "lighthouse_runs": plan.lighthouse_runs,
                 "queries": plan.queries, "repeats": plan.repeats, "preview_edits": plan.preview_edits,
                 "site_pages": len(list(proj.docs_dir.rglob(f"*.{proj.default.code}.md")))},
        "problems": [],
    }
    try:
        if not args.no_build:
            with child.Spawner() as spawner:
                cases = measure_builds(plan, proj, work, results["plan"]["site_pages"], spawner.run)
            results["build"] = {"cases": cases}
            results["problems"] += [p for c in results["build"]["cases"] for p in c["problems"]]
        if not args.no_preview:
            results["preview"] = measure_preview(plan, work, results["problems"])
        if not args.no_reader:
            results["reader"] = measure_reader(plan, proj, work, results["problems"])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            progress(f"kept {work}")
    results["load"] = {"start": load_start, "end": machine.load()}
    results["duration_s"] = round(time.monotonic() - started, 1)
    results["budgets"] = [v.as_dict() for v in report.verdicts(results)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(report.markdown(results), encoding="utf-8")
    failed = [b for b in results["budgets"] if b["status"] == "FAIL"]
    for b in results["budgets"]:
        progress(f"{b['status']:4}  {b['id']}: {b['measured']}")
    progress(f"bench: {len(failed)} of {len(results['budgets'])} budgets failed, {len(results['problems'])} "
             f"problems, {results['duration_s'] / 60:.1f} min; wrote {args.out / 'results.md'}")
    return 1 if failed or results["problems"] else 0


def measure_builds(plan: Plan, proj: project.Project, work: Path, site_pages: int, runner) -> list[dict]:
    env = build_env()
    material = corpus.harvest(ROOT)
    contents = [("site", site_pages, variants.prepare(work / "site", ROOT, content="linked"))]
    for n in plan.sizes:
        start = time.monotonic()
        target = corpus.generate(work / f"corpus-{n}", n, ROOT, material)
        contents.append((str(n), n, variants.prepare(target, ROOT, content="own")))
        progress(f"corpus of {n} pages per language generated in {time.monotonic() - start:.1f} s")
    cases = []
    for name, pages, root in contents:
        progress(f"build: {name} ({pages} pages per language, {plan.runs[name]} runs)")
        case = builds.measure(name, root, plan.runs[name], work, env, runner, progress)
        case.update(pages=pages, languages=len(proj.languages))
        cases.append(case)
    return cases


def measure_preview(plan: Plan, work: Path, problems: list[str]) -> dict:
    """Edit→preview latency on the 300-page corpus (or the largest planned one): one brief of the default
    language saved ``plan.preview_edits`` times under ``make serve``'s preview and under stock
    ``mkdocs serve``."""
    pages = PREVIEW_PAGES if PREVIEW_PAGES in plan.sizes else max(plan.sizes)
    target = work / f"corpus-{pages}"
    if not (target / "mkdocs.yml").exists():
        corpus.generate(target, pages, ROOT, corpus.harvest(ROOT))
    root = variants.prepare(target, ROOT, content="own")
    default = project.load(root.path).default.code
    page = root.path / "docs" / "briefs" / f"brief-0001.{default}.md"
    progress(f"preview: edit→preview latency on the {pages}-page corpus ({plan.preview_edits} saves each)")
    try:
        result = preview.measure(str(pages), root, page, "briefs/brief-0001/", plan.preview_edits, build_env(),
                                 progress)
    except (RuntimeError, OSError) as exc:
        problems.append(f"preview: {exc}")
        return {}
    result["pages"] = pages
    return result


def measure_reader(plan: Plan, proj: project.Project, work: Path, problems: list[str]) -> dict:
    port = free_port()
    site_dir = work / "reader-site"
    env = build_env(SITE_URL=f"http://127.0.0.1:{port}/qdd/")
    env.setdefault("REPO_URL", "https://github.com/example-owner/example-repo")  # as the tests build it
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        problems.append(f"reader: the real site does not build: {(proc.stderr or proc.stdout).strip()[-400:]}")
        return {}
    progress("reader: first view, search, Lighthouse")
    lighthouse_bin = LIGHTHOUSE if LIGHTHOUSE.exists() else None
    if lighthouse_bin is None:
        problems.append("reader: node_modules/.bin/lighthouse is missing (run npm ci): Lighthouse not measured")
    out = reader.measure(site_dir, port, proj, lighthouse_bin, plan.lighthouse_runs, plan.queries, plan.repeats,
                         progress)
    for lang, data in out.get("lighthouse", {}).items():
        for run in data["runs"]:
            if "error" in run:
                problems.append(f"reader: Lighthouse on {lang}: {run['error']}")
            elif run["external_requests"]:
                problems.append(f"reader: Lighthouse on {lang} requested {', '.join(run['external_requests'])}")
    return out


if __name__ == "__main__":
    sys.exit(main())
