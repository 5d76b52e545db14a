"""The data files the site is built from: every entry complete for every configured language, in a form
the glossary pages, listings and feeds can show (they would crash on a missing definition, show a tag's
id instead of its label, or break a line)."""
from __future__ import annotations

import os
import re

from i18ncheck.registry import check
from i18ncheck.tree import GLOSSARY, TAGS
from sitekit import fontfaces, galley, searchdata

GALLEY = "data/galley.yml"


@check("tree")
def tag_vocabulary(tree, context):
    """Every tag in data/tags.yml has a one-line label in every configured language."""
    for line, message in context.tag_problems:
        yield TAGS, line, message


@check("tree")
def glossary_entries(tree, context):
    """Every term in data/glossary.yml has an ascii id, a term, match stems and a definition in every language."""
    for line, message in context.glossary.problems if context.glossary is not None else ():
        yield GLOSSARY, line, message


def _located(problem: str, fallback: str) -> tuple[str, int, str]:
    """``path:line: message [id]`` (or ``path: message``) as the (path, line, message) of a finding."""
    match = re.match(r"(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<message>.*?)(?: \[[a-z-]+\])?$", problem)
    if match is None:
        return fallback, 1, problem
    return match["path"], int(match["line"] or 1), match["message"]


@check("tree")
def search_data(tree, context):
    """data/search/*.yml (each language's search settings, synonyms, weights) is what the build can use."""
    try:
        searchdata.load(context.project.root, context.project.codes)
    except searchdata.SearchDataError as exc:
        for problem in str(exc).splitlines():
            yield _located(problem, searchdata.FOLDER.as_posix())


@check("tree")
def galley_data(tree, context):
    """data/galley.yml (the fonts of the article's PDF galleys) is what the build can use."""
    path = context.project.root / GALLEY
    if not os.path.lexists(path):
        return  # a publication without PDF galleys
    try:
        galley.load_fonts(path, GALLEY)
    except galley.GalleyError as exc:
        yield _located(str(exc), GALLEY)


@check("tree")
def fonts_data(tree, context):
    """data/fonts.yml (the site's text faces) is what make fonts can use, with a face for every language's script."""
    _, problems = fontfaces.check(context.project.root / fontfaces.FILE, fontfaces.FILE, context.project.codes)
    for line, message in problems:
        yield fontfaces.FILE, line, message
