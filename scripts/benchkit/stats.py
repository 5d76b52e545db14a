"""Medians of repeated runs."""
from __future__ import annotations

import statistics

from benchkit.child import Run


def median(values) -> float | None:
    """The median of ``values`` (the mean of the middle two for an even count); None for none."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summary(runs: list[Run]) -> dict:
    """Every run's numbers and their medians (wall and CPU in seconds, peak memory in MiB)."""
    return {
        "runs": len(runs),
        "wall": [round(r.wall, 3) for r in runs],
        "cpu": [round(r.cpu, 3) for r in runs],
        "maxrss_mib": [round(r.maxrss_kib / 1024, 1) for r in runs],
        "returncodes": [r.returncode for r in runs],
        "median_wall": _round(median(r.wall for r in runs)),
        "median_cpu": _round(median(r.cpu for r in runs)),
        "median_maxrss_mib": _round(median(r.maxrss_kib / 1024 for r in runs), 1),
        "ok": all(r.ok for r in runs),
    }


def _round(value, digits: int = 3):
    return None if value is None else round(value, digits)
