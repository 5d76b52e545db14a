"""CPU time of the search worker under Node (``searchcpu.js``): per language, the index build and the
bench's queries with Material's own worker and with the site's. CPU time (user + system of the Node
process) barely moves with the machine's load, which the shared machine makes wall times swing by 2–5 ×;
both are kept, with the load average at the start of each language's run."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("searchcpu.js")


def summarise(run: dict) -> dict:
    """The best index build (the least disturbed) and the median query, CPU and wall, in ms."""
    cpu = [ms for values in run["query_cpu_ms"].values() for ms in values]
    wall = [ms for values in run["query_wall_ms"].values() for ms in values]
    return {
        "build_cpu_ms": round(min(run["build_cpu_ms"]), 1), "build_wall_ms": round(min(run["build_wall_ms"]), 1),
        "query_cpu_ms": round(statistics.median(cpu), 2) if cpu else None,
        "query_wall_ms": round(statistics.median(wall), 2) if wall else None,
        "results": run["results"],
    }


def measure(site_dir: Path, index: Path, queries: list[str], builds: int = 5, repeats: int = 20) -> dict | None:
    """{material: …, site: …, load: the 1-minute load average} for one language's index, or None without
    Node."""
    node = shutil.which("node")
    if node is None or not queries:
        return None
    load = os.getloadavg()[0]
    proc = subprocess.run([node, str(SCRIPT), str(site_dir), str(index), str(builds), str(repeats), *queries],
                          capture_output=True, text=True, timeout=900, check=True)
    runs = json.loads(proc.stdout)
    return {"material": summarise(runs["material"]), "site": summarise(runs["site"]), "load": round(load, 1)}
