"""One measured child process: wall time, CPU time and peak memory.

The child is reaped with ``os.wait4``, which returns the resource usage of that child alone (its own
and that of the processes it waited for, e.g. the check's worker processes): ``ru_maxrss`` is the
largest resident set of the child or any of its waited-for children, in KiB on Linux. Unlike
``getrusage(RUSAGE_CHILDREN)``, whose maximum only ever grows over the benchmark's life, it starts
fresh for every run.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
import time
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Run:
    wall: float        # seconds
    cpu: float         # user + system seconds, children included
    maxrss_kib: int
    returncode: int
    output: str        # stdout then stderr, for diagnostics

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> Run:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, output)


def combine(*runs: Run) -> Run:
    """Runs one after the other as one step (the checked build: check, then build)."""
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.maxrss_kib for r in runs),
               next((r.returncode for r in runs if r.returncode), 0), "".join(r.output for r in runs))
