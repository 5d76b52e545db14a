"""Check that the translations in docs/ match their sources (python -m i18ncheck).

usage:
  python -m i18ncheck [--format text|json|github] [--enable IDS] [--disable IDS] [--cache]
  python -m i18ncheck --list
  python -m i18ncheck sync docs/article.ru.md [docs/briefs/x.en.md ...]
  python -m i18ncheck sync --new      (every translation never synced; refuses stale ones)
  python -m i18ncheck prune           (drop record entries of translations that no longer exist)
  python -m i18ncheck status [--format text|json]

Findings go to stdout as `path:line: message [check-id]`, sorted by path and line; one summary line goes
to stderr. Waived findings and acknowledged stale translations are listed but do not fail.
Exit status: 0 no failing finding, 1 failing findings (or sync refused), 2 usage or configuration error.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from i18ncheck import cache, engine, status, sync
from i18ncheck.finding import FORMATS, printable, summary
from i18ncheck.registry import CHECKS
from i18ncheck.tree import Tree, load_context
from sitekit import messages
from sitekit import project as projectmod
from sitekit.project import ConfigError


def cpus() -> int:
    """The CPUs this process may run on (a container's host may have many more), at most 8."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    return max(1, min(count, 8))


MAX_JOBS = 64


def _jobs(value: str) -> int:
    """``--jobs N``: a whole number from 1 to ``MAX_JOBS``, run as at most the CPUs this process may use."""
    try:
        number = int(value.strip(), 10)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes from 1 to {MAX_JOBS} (found {value!r})")
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return min(number, max(1, available))


def _ids(value: str) -> list[str]:
    ids = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in ids if v != "all" and v not in CHECKS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown check id {', '.join(unknown)} (see --list)")
    return ids


def parser() -> argparse.ArgumentParser:
    doc = __doc__.split("\n\n", 1)
    p = argparse.ArgumentParser(prog="python -m i18ncheck", description=doc[0],
                                epilog=doc[1].split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", type=Path, default=projectmod.ROOT,
                   help="the project folder, where mkdocs.yml is (default: this repository)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="how findings are printed")
    p.add_argument("--jobs", type=_jobs, default=cpus(), metavar="N",
                   help=f"processes to check a large tree with, 1 to {MAX_JOBS} (default: the CPUs this process may "
                        "use, at most 8; more than it may use run as many as it may)")
    p.add_argument("--cache", action="store_true",
                   help="reuse the result of an identical earlier run (every input file hashed; kept in "
                        ".cache/i18ncheck/), and keep this one for the build's hook; with every check on only")
    p.add_argument("--list", action="store_true", help="list the check ids and what each checks, then exit")
    p.add_argument("--disable", type=_ids, action="extend", default=[], metavar="IDS",
                   help="comma-separated check ids not to run ('all' for every check)")
    p.add_argument("--enable", type=_ids, action="extend", default=[], metavar="IDS",
                   help="comma-separated check ids to run even if disabled (applied after --disable)")
    sub = p.add_subparsers(dest="command", metavar="{sync,prune,status}")
    s = sub.add_parser("sync", help="record translations as synced with their source (changes only the record)",
                       description=sync.__doc__.strip().splitlines()[0])
    s.add_argument("files", nargs="*", type=Path, help="translations, e.g. docs/article.ru.md")
    s.add_argument("--new", "--all", dest="all", action="store_true",
                   help="record every translation that was never synced; a stale one is refused and named")
    sub.add_parser("prune", help="drop the record's entries for translations that no longer exist (nothing else)")
    st = sub.add_parser("status", help="every page's state in every language")
    st.add_argument("--format", dest="status_format", choices=("text", "json"), default="text")
    return p


def enabled_checks(args) -> frozenset[str]:
    on = set(CHECKS)
    for ids, add in ((args.disable, False), (args.enable, True)):
        for check_id in ids:
            targets = set(CHECKS) if check_id == "all" else {check_id}
            on = on | targets if add else on - targets
    return frozenset(on)


def main(argv: list[str] | None = None) -> int:
    # A short run that allocates many small objects and frees them all at exit: the cyclic garbage
    # collector would only re-scan them (7 % of a 3,000-file check).
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is noticed below
        return code
    except BrokenPipeError:
        # the reader went away (status | head): stop writing, quietly, and keep Python's exit flush quiet too
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except KeyboardInterrupt:
        print("i18ncheck: interrupted", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as exc:
        print(f"i18ncheck: the input is too deeply nested or too large to check ({type(exc).__name__})",
              file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"i18ncheck: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, never a traceback
        print(f"i18ncheck: internal error ({type(exc).__name__}: {' '.join(str(exc).split())[:300]}); "
              "the input above is not checked: please report this", file=sys.stderr)
        return 2
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.list:
        width = max(map(len, CHECKS))
        for c in CHECKS.values():
            note = " (waivable)" if c.waivable else ""
            print(f"{c.id:<{width}}  {c.doc}{note}")
        return 0
    if args.command == "sync" and not args.files and not args.all:
        p.error("sync: name the translations to record (e.g. sync docs/article.ru.md), or give --new")
    if args.command == "sync" and args.files and args.all:
        p.error("sync: give either files or --new, not both")
    try:
        proj = projectmod.load(args.root.resolve())
        tree = Tree(proj)
        context = load_context(proj)
        if args.command == "sync":
            return _sync(p, args, tree, context)
        if args.command == "prune":
            return _prune(tree, context)
        if args.command == "status":
            return _status(args, tree, context)
        enabled = enabled_checks(args)
        if args.cache and enabled == engine.ALL:
            findings, _ = cache.run(tree, context, jobs=args.jobs)
        else:
            findings = engine.run(tree, context, enabled, jobs=args.jobs)
    except (ConfigError, messages.CatalogError) as exc:
        print(printable(f"i18ncheck: {' '.join(str(exc).split())}"), file=sys.stderr)
        return 2
    sys.stdout.write(FORMATS[args.format](findings))
    print(summary(findings, len(tree.markdown)), file=sys.stderr)
    return 1 if any(f.fails for f in findings) else 0


def _sync(p, args, tree: Tree, context) -> int:
    if args.all:
        done, refused = sync.sync_new(tree, context)
        for line in done + refused:
            print(line, file=sys.stderr)
        print(f"i18ncheck sync: {len(done)} translations recorded in {context.rel(context.record.path)}"
              + (f"; {len(refused)} refused (name a stale one to record it: make sync FILES=...)" if refused else ""),
              file=sys.stderr)
        return 1 if refused else 0
    uris = []
    docs = os.path.abspath(tree.docs_dir)
    for path in args.files:
        # relative to the project (as make passes them), or failing that to the current folder; a link is
        # not followed (it would name another file than the one the author typed)
        if "\0" in str(path):
            p.error(f"sync: {str(path)!r} is not a file name")
        found = next((c for c in (tree.project.root / path, Path.cwd() / path) if os.path.lexists(c)), None)
        if found is None:
            p.error(f"sync: {printable(str(path))} does not exist")
        full = os.path.abspath(found)
        if os.path.commonpath([full, docs]) != docs:
            p.error(f"sync: {printable(str(path))} is not in {tree.docs_dir}")
        uri = Path(os.path.relpath(full, docs)).as_posix()
        if uri not in tree.markdown:
            p.error(f"sync: {printable(str(path))} is not a Markdown file in docs/")
        uris.append(uri)
    try:
        done = sync.sync(tree, context, uris)
    except sync.SyncRefused as exc:
        print(f"{exc}\ni18ncheck sync: nothing recorded", file=sys.stderr)
        return 1
    for line in done:
        print(line, file=sys.stderr)
    print(f"i18ncheck sync: {len(uris)} translations recorded in {context.rel(context.record.path)}", file=sys.stderr)
    return 0


def _prune(tree: Tree, context) -> int:
    done = sync.prune(tree, context)
    for line in done:
        print(line, file=sys.stderr)
    print(f"i18ncheck prune: {len(done)} entries dropped from {context.rel(context.record.path)}", file=sys.stderr)
    return 0


# The command line's own words for a state, like its findings (readers' words are the catalogs', which the
# status page uses): status works, and says the same, whatever a project's catalogs hold.
STATE_WORDS = {"stale-acknowledged": "stale (acknowledged)", "unknown": "source language unknown"}


def _state_words(state: status.State) -> str:
    text = STATE_WORDS.get(state.state, state.state)
    if state.never_synced:
        return f"{text} (never synced)"
    if state.stale_lines:
        return f"{text}: source paragraphs changed at lines {', '.join(map(str, state.stale_lines))}"
    return text


def _status(args, tree: Tree, context) -> int:
    if args.status_format == "json":
        print(json.dumps(status.report(tree, context), ensure_ascii=False, indent=2))
        return 0
    for page in tree.pages():
        states = status.page_states(page, context)
        cells = "  ".join(f"{code}: {_state_words(state)}" for code, state in states.items())
        print(f"{tree.path(page.uri)}  {cells}")
    return 0
