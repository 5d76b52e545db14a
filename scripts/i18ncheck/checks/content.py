"""What must survive translation, per aligned block: numbers, reference markers, link and image targets,
inline code, glossary terms. Each compares a translated block with its source block (``{source}``);
each is waivable for one block with ``<!-- i18n-waive: check-id: reason -->``.
"""
from __future__ import annotations

from i18ncheck.inline import difference, words
from i18ncheck.registry import check


def _differ(what: str, found: list[str], expected: list[str]) -> str:
    return (f"{what} from {{source}} (found {', '.join(found) or 'none'}; "
            f"expected {', '.join(expected) or 'none'})")


@check("content", waivable=True)
def numbers(src, tr, context):
    """Numbers have the source's values (1,23 = 1.23; 100 000 = 100,000 = 100 мың; 6-шы = 6-й = 6th)."""
    if tr.values == src.values:
        return
    extra, missing = difference(tr.numbers, src.numbers, key=lambda item: item[0])
    if extra or missing:
        yield _differ("numbers differ", [w for _, w in extra], [w for _, w in missing])


@check("content", waivable=True)
def reference_markers(src, tr, context):
    """Reference markers [n] and footnote references [^n] are the source's."""
    if tr.markers == src.markers:
        return
    extra, missing = difference(tr.markers, src.markers)
    if extra or missing:
        yield _differ("reference markers differ", extra, missing)


@check("content", waivable=True)
def link_targets(src, tr, context):
    """Link and image targets are the source's (../article.md in every language)."""
    if tr.targets == src.targets:
        return
    extra, missing = difference(tr.targets, src.targets)
    if extra or missing:
        yield _differ("link targets differ", extra, missing)


@check("content", waivable=True)
def inline_code(src, tr, context):
    """Inline code spans are the source's, character for character."""
    if tr.code == src.code:
        return
    extra, missing = difference(tr.code, src.code)
    if extra or missing:
        yield _differ("inline code differs", [f"`{c}`" for c in extra], [f"`{c}`" for c in missing])


@check("content", waivable=True)
def terminology(src, tr, context):
    """A glossary term of the source block is rendered with the term's approved form (data/glossary.yml)."""
    glossary = context.glossary
    if glossary is None:
        return
    found = glossary.find(src.words, src.lang)
    if not found:
        return
    tr_words = words(tr.words)
    for term in found:
        if not glossary.matches(term, tr_words, tr.lang):
            stems = " | ".join(" ".join(entry) for entry in term.match[tr.lang])
            yield (f"term {term.id} \"{term.term[src.lang]}\" of {{source}} is not rendered "
                   f"(expected \"{term.term[tr.lang]}\", matching: {stems})")
