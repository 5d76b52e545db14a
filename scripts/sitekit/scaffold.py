"""Scaffold a new brief in every language: ``make brief SLUG=... TITLE=... SUMMARY=... TAGS=... SOURCE=en``.

usage: python -m sitekit.scaffold SLUG --title TITLE --summary SUMMARY --tags TAG[,TAG...]
                                  [--source LANG] [--date YYYY-MM-DD]
       python -m sitekit.scaffold --from-environment     (what `make brief` runs)

Writes ``docs/briefs/SLUG.<lang>.md`` for every language configured in ``mkdocs.yml`` with complete
front matter (title, description, summary, date, tags, source language, kind) and the same skeleton
body: a lead paragraph (the summary) and the sources heading. The source-language file is where the
author writes; the others start as copies for the translators.

Author input is data, never code. ``make brief`` hands the values over in the environment
(``BRIEF_SLUG``, ``BRIEF_TITLE``, ``BRIEF_SUMMARY``, ``BRIEF_TAGS``, ``BRIEF_SOURCE``, ``BRIEF_DATE``),
so neither make nor a shell ever reads them as commands. The front matter is written by a YAML emitter
and the lead paragraph is escaped for Markdown, so a title or summary with quotes, ``$``, backticks,
colons, ``#``, YAML or Markdown syntax, Cyrillic or Arabic arrives exactly as typed (spaces around it
aside).

Nothing is ever overwritten: if a file of the brief exists in any language, no file is written. Exit
status: 0 written, 1 refused (the brief exists) or not written (the disk said no; nothing is left
behind), 2 bad arguments or configuration; every problem is one line on stderr, never a traceback.

example: python -m sitekit.scaffold embassy-crisis-comms --source en --tags practice,social-media \\
           --title "Crisis communication for embassies" --summary "What to post in the first hour."
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from sitekit import project as project_mod
from sitekit import escaping, messages, safeyaml
from sitekit.briefs import FOLDER

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 80
RESERVED_SLUGS = frozenset({"index"})  # docs/briefs/index.<lang>.md is the listing
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ENVIRONMENT_PREFIX = "BRIEF_"
FIELDS = ("slug", "title", "summary", "tags", "source", "date")

class UsageError(Exception):
    """Bad arguments: one problem per line."""


class BriefExists(Exception):
    """Files of the brief exist already (``args[0]``: their paths); nothing was written."""


@dataclasses.dataclass(frozen=True)
class Request:
    """What the author asked for, as typed (``None`` where nothing was given)."""

    slug: str | None
    title: str | None
    summary: str | None
    tags: str | None
    source: str | None = None
    date: str | None = None
    from_environment: bool = False

    def name(self, field: str) -> str:
        """How the author gave ``field``: ``TITLE`` to make, ``--title`` on the command line."""
        if self.from_environment:
            return field.upper()
        return "SLUG" if field == "slug" else f"--{field}"


@dataclasses.dataclass(frozen=True)
class Brief:
    slug: str
    title: str
    summary: str
    tags: tuple[str, ...]
    source: str
    date: dt.date


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sitekit.scaffold", description="Scaffold a new brief in every language.",
        epilog='example: python -m sitekit.scaffold embassy-crisis-comms --source en --tags practice '
               '--title "Crisis communication for embassies" --summary "What to post in the first hour."')
    parser.add_argument("slug", nargs="?", help="the brief's file name and URL: lowercase ASCII words joined by hyphens")
    parser.add_argument("--title", help="the title, in the source language")
    parser.add_argument("--summary", help="one or two sentences, in the source language")
    parser.add_argument("--tags", help="comma-separated tag ids from data/tags.yml")
    parser.add_argument("--source", help="the language the brief is written in (default: the site's default language)")
    parser.add_argument("--date", help="publication date, YYYY-MM-DD (default: today)")
    parser.add_argument("--from-environment", action="store_true",
                        help=f"read every value from {ENVIRONMENT_PREFIX}SLUG, {ENVIRONMENT_PREFIX}TITLE, ... "
                             "(what `make brief` does, so make and the shell never see them)")
    parser.add_argument("--root", default=str(project_mod.ROOT), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def request_from(args: argparse.Namespace, environ=os.environ) -> Request:
    if args.from_environment:
        values = {field: environ.get(ENVIRONMENT_PREFIX + field.upper()) for field in FIELDS}
        # make passes an unset variable as an empty one; optional values given empty mean "the default"
        for field in ("source", "date"):
            values[field] = values[field] or None
        return Request(**values, from_environment=True)
    return Request(**{field: getattr(args, field) for field in FIELDS})


# --- checks: each returns the problems with one value ----------------------------------------------------

def text_problems(name: str, value: str | None) -> list[str]:
    """A title or summary: one line of printable text (what the translation check accepts)."""
    if value is None:
        return [f"{name} is missing"]
    if not value.strip():
        return [f"{name} is empty"]
    problems = []
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        problems.append(f"{name} is not valid UTF-8 text")
    # what the translation check refuses in a page: control characters, line and paragraph separators, and
    # the bidirectional embeddings and overrides U+202A-U+202E (the isolates a right-to-left title needs pass)
    bad = sorted({char for char in value if (unicodedata.category(char) in ("Cc", "Zl", "Zp")
                                             or 0x202A <= ord(char) <= 0x202E)
                  and not 0xD800 <= ord(char) <= 0xDFFF})
    if bad:
        found = ", ".join(f"U+{ord(char):04X}" for char in bad)
        problems.append(f"{name} contains line breaks or control characters ({found}); write it on one line")
    return problems


def slug_problems(name: str, slug: str | None) -> list[str]:
    if slug is None or not slug:
        return [f"{name} is missing (e.g. 'embassy-crisis-comms')"]
    expected = "lowercase ASCII letters and digits in words joined by single hyphens, e.g. 'embassy-crisis-comms'"
    if not SLUG.fullmatch(slug):
        return [f"{name} {slug!r} is not a valid slug (expected {expected}; it becomes the file name and URL)"]
    if len(slug) > SLUG_MAX:
        return [f"{name} is {len(slug)} characters long (expected at most {SLUG_MAX})"]
    if slug in RESERVED_SLUGS:
        return [f"{name} {slug!r} is reserved (docs/{FOLDER}/{slug}.<lang>.md is the briefs listing)"]
    return []


def validate(request: Request, proj: project_mod.Project, vocabulary: dict, today: dt.date) -> Brief:
    """Every argument checked; the brief to write, or UsageError listing every problem at once."""
    problems = slug_problems(request.name("slug"), request.slug)
    source = request.source if request.source is not None else proj.default.code
    if source not in proj.codes:
        problems.append(f"{request.name('source')} {source!r} is not a configured language "
                        f"(expected one of {', '.join(proj.codes)})")
    date = today
    if request.date is not None:
        try:
            if not DATE.fullmatch(request.date):
                raise ValueError
            date = dt.date.fromisoformat(request.date)
        except ValueError:
            problems.append(f"{request.name('date')} {request.date!r} is not a date in the form YYYY-MM-DD")
    for field in ("title", "summary"):
        problems += text_problems(request.name(field), getattr(request, field))
    tags = list(dict.fromkeys(tag.strip() for tag in (request.tags or "").split(",") if tag.strip()))
    if not tags:
        problems.append(f"{request.name('tags')} is empty (give at least one id from data/tags.yml)")
    unknown = [tag for tag in tags if tag not in vocabulary]
    if unknown:
        problems.append(f"{request.name('tags')}: unknown tag(s) {', '.join(map(repr, unknown))} "
                        f"(known: {', '.join(sorted(vocabulary))})")
    if problems:
        raise UsageError("\n".join(problems))
    # surrounding spaces are never meant (and make drops leading ones from `NAME= value` itself)
    return Brief(request.slug, request.title.strip(), request.summary.strip(), tuple(tags), source, date)


def load_vocabulary(root: Path) -> dict:
    """The tag ids of ``data/tags.yml``; a file that cannot be read is a configuration error."""
    path = root / "data" / "tags.yml"
    project_mod.readable(path, "data/tags.yml")
    try:  # the reader the translation check uses: no alias bomb, no key given twice, the line of an error
        data = safeyaml.read(path, "data/tags.yml")
    except safeyaml.Unusable as exc:
        raise project_mod.ConfigError(str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise project_mod.ConfigError("data/tags.yml: expected a mapping of tag ids to labels")
    return {str(key): value for key, value in data.items()}


# --- writing -------------------------------------------------------------------------------------------

def front_matter(brief: Brief) -> str:
    """The front matter, emitted by PyYAML (quoting whatever YAML would read differently), one line a key."""
    meta = {
        "title": brief.title, "description": brief.summary, "source_lang": brief.source, "kind": "brief",
        "date": brief.date, "tags": list(brief.tags), "summary": brief.summary,
    }
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=float("inf"),
                          default_flow_style=False)


def sources_heading(proj: project_mod.Project, lang: str) -> str:
    """The sources heading in ``lang`` (message ``brief.sources``; the fallback catalog's if ``lang``
    lacks it)."""
    try:
        return messages.for_project(proj).text(lang, "brief.sources")
    except KeyError as exc:  # no catalog holds it: a configuration error, said as one (exit 2)
        raise project_mod.ConfigError(str(exc.args[0])) from None


def languages(proj: project_mod.Project, brief: Brief) -> list[str]:
    """The languages the brief gets a file in: every language of ``mkdocs.yml`` except those in progress
    (a brief they lack is pending there), and always the brief's own."""
    return [code for code in proj.codes if code == brief.source or code not in proj.in_progress]


def render(lang: str, brief: Brief, heading: str) -> str:
    return (f"---\n{front_matter(brief)}---\n\n{escaping.markdown_text(brief.summary)}\n\n"
            f"## {heading} {{#sources}}\n")


def existing_files(folder: Path, slug: str) -> list[Path]:
    """Every file that already belongs to the brief, in any language (configured or not), symlinks too."""
    if not os.path.lexists(folder):
        return []
    if not folder.is_dir():
        raise UsageError(f"{folder.name} in the docs folder is not a folder (the briefs live in docs/{FOLDER}/)")
    return sorted(path for path in folder.iterdir()
                  if path.name == f"{slug}.md" or (path.name.startswith(f"{slug}.") and path.name.endswith(".md")
                                                   and "." not in path.name[len(slug) + 1:-3]))


def write(proj: project_mod.Project, brief: Brief, out) -> list[Path]:
    """Write every language's file, or none: a file that cannot be written removes those written before."""
    folder = proj.docs_dir / FOLDER
    existing = existing_files(folder, brief.slug)
    if existing:
        raise BriefExists(existing)
    texts = {code: render(code, brief, sources_heading(proj, code)) for code in languages(proj, brief)}  # all ready before the first file
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for code, text in texts.items():
            path = folder / f"{brief.slug}.{code}.md"
            with path.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite, even in a race
                written.append(path)
                fh.write(text)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    for path in written:
        print(path.relative_to(proj.root).as_posix(), file=out)
    return written


def scaffold(request: Request, root: Path, out=sys.stdout, today: dt.date | None = None) -> list[Path]:
    """Write the brief; the files written, the source language's first."""
    proj = project_mod.load(root)
    brief = validate(request, proj, load_vocabulary(proj.root), today or dt.date.today())
    written = write(proj, brief, out)
    return sorted(written, key=lambda path: not path.name.endswith(f".{brief.source}.md"))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse already printed usage
        return 2 if exc.code else 0
    root = Path(args.root)
    request = request_from(args)
    try:
        written = scaffold(request, root)
    except UsageError as exc:
        for line in str(exc).splitlines():
            print(f"scaffold: {line}", file=sys.stderr)
        return 2
    except project_mod.ConfigError as exc:
        print(f"scaffold: {exc}", file=sys.stderr)
        return 2
    except BriefExists as exc:
        for path in exc.args[0]:
            print(f"scaffold: {_relative(path, root)} already exists; nothing was written", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the list of written files went to a closed pipe; the files are written
        sys.stderr.close()
        return 0
    except OSError as exc:
        where = _relative(Path(exc.filename), root) if exc.filename else str(root)
        print(f"scaffold: {where}: cannot write ({exc.strerror}); nothing was written", file=sys.stderr)
        return 1
    print(f"scaffold: wrote brief {request.slug!r}; write it in {_relative(written[0], root)}, then have it "
          "translated, `make check` and `make sync`", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
