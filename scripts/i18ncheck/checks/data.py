"""The data files the site is built from: every entry complete for every configured language, in a form
the glossary pages, listings and feeds can show (they would crash on a missing definition, show a tag's
id instead of its label, or break a line)."""
from __future__ import annotations

from i18ncheck.registry import check
from i18ncheck.tree import GLOSSARY, TAGS


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
