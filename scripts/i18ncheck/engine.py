"""The one place that runs the checks: over the whole tree (the command line) or one page (the MkDocs
hook), then applies waivers and acknowledged staleness and sorts the findings.
"""
from __future__ import annotations

import dataclasses

from i18ncheck import align, checks, inline  # noqa: F401  (registers the checks)
from i18ncheck.blocks import line_at, line_like
from i18ncheck.checks.structure import same_shape
from i18ncheck.document import Document
from i18ncheck.finding import Finding
from i18ncheck.registry import CHECKS, by_scope
from i18ncheck.tree import Context, Page, Pair, Tree

ALL = frozenset(CHECKS)
PARALLEL_FROM = 300  # Markdown files; below this a second process costs more than it saves


def run(tree: Tree, context: Context, enabled: frozenset[str] = ALL, jobs: int = 1) -> list[Finding]:
    """Every finding in the docs tree, sorted by path and line. With ``jobs`` > 1 (and a large tree) the
    pages are checked in that many processes."""
    context.files = frozenset(tree.files)
    findings: list[Finding] = []
    for c in by_scope("tree", enabled):
        findings += [Finding(path, line, c.id, message) for path, line, message in c.fn(tree, context)]
    neutral = sorted(tree.page_uris)
    in_pages = {uri for uris in tree.page_uris.values() for uri in uris.values()}
    loose = [uri for uri in tree.markdown if uri not in in_pages]
    if jobs > 1 and len(tree.markdown) >= PARALLEL_FROM:
        findings += _in_processes(tree, context, enabled, neutral, loose, jobs)
    else:
        findings += _check(tree, context, enabled, neutral, loose)
    return sorted(findings)


# What the build's hooks and templates read before any page is checked: a finding of one of these means
# the build would crash or publish a broken page, so the MkDocs hook stops the build on it.
BLOCKING = frozenset({"file-names", "encoding", "control-characters", "markup-limits", "front-matter-syntax",
                      "front-matter-values",
                      "tag-vocabulary", "glossary-entries", "unknown-tag", "unsafe-html", "hidden-content"})


def blocking(tree: Tree, context: Context) -> list[Finding]:
    """The failing findings of the ``BLOCKING`` checks over the whole tree (tree and file checks only:
    cheap, no comparison of translations), sorted."""
    enabled = frozenset(BLOCKING & ALL)
    found: list[Finding] = []
    for c in by_scope("tree", enabled):
        found += [Finding(path, line, c.id, message) for path, line, message in c.fn(tree, context)]
    for uri in tree.markdown:
        doc = tree.document(uri)
        if doc.lang in context.project.codes or doc.lang is None:
            found += apply_waivers(doc, _file_findings(doc, context, enabled), enabled)
    return sorted(f for f in found if f.fails)


def _check(tree: Tree, context: Context, enabled, neutral: list[str], loose: list[str]) -> list[Finding]:
    """The findings of the pages at the ``neutral`` uris and of the ``loose`` files (in no page)."""
    findings: list[Finding] = []
    for uri in neutral:
        findings += check_page(tree.page(uri), context, enabled)
    for uri in loose:
        doc = tree.document(uri)
        findings += apply_waivers(doc, _file_findings(doc, context, enabled), enabled)
    return findings


_FORKED: tuple = ()  # (tree, context, enabled), set in each worker process by _worker_start


def _worker_start(*job) -> None:
    global _FORKED
    _FORKED = job


def _worker(neutral: list[str], loose: list[str]) -> list[Finding]:
    return _check(*_FORKED, neutral, loose)


def _in_processes(tree, context, enabled, neutral, loose, jobs) -> list[Finding]:
    """Check every ``jobs``-th page in a forked process each; this process takes the first share."""
    import multiprocessing  # only a large tree needs it (and it costs the command line 20 ms to import)

    pool = multiprocessing.get_context("fork").Pool(jobs - 1, _worker_start, (tree, context, enabled))
    try:
        shares = [pool.apply_async(_worker, (neutral[k::jobs], loose[k::jobs])) for k in range(1, jobs)]
        findings = _check(tree, context, enabled, neutral[0::jobs], loose[0::jobs])
        for share in shares:
            findings += share.get()
    finally:
        pool.close()
        pool.join()
    return findings


def check_page(page: Page, context: Context, enabled: frozenset[str] = ALL) -> list[Finding]:
    """The findings of one page in all its languages (every check but the whole-tree ones)."""
    raw: list[Finding] = []
    for doc in page.docs.values():
        raw += _file_findings(doc, context, enabled)
    for c in by_scope("page", enabled):
        for doc, line, message, other, other_line in c.fn(page, context):
            other_path = other.path if isinstance(other, Document) else other
            raw.append(Finding(doc.path, line, c.id, message, other_path, other_line))
    source = page.source
    if source is not None:
        for tr in page.translations():
            raw += _pair_findings(Pair(page, source, tr, context.record), context, enabled)
    out: list[Finding] = []
    for doc in page.docs.values():
        out += apply_waivers(doc, [f for f in raw if f.path == doc.path], enabled)
    return sorted(out)


def _file_findings(doc: Document, context: Context, enabled) -> list[Finding]:
    return [Finding(doc.path, line, c.id, message)
            for c in by_scope("file", enabled) for line, message in c.fn(doc, context)]


def comparable(doc: Document) -> bool:
    """Whether the body of ``doc`` can be compared: it is not empty and its front matter is delimited."""
    return not doc.empty and not (doc.meta_error and doc.body_line == 1)


def divergence(source: Document, translation: Document) -> int | None:
    """Index of the first block whose shape differs between source and translation; None when they match."""
    a, b = source.nodes, translation.nodes
    for i in range(max(len(a), len(b))):
        if i >= len(a) or i >= len(b) or not same_shape(a[i], b[i]):
            return i
    return None


def structure_findings(src: Document, tr: Document, enabled: frozenset[str] = ALL) -> list[Finding]:
    """How the translation's block structure differs from its source's, as findings ([] when they match
    or when either body cannot be compared)."""
    if not (comparable(src) and comparable(tr)) or divergence(src, tr) is None:
        return []
    return _compare(src, tr, align.align(src.nodes, tr.nodes, src.inlines, tr.inlines), enabled, None)


def _compare(src: Document, tr: Document, pairs, enabled, context: Context | None,
             shaped: bool = False) -> list[Finding]:
    """Findings over aligned blocks: the structure checks on pairs of different shapes, one finding per
    block only one side has (not its nested blocks), the content checks on pairs of the same shape."""
    out: list[Finding] = []
    structure = by_scope("structure", enabled)
    contents = by_scope("content", enabled) if context is not None else ()
    report_gaps = "block-structure" in enabled
    skip_src = skip_tr = None  # (depth, last line) of the last unpaired container reported
    gaps = any(i is None or j is None for i, j in pairs)
    next_tr = _next_lines(pairs, tr, 1) if gaps else ()
    next_src = _next_lines(pairs, src, 0) if gaps else ()
    s_nodes, t_nodes, s_inlines, t_inlines = src.nodes, tr.nodes, src.inlines, tr.inlines
    for k, (i, j) in enumerate(pairs):
        s = s_nodes[i] if i is not None else None
        t = t_nodes[j] if j is not None else None
        if s is not None and t is not None:
            if shaped is False and not same_shape(s, t):
                where = f"source {src.path}:{s.line}"
                out += [Finding(tr.path, t.line, c.id, message.replace("{source}", where), src.path, s.line)
                        for c in structure for message in c.fn(s, t)]
                continue
            si, ti = s_inlines[i], t_inlines[j]
            if si is None or ti is None:
                continue
            for c in contents:
                for message, t_at, s_at in c.fn(si, ti, context):
                    s_line = line_at(s, s_at)
                    t_line = line_at(t, t_at) if t_at is not None else line_like(t, s, s_at)
                    message = message.replace("{source}", f"source {src.path}:{s_line}")
                    out.append(Finding(tr.path, t_line, c.id, message, src.path, s_line))
        elif t is not None:
            if skip_tr and t.depth > skip_tr[0] and t.line <= skip_tr[1]:
                continue
            skip_tr = (t.depth, t.end)
            near = next_src[k]
            if report_gaps:
                out.append(Finding(tr.path, t.line, "block-structure",
                                   f"extra {t.describe()} at line {t.line}, not in the source {src.path}",
                                   src.path, near))
        else:
            if skip_src and s.depth > skip_src[0] and s.line <= skip_src[1]:
                continue
            skip_src = (s.depth, s.end)
            near = next_tr[k]
            if report_gaps:
                out.append(Finding(tr.path, near, "block-structure",
                                   f"missing {s.describe()}: source {src.path}:{s.line} has no counterpart in "
                                   "the translation", src.path, s.line))
    return out


# Front matter a reader sees as text, compared as the body is (the same content checks), at the key's line.
COMPARED_KEYS = ("title", "description", "summary", "abstract", "keywords")


def _meta_text(doc: Document, key: str) -> str | None:
    value = doc.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return value if isinstance(value, str) else None


META_WAIVER = "i18n-waive"


def meta_waivers(doc: Document) -> list[tuple[str, str, str]] | None:
    """``i18n-waive: ["title: terminology: why", ...]`` in the front matter: (key, check, reason); None
    when the value is malformed (front-matter-values reports it)."""
    value = doc.get(META_WAIVER)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    out = []
    for item in value if isinstance(value, list) else [None]:
        if not isinstance(item, str) or item.count(":") < 2:
            return None
        key, check, reason = (part.strip() for part in item.split(":", 2))
        if key not in COMPARED_KEYS or check not in CHECKS or not CHECKS[check].waivable or not reason:
            return None
        out.append((key, check, " ".join(reason.split())))
    return out


def _meta_inline(doc: Document, key: str, text: str):
    """What must survive translation in a front matter value, read once per file."""
    cache = doc.__dict__.setdefault("_meta_inlines", {})
    if key not in cache:
        cache[key] = inline.extract(text, doc.lang)
    return cache[key]


def _meta_findings(src: Document, tr: Document, enabled, context: Context) -> list[Finding]:
    out: list[Finding] = []
    if src.meta is None or tr.meta is None:
        return out
    waivers = meta_waivers(tr) or []
    used: set[int] = set()
    contents = by_scope("content", enabled)
    for key in COMPARED_KEYS:
        s_text, t_text = _meta_text(src, key), _meta_text(tr, key)
        if s_text is None or t_text is None:
            continue
        si, ti = _meta_inline(src, key, s_text), _meta_inline(tr, key, t_text)
        s_line, t_line = src.key_line(key), tr.key_line(key)
        for c in contents:
            for message, _, _ in c.fn(si, ti, context):
                message = message.replace("{source}", f"source {src.path}:{s_line}")
                message = message.replace("block", f"front matter {key}", 1) if message.startswith("block") else f"{key}: {message}"
                waived = next((k for k, (wk, wc, _) in enumerate(waivers) if k not in used and (wk, wc) == (key, c.id)), None)
                if waived is not None:
                    used.add(waived)
                out.append(Finding(tr.path, t_line, c.id, message, src.path, s_line,
                                   waived=waivers[waived][2] if waived is not None else None))
    if "waiver" in enabled:
        out += [Finding(tr.path, tr.key_line(META_WAIVER), "waiver",
                        f"front matter waiver for {check} on {key} matches no finding")
                for k, (key, check, _) in enumerate(waivers) if k not in used and check in enabled]
    return out


def _next_lines(pairs, doc: Document, side: int) -> list[int]:
    """For each position of ``pairs``, the line of the next block of ``doc`` paired from there on (the
    end of the file after the last one): where a block the other side lacks would go."""
    out, upcoming = [0] * len(pairs), len(doc.lines) or 1
    for k in range(len(pairs) - 1, -1, -1):
        index = pairs[k][side]
        if index is not None:
            upcoming = doc.nodes[index].line
        out[k] = upcoming
    return out


def _pair_findings(pair: Pair, context: Context, enabled) -> list[Finding]:
    src, tr = pair.source, pair.translation
    out: list[Finding] = []
    if comparable(src) and comparable(tr):
        if divergence(src, tr) is None:
            out += _compare(src, tr, [(k, k) for k in range(len(src.nodes))], enabled, context, shaped=True)
        else:
            out += _compare(src, tr, align.align(src.nodes, tr.nodes, src.inlines, tr.inlines), enabled, context)
    out += _meta_findings(src, tr, enabled, context)
    for c in by_scope("pair", enabled):
        for line, message, other_line in c.fn(pair, context):
            out.append(Finding(tr.path, line, c.id, message, src.path, other_line,
                               acknowledged=c.id == "stale-translation" and pair.acknowledged))
    return out


def apply_waivers(doc: Document, findings: list[Finding], enabled) -> list[Finding]:
    """Mark each finding a waiver of the block accepts; a well-formed waiver that accepts nothing is a
    finding of its own."""
    usable = [w for w in doc.waivers
              if w.check in CHECKS and CHECKS[w.check].waivable and w.reason and w.start is not None]
    used: set[int] = set()
    out = []
    for f in sorted(findings):
        if CHECKS[f.check].waivable:
            for k, w in enumerate(usable):
                if k not in used and w.check == f.check and w.start <= f.line <= w.end:
                    used.add(k)
                    f = dataclasses.replace(f, waived=w.reason)
                    break
        out.append(f)
    if "waiver" in enabled:
        out += [Finding(doc.path, w.line, "waiver", f"waiver for {w.check} matches no finding in the block at line {w.start}")
                for k, w in enumerate(usable) if k not in used and w.check in enabled]
    return out
