"""What must survive translation, per aligned block: numbers, reference markers, link and image targets,
inline code, glossary terms. Each compares a translated block with its source block (``{source}``);
each is waivable for one block with ``<!-- i18n-waive: check-id: reason -->``.
"""
from __future__ import annotations

from i18ncheck.inline import difference
from i18ncheck.registry import check


def _differ(what: str, found: list[str], expected: list[str]) -> str:
    return (f"{what} from {{source}} (found {', '.join(found) or 'none'}; "
            f"expected {', '.join(expected) or 'none'})")


def _compare(src, tr, kind: str, key=lambda item: item):
    """(extra items, missing items, offset of the first extra in the translation, offset of the first
    missing in the source): where the finding belongs."""
    found, expected = getattr(tr, kind), getattr(src, kind)
    extra, missing = difference(list(enumerate(found)), list(enumerate(expected)), key=lambda item: key(item[1]))
    t_at = tr.at[kind][extra[0][0]] if extra else None
    s_at = src.at[kind][missing[0][0]] if missing else None
    return [item for _, item in extra], [item for _, item in missing], t_at, s_at


@check("content", waivable=True)
def numbers(src, tr, context):
    """Numbers have the source's values (1,23 = 1.23; 100 000 = 100,000 = 100 мың; 6-шы = 6-й = 6th)."""
    if tr.values == src.values:
        return
    extra, missing, t_at, s_at = _compare(src, tr, "numbers", key=lambda item: item[0])
    if extra or missing:
        yield _differ("numbers differ", [w for _, w in extra], [w for _, w in missing]), t_at, s_at


@check("content", waivable=True)
def reference_markers(src, tr, context):
    """Reference markers [n] and footnote references [^n] are the source's."""
    if tr.markers == src.markers:
        return
    extra, missing, t_at, s_at = _compare(src, tr, "markers")
    if extra or missing:
        yield _differ("reference markers differ", extra, missing), t_at, s_at


@check("content", waivable=True)
def link_targets(src, tr, context):
    """Link and image targets are the source's (../article.md in every language)."""
    if tr.targets == src.targets:
        return
    extra, missing, t_at, s_at = _compare(src, tr, "targets")
    if extra or missing:
        yield _differ("link targets differ", extra, missing), t_at, s_at


@check("content", waivable=True)
def inline_code(src, tr, context):
    """Inline code spans are the source's, character for character."""
    if tr.code == src.code:
        return
    extra, missing, t_at, s_at = _compare(src, tr, "code")
    if extra or missing:
        yield _differ("inline code differs", [f"`{c}`" for c in extra], [f"`{c}`" for c in missing]), t_at, s_at


@check("content", waivable=True)
def terminology(src, tr, context):
    """A glossary term of the source block is rendered with the term's approved form (data/glossary.yml)."""
    glossary = context.glossary
    if glossary is None:
        return
    found = glossary.find(src.words, src.lang)
    if not found:
        return
    tr_words = glossary.prepare(tr.words, tr.lang)
    for term in found:
        if not glossary.matches(term, tr_words, tr.lang):
            entries = term.match.get(tr.lang)
            if not entries:
                continue
            stems = " | ".join(" ".join(entry) for entry in entries)
            yield (f"term {term.id} \"{term.term[src.lang]}\" of {{source}} is not rendered "
                   f"(expected \"{term.term[tr.lang]}\", matching: {stems})"), None, glossary.offset(term, src.words, src.lang)
