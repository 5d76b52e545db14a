"""Scaffold a new brief in every language: ``make brief SLUG=... TITLE=... SUMMARY=... TAGS=... SOURCE=en``.

usage: python -m sitekit.scaffold SLUG --title TITLE --summary SUMMARY --tags TAG[,TAG...]
                                  [--source LANG] [--date YYYY-MM-DD] [--root DIR]

Writes ``docs/briefs/SLUG.<lang>.md`` for every configured language with complete front matter (title,
description, summary, date, tags, source language, kind) and the same skeleton body: a lead paragraph
(the summary) and the sources heading. The source-language file is where the author writes; the other
two start as copies for the translators. Nothing is ever overwritten: if any of the files exists, no
file is written. Exit status: 0 written, 1 refused (a file exists), 2 bad arguments.

example: python -m sitekit.scaffold embassy-crisis-comms --source en --tags practice,social-media \\
           --title "Crisis communication for embassies" --summary "What to post in the first hour."
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from sitekit import messages
from sitekit import project as project_mod
from sitekit.briefs import FOLDER

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class UsageError(Exception):
    pass


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sitekit.scaffold", description="Scaffold a new brief in every language.",
        epilog='example: python -m sitekit.scaffold embassy-crisis-comms --source en --tags practice '
               '--title "Crisis communication for embassies" --summary "What to post in the first hour."')
    parser.add_argument("slug", help="the brief's file name and URL: lowercase ASCII words joined by hyphens")
    parser.add_argument("--title", required=True, help="the title, in the source language")
    parser.add_argument("--summary", required=True, help="one or two sentences, in the source language")
    parser.add_argument("--tags", required=True, help="comma-separated tag ids from data/tags.yml")
    parser.add_argument("--source", default=None, help="the language the brief is written in (default: the site's default language)")
    parser.add_argument("--date", default=None, help="publication date, YYYY-MM-DD (default: today)")
    parser.add_argument("--root", default=str(project_mod.ROOT), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def validate(args, proj: project_mod.Project, vocabulary: dict) -> tuple[str, dt.date, list[str]]:
    """Check every argument; return (source language, date, tags) or raise UsageError listing all problems."""
    problems = []
    if not SLUG.match(args.slug):
        problems.append(f"slug {args.slug!r} must be lowercase ASCII words joined by hyphens (e.g. 'embassy-crisis-comms')")
    source = args.source or proj.default.code
    if source not in proj.codes:
        problems.append(f"--source {source!r} is not a configured language (expected one of {', '.join(proj.codes)})")
    date = dt.date.today()
    if args.date is not None:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            problems.append(f"--date {args.date!r} is not a date in the form YYYY-MM-DD")
    for name in ("title", "summary"):
        if not getattr(args, name).strip():
            problems.append(f"--{name} is empty")
    tags = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    if not tags:
        problems.append("--tags is empty (give at least one id from data/tags.yml)")
    unknown = [tag for tag in tags if tag not in vocabulary]
    if unknown:
        problems.append(f"unknown tag(s) {', '.join(unknown)} (known: {', '.join(sorted(vocabulary))})")
    if problems:
        raise UsageError("\n".join(problems))
    return source, date, tags


def render(lang: str, source: str, date: dt.date, tags: list[str], title: str, summary: str,
           sources_heading: str) -> str:
    meta = {
        "title": title, "description": summary, "source_lang": source, "kind": "brief",
        "date": date, "tags": tags, "summary": summary,
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{summary}\n\n## {sources_heading} {{#sources}}\n"


def scaffold(args, out=sys.stdout) -> list[Path]:
    proj = project_mod.load(Path(args.root))
    tags_file = proj.root / "data" / "tags.yml"
    vocabulary = yaml.safe_load(tags_file.read_text(encoding="utf-8")) or {} if tags_file.exists() else {}
    source, date, tags = validate(args, proj, vocabulary)
    folder = proj.docs_dir / FOLDER
    # a language in progress gets its translation when a translator writes it (the brief is pending there)
    codes = [code for code in proj.codes if code == source or code not in proj.in_progress]
    targets = [folder / f"{args.slug}.{code}.md" for code in codes]
    existing = [path for path in targets if path.exists()]
    if existing:
        raise FileExistsError(existing)
    folder.mkdir(parents=True, exist_ok=True)
    msgs = messages.for_project(proj)
    for path, code in zip(targets, codes):
        with path.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite, even in a race
            fh.write(render(code, source, date, tags, args.title.strip(), args.summary.strip(),
                            msgs.text(code, "brief.sources")))
        print(path.relative_to(proj.root).as_posix(), file=out)
    return targets


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse already printed usage
        return 2 if exc.code else 0
    try:
        scaffold(args)
    except UsageError as exc:
        for line in str(exc).splitlines():
            print(f"scaffold: {line}", file=sys.stderr)
        return 2
    except project_mod.ConfigError as exc:
        print(f"scaffold: {exc}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        root = Path(args.root)
        for path in exc.args[0]:
            print(f"scaffold: {path.relative_to(root).as_posix()} already exists; nothing was written", file=sys.stderr)
        return 1
    print(f"scaffold: wrote brief {args.slug!r}; write it in {args.source or 'the source language'}, "
          "then translate, `make check` and `make sync`", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
