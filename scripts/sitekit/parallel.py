"""The languages of one ``mkdocs build``, built side by side in forked processes.

static-i18n builds the default language, then every other one, one after the other in one process: four
languages take four times one on a machine with two CPUs idle but one. Here the build process forks, once
the default language's build has emptied the site folder, one child per further group of languages
(``plan``); each child builds its group exactly as static-i18n's loop would (same configuration object,
same events, into the same site folder) and sends back what the parent's last steps need from those
builds, then exits; the parent builds its own group and, where static-i18n's loop reaches a child's first
language, waits for that child and takes its results in (``Run.join``), in static-i18n's order. What a
build keeps for its end (static-i18n's search entries, the hooks' page lists, the PDF queue, ...) is
registered with ``share``: a name, what a child collects and how the parent merges it.

A child's failure is the build's failure: its exception is raised again in the parent with the child's
message (a strict build's warnings abort the child's build as they abort static-i18n's inner build, and
are printed by the child as they happen). A child is never left behind: a failing parent kills and reaps
them (``Run.abandon``). Data flows over a pipe, pickled, from a child this process forked; nothing is
read from disk.

The whole-site work after the last language (each language's search index, sitemaps and feed; the PDF
galleys) is split the same way: ``each`` runs a list of independent tasks in as many processes and returns
their results in order.

``SITE_JOBS`` (environment) sets how many processes build: a whole number from 1 to 64; 1 builds one
language after the other as static-i18n does; unset, the CPUs this process may use. The output is the
same byte for byte whatever the number (``tests/test_parallel_build.py``).
"""
from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence

log = logging.getLogger("mkdocs.hooks.parallel")
MAX_JOBS = 64
ENV = "SITE_JOBS"


class JobsError(ValueError):
    """``SITE_JOBS`` is not a whole number from 1 to ``MAX_JOBS``."""


def cpus() -> int:
    """The CPUs this process may run on (a container's host may have many more)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def jobs(environ: dict | None = None) -> int:
    """The number of processes ``SITE_JOBS`` asks for (the CPUs when unset or empty)."""
    raw = (os.environ if environ is None else environ).get(ENV, "")
    if raw.strip() == "":
        return min(cpus(), MAX_JOBS)
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_JOBS:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise JobsError(f"{ENV}={shown!r}: expected a whole number of processes from 1 to {MAX_JOBS} "
                        f"(1 builds the languages one after the other)")
    return int(text)


def plan(languages: Sequence[str], first: str, processes: int) -> list[tuple[str, ...]]:
    """The languages each process builds, in static-i18n's order: the first group is the parent's and
    starts with ``first`` (the language whose build is running); groups differ in size by one at most and
    are contiguous, so every language a child builds comes after all of the parent's in that order."""
    order = [first] + [code for code in languages if code != first]
    count = max(1, min(processes, len(order)))
    size, extra = divmod(len(order), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(tuple(order[start:end]))
        start = end
    return groups


# Whether this run may fork (``hook_parallel.py``: ``mkdocs build``, not the preview's threaded server).
ENABLED = {"build": False}


def processes() -> int:
    """How many processes this run's work may use: ``jobs()`` in a build, 1 under the preview."""
    return jobs() if ENABLED["build"] else 1


def each(tasks: Sequence[Callable[[], object]], count: int | None = None) -> list:
    """``[task() for task in tasks]``, the tasks split into ``count`` contiguous shares (default:
    ``processes()``), every share but the first in a forked child; the first failure is raised again
    (``ChildFailed`` for a child's)."""
    count = processes() if count is None else count
    if count < 2 or len(tasks) < 2 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    shares = [tuple(share) for share in plan(range(len(tasks)), 0, count)]
    results: dict[int, object] = {}
    run = Run()
    try:
        run.start(shares[1:], lambda share: [tasks[i]() for i in share],
                  label=lambda share: f"the site's closing work ({len(share)} of {len(tasks)} tasks)")
        for index in shares[0]:
            results[index] = tasks[index]()
        for child in run.children:
            child.joined = True
            values = _merge(child, _read_all(child.reader), os.waitpid(child.pid, 0)[1])
            results.update(zip(child.languages, values))
    finally:
        run.abandon()
    return [results[i] for i in range(len(tasks))]


class Beside:
    """``task()`` run in a forked child while this process goes on; ``result()`` waits for it."""

    def __init__(self, task: Callable[[], object], label: str):
        self._run = Run()
        self._run.start([("task",)], lambda group: task(), label=lambda group: label)

    @property
    def owned(self) -> bool:
        """Whether this process started the task (a forked child inherits this object)."""
        return self._run.owned

    def result(self):
        """What ``task()`` returned; ``ChildFailed`` when it raised or the child died, or when this is not
        the process that started it."""
        if not self.owned:
            raise ChildFailed("RuntimeError", "the task belongs to another process")
        child = self._run.children[0]
        if child.joined:
            raise ChildFailed("RuntimeError", f"{child.label}: its result was taken already")
        child.joined = True
        return _merge(child, _read_all(child.reader), os.waitpid(child.pid, 0)[1])

    def abandon(self) -> None:
        self._run.abandon()


# What a build's end needs from every language's build: name -> (collect in a child, merge in the parent).
SHARES: dict[str, tuple[Callable[[tuple[str, ...]], object], Callable[[object], None]]] = {}


def share(name: str, collect: Callable[[tuple[str, ...]], object], merge: Callable[[object], None]) -> None:
    """Register what a child sends back: ``collect(languages)`` runs in the child after its builds,
    ``merge(value)`` in the parent when it takes that child's results in."""
    SHARES[name] = (collect, merge)


class ChildFailed(Exception):
    """A child's build failed; ``kind`` is the name of the exception it raised."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclasses.dataclass
class Child:
    languages: tuple  # its languages (or, in ``each``, its tasks' indexes)
    pid: int
    reader: int
    joined: bool = False
    label: str = ""  # what it does, for messages


@dataclasses.dataclass
class Run:
    """The children of one build, waited for by the process that forked them only (a forked child
    inherits this object: there it does nothing)."""
    children: list[Child] = dataclasses.field(default_factory=list)
    owner: int = dataclasses.field(default_factory=os.getpid)

    @property
    def owned(self) -> bool:
        return os.getpid() == self.owner

    def languages(self) -> set[str]:
        return {code for child in self.children for code in child.languages}

    def start(self, groups: Sequence[tuple], work: Callable[[tuple], object],
              label: Callable[[tuple], str] = lambda group: "the build of " + ", ".join(group)) -> None:
        """Fork one child per group; a child sends what ``work(group)`` returns (a language build:
        ``collect(group)``, what ``join`` merges) and exits."""
        for group in groups:
            reader, writer = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child: never returns, whatever happens
                try:
                    os.close(reader)
                    _child(group, work, writer)
                finally:
                    os._exit(1)
            os.close(writer)
            self.children.append(Child(group, pid, reader, label=label(group)))

    def join(self, language: str) -> None:
        """Wait for the child building ``language`` (once) and merge what it sent; raise its failure."""
        if not self.owned:
            return
        for child in self.children:
            if language in child.languages and not child.joined:
                child.joined = True
                payload = _read_all(child.reader)
                _, status = os.waitpid(child.pid, 0)
                for name, value in _merge(child, payload, status).items():
                    if name in SHARES:
                        SHARES[name][1](value)

    def abandon(self) -> None:
        """Stop and reap every child not joined (the parent's own build failed)."""
        if not self.owned:
            return
        for child in self.children:
            if child.joined:
                continue
            child.joined = True
            try:
                os.kill(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                os.close(child.reader)
            except OSError:
                pass
            try:
                os.waitpid(child.pid, 0)
            except ChildProcessError:
                pass


def collect(group: tuple[str, ...]) -> dict:
    """In a child, after the builds of ``group``: every registered share's value."""
    return {name: take(group) for name, (take, _) in SHARES.items()}


def _child(group: tuple, work, writer: int) -> None:
    code = 0
    try:
        payload = ("ok", work(group))
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the parent, which raises it
        code = 1
        payload = ("error", type(exc).__name__, str(exc))
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - the parent sees an empty pipe and the exit status
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _read_all(fd: int) -> bytes:
    chunks = []
    with os.fdopen(fd, "rb") as pipe:
        while True:
            chunk = pipe.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def _merge(child: Child, data: bytes, status: int):
    try:
        payload = pickle.loads(data) if data else None  # noqa: S301 - from a child this process forked
    except Exception:  # noqa: BLE001
        payload = None
    if not payload:
        raise ChildFailed("Abort", f"{child.label} stopped without a result "
                                   f"({_describe(status)})")
    if payload[0] == "error":
        raise ChildFailed(payload[1], f"{child.label} failed: {payload[2]}")
    return payload[1]


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"
