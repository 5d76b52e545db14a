"""``python -m i18ncheck sync``: record that translations are in sync with their source again.

It changes nothing but ``data/translation-sync.json``, never a byte of a page, and it refuses (records
nothing at all) when a translation's structure does not match its source's.
"""
from __future__ import annotations

from i18ncheck import engine, syncrecord
from i18ncheck.document import split_language
from i18ncheck.tree import RECORD, Context, Pair, Tree


class SyncRefused(Exception):
    """Nothing was recorded; the message says why, file by file."""


def translations(tree: Tree) -> list[str]:
    """The docs-relative uris of every translation in the tree."""
    return [doc.uri for page in tree.pages() if page.source is not None for doc in page.translations()]


def sync_new(tree: Tree, context: Context) -> tuple[list[str], list[str]]:
    """Record every translation that was never synced with its source (and matches its structure);
    (what was recorded, what was refused). A translation the record knows is never overwritten here: a
    stale one is refused and named, since recording it would hide what changed in its source."""
    done, refused, eligible = [], [], []
    for page in tree.pages():
        source = page.source
        if source is None:
            continue
        for doc in page.translations():
            pair = Pair(page, source, doc, context.record)
            if pair.changes is not None and not pair.changes:
                continue  # in sync already
            if pair.changes:
                refused.append(f"{doc.path}: stale (its source {source.path} changed since it was synced): "
                               f"update it, then name it: make sync FILES={doc.path}")
                continue
            if doc.uri in context.record.entries:
                refused.append(f"{doc.path}: recorded against another source "
                               f"({context.record.entries[doc.uri].source}): name it to record it: "
                               f"make sync FILES={doc.path}")
                continue
            eligible.append(doc.uri)
    for uri in eligible:
        try:
            done += sync(tree, context, [uri])
        except SyncRefused as exc:
            refused.append(str(exc))
    return done, refused


def prune(tree: Tree, context: Context) -> list[str]:
    """Drop the record's entries for files that are no longer translations; touch nothing else."""
    record, keep, done = context.record, set(translations(tree)), []
    for uri in sorted(u for u in record.entries if u not in keep):
        del record.entries[uri]
        done.append(f"{RECORD}: dropped the entry for {tree.path(uri)} (no longer a translation)")
    if done:
        record.save()
    return done


def sync(tree: Tree, context: Context, uris: list[str]) -> list[str]:
    """Record each translation in ``uris`` as synced with its source's current text; return what was
    recorded (one line per file). Records nothing when one of them cannot be recorded."""
    problems, entries, done, stale_entries = [], {}, [], set()
    for uri in uris:
        doc = tree.document(uri)
        page = tree.page(split_language(uri)[0])
        source = page.source if page else None
        if source is None:
            problems.append(f"{doc.path}: its page has no source (set source_lang in the front matter of "
                            "every language, and make sure the source file exists)")
            continue
        if source is doc:
            problems.append(f"{doc.path}: this is the source of its page; sync records translations")
            continue
        if not (engine.comparable(source) and engine.comparable(doc)):
            problems.append(f"{doc.path}: the body of this file or of {source.path} cannot be read "
                            "(run python -m i18ncheck for the reason)")
            continue
        broken = [d.path for d in (doc, source) if d.meta_error]
        if broken:
            # the front matter is compared and recorded like the body: a record of one that does not parse
            # would vouch for text nobody could check
            problems.append(f"{doc.path}: the front matter of {' and '.join(broken)} cannot be read, not recorded "
                            "(run python -m i18ncheck for the reason)")
            continue
        if engine.divergence(source, doc) is not None:
            detail = "; ".join(f.text() for f in engine.structure_findings(source, doc))
            problems.append(f"{doc.path}: structure does not match its source, not recorded: {detail}")
            continue
        entries[uri] = page.fingerprint
        stale_entries.add(source.uri)  # a source that used to be a translation has nothing to record
        done.append(f"{doc.path}: recorded as synced with {source.path}")
    if problems:
        raise SyncRefused("\n".join(problems))
    record = context.record
    for uri in sorted(stale_entries & record.entries.keys()):
        del record.entries[uri]
        done.append(f"{RECORD}: dropped the entry for {tree.path(uri)} (now the source of its page)")
    record.entries.update(entries)
    record.save()
    return done

