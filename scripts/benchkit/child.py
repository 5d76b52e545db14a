"""One measured child process: wall time, CPU time and peak memory.

The child is reaped with ``os.wait4``, which returns the resource usage of that child alone (its own
and that of the processes it waited for, e.g. the check's worker processes): ``ru_maxrss`` is the
largest resident set of the child or any of its waited-for children, in KiB on Linux. Unlike
``getrusage(RUSAGE_CHILDREN)``, whose maximum only ever grows over the benchmark's life, it starts
fresh for every run.

Almost fresh: Linux carries the resident set of the process that *started* the child over into the
child's ``ru_maxrss`` (``subprocess`` starts it with ``vfork``, and the peak survives ``exec``). The
benchmark's own process grows to hundreds of MiB (corpora, results), so ``Spawner`` starts the
measured children from a small helper process (``python -m benchkit.child``, about 10 MiB) instead.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
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


def run(argv: list[str], cwd: Path | str, env: dict[str, str]) -> Run:
    """Run ``argv`` from this process (its peak memory counts at least this process's resident set)."""
    with tempfile.TemporaryFile() as out:
        measured = _measure(argv, cwd, env, out)
        out.seek(0)
        return Run(**measured, output=out.read().decode("utf-8", "replace"))


def _measure(argv, cwd, env, out) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss,
            "returncode": proc.returncode}


class Spawner:
    """Runs children from a small helper process: ``with Spawner() as spawn: spawn.run(argv, cwd, env)``."""

    def __init__(self):
        self._helper = subprocess.Popen([sys.executable, "-m", "benchkit.child"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])))

    def run(self, argv: list[str], cwd: Path | str, env: dict[str, str]) -> Run:
        with tempfile.NamedTemporaryFile(prefix="bench-child-", delete=False) as out:
            path = out.name
        try:
            job = {"argv": [str(a) for a in argv], "cwd": str(cwd), "env": env, "out": path}
            self._helper.stdin.write(json.dumps(job) + "\n")
            self._helper.stdin.flush()
            reply = self._helper.stdout.readline()
            if not reply:
                raise RuntimeError("benchkit.child helper stopped")
            output = Path(path).read_bytes().decode("utf-8", "replace")
        finally:
            os.unlink(path)
        return Run(**json.loads(reply), output=output)

    def close(self) -> None:
        self._helper.stdin.close()
        self._helper.wait(timeout=60)
        self._helper.stdout.close()

    def __enter__(self) -> "Spawner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def serve() -> None:
    """The helper: one JSON job a line on stdin, one JSON result a line on stdout."""
    for line in sys.stdin:
        job = json.loads(line)
        with open(job["out"], "wb") as out:
            result = _measure(job["argv"], job["cwd"], job["env"], out)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
