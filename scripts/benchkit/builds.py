"""The build side: for one content (the real site or a corpus), the checked build (``mkdocs build
--strict`` with the project's hooks, as ``make site`` runs it: the build runs the translation check once,
inside) against the baseline build of the same content, run after run. The check's cache is emptied before
every checked build (not timed), so every checked build runs the check, never reads it from a cache. The
check alone (``python -m i18ncheck --cache``, as ``make check`` runs it, its cache emptied too) is measured
in the same runs, apart: it is not part of the checked build.

Every build writes into an empty folder (the previous run's output is removed before the clock starts).
Runs alternate the order of the two (checked first, then baseline first, ...), so a machine that slows
down or warms up during a case does not favour one of them. Every build runs through
``benchkit.eventtimes``, which also records the CPU time of each plugin's and hook's event handlers.
"""
from __future__ import annotations

import collections
import json
import shutil
import sys
from pathlib import Path

from benchkit import child, stats
from benchkit.variants import Root
from i18ncheck import cache


def check_argv(root: Root) -> list[str]:
    return [sys.executable, "-m", "i18ncheck", "--root", str(root.path), "--cache"]


def build_argv(config: Path, site_dir: Path, events: Path) -> list[str]:
    return [sys.executable, "-m", "benchkit.eventtimes", str(events), "build", "--strict", "--clean", "-q",
            "-f", str(config), "-d", str(site_dir)]


def _build(runner, config: Path, site_dir: Path, events: Path, env: dict) -> tuple[child.Run, dict]:
    shutil.rmtree(site_dir, ignore_errors=True)  # every build starts empty, as in CI; removal is not timed
    run = runner(build_argv(config, site_dir, events), config.parent, env)
    try:
        times = json.loads(events.read_text(encoding="utf-8"))["seconds"]
    except (OSError, ValueError, KeyError):
        times = {}
    return run, times


def measure(name: str, root: Root, runs: int, work: Path, env: dict, runner=child.run, progress=print) -> dict:
    """``runs`` checked and baseline builds of ``root``; ``runner`` starts each measured child
    (``child.Spawner().run`` in the benchmark)."""
    check, checked, baseline = [], [], []
    events_full, events_base = [], []
    for rep in range(runs):
        order = ("checked", "baseline") if rep % 2 == 0 else ("baseline", "checked")
        for step in order:
            if step == "checked":
                shutil.rmtree(root.path / cache.FOLDER, ignore_errors=True)  # the check runs alone, uncached
                check.append(runner(check_argv(root), root.path, env))
                shutil.rmtree(root.path / cache.FOLDER, ignore_errors=True)  # and in every checked build
                b, ev = _build(runner, root.config, work / f"{name}-site", work / f"{name}-events.json", env)
                checked.append(b)
                events_full.append(ev)
            else:
                b, ev = _build(runner, root.baseline, work / f"{name}-baseline", work / f"{name}-events-base.json", env)
                baseline.append(b)
                events_base.append(ev)
        progress(f"  {name}: run {rep + 1}/{runs}: checked build {checked[-1].wall:.1f} s "
                 f"(the check alone {check[-1].wall:.1f} s), baseline {baseline[-1].wall:.1f} s")
    result = {
        "name": name,
        "check": stats.summary(check),
        "checked_build": stats.summary(checked),
        "baseline": stats.summary(baseline),
        "events": {"checked_build": median_events(events_full), "baseline": median_events(events_base)},
        "problems": problems(name, check, checked, baseline),
    }
    result["overhead"] = {
        "wall": _ratio(result["checked_build"]["median_wall"], result["baseline"]["median_wall"]),
        "cpu": _ratio(result["checked_build"]["median_cpu"], result["baseline"]["median_cpu"]),
    }
    return result


def _ratio(a, b):
    return round(a / b - 1, 4) if a is not None and b else None


def median_events(runs: list[dict]) -> dict:
    """Per ``plugin:event`` and per plugin: the median CPU seconds over the runs."""
    keys = sorted({k for run in runs for k in run})
    per_event = {k: round(stats.median(run.get(k, 0.0) for run in runs), 4) for k in keys}
    per_plugin = collections.defaultdict(float)
    for key, value in per_event.items():
        per_plugin[key.split(":", 1)[0]] += value
    return {"plugins": {k: round(v, 4) for k, v in sorted(per_plugin.items())}, "events": per_event}


def problems(name: str, check: list[child.Run], checked: list[child.Run], baseline: list[child.Run]) -> list[str]:
    out = []
    for label, runs in (("translation check", check), ("checked build", checked), ("baseline build", baseline)):
        failed = [r for r in runs if not r.ok]
        if failed:
            tail = " | ".join(failed[0].output.strip().splitlines()[-3:])
            out.append(f"{name}: {label} exited {failed[0].returncode} in {len(failed)} of {len(runs)} runs: {tail[:400]}")
    return out
