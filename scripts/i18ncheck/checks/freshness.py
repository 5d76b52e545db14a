"""Freshness: a translation is in sync with its source as recorded in data/translation-sync.json."""
from __future__ import annotations

from i18ncheck.document import split_language
from i18ncheck.registry import check
from i18ncheck.tree import RECORD


MAX_CHANGES = 10  # a finding names the first changes and counts the rest


@check("pair")
def stale_translation(pair, context):
    """The source has not changed since the translation was last synced (make sync FILES=...)."""
    tr, src = pair.translation, pair.source
    if tr.foreign or src.foreign:
        return  # its encoding finding fails the check; once saved as UTF-8 the file is compared
    again = f"update it, then record it: make sync FILES={tr.path}"
    if pair.changes is None:
        recorded = context.record.entries.get(tr.uri)
        if recorded is None:
            yield 1, f"translation was never synced with source {src.path} ({again})", None
        else:
            base = src.path[: len(src.path) - len(src.uri)]
            yield 1, (f"translation was synced with {base}{recorded.source}, but its source is now "
                      f"{src.path} ({again})"), None
    elif pair.changes:
        first = next((c for c in pair.changes if c.line), None)
        first_source = next((c.source_line for c in pair.changes if c.source_line), None)
        shown = pair.changes[:MAX_CHANGES]
        what = "; ".join(c.what for c in shown) + (f"; and {len(pair.changes) - len(shown):,} more changes"
                                                    if len(pair.changes) > len(shown) else "")
        yield (first.line if first else 1), f"translation is stale: source {src.path} changed: {what}", first_source


@check("pair")
def stale_marker(pair, context):
    """translation: stale is removed once the translation is synced again."""
    if pair.acknowledged and not pair.stale:
        yield (pair.translation.key_line("translation"),
               f"translation: stale is set, but the translation is in sync with source {pair.source.path} "
               "(remove the key)", None)


@check("tree")
def sync_record(tree, context):
    """Every entry of data/translation-sync.json names a page file in docs/."""
    record = context.record
    for uri in sorted(record.entries):
        if uri not in tree.page_uris.get(split_language(uri)[0], {}).values():
            yield RECORD, record.line_of(uri), (f"entry for {tree.path(uri)} names no page file in docs/ "
                                                "(drop it: make prune)")
