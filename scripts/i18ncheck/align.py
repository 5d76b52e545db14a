"""Aligning a translation's blocks with its source's when their sequences differ.

When every block has the source's shape in the source's order (the usual case), block i pairs with
block i. Otherwise the two sequences are aligned as a translator reads them: a global alignment (edit
distance with costs) where pairing two blocks of the same shape costs little, less still when they carry
the same numbers, markers, links and code and have the lengths the rest of the page leads one to expect,
and leaving a block unpaired (a block only one side has) costs more. One inserted paragraph then leaves
one translated block unpaired and every other block paired with its counterpart, so the check reports
the extra paragraph once and goes on comparing the rest of the file.

The alignment is computed in a band around the diagonal as wide as the difference in length plus
``BAND`` blocks: linear in the file for a fixed band (a 1,000-block page aligns in a fraction of a second).
"""
from __future__ import annotations

import math

BAND = 16          # blocks either side of the diagonal (beyond the difference in length)
GAP = 2.0          # a block only one side has
SAME_KIND = 1.5    # two blocks of one kind and different shapes (a heading of another level)
OTHER_KIND = 2.5   # two blocks of different kinds, paired (a paragraph where the source has a list)


def shape(node) -> tuple:
    return (node.kind, node.depth, node.level, node.anchor, node.ordered, node.count, node.rows, node.cols,
            node.name, node.kind == "admonition" and bool(node.text))


def align(src_nodes, tr_nodes, src_inlines, tr_inlines) -> list[tuple[int | None, int | None]]:
    """Pairs (source index, translation index) in order; None on one side for a block only the other has."""
    n, m = len(src_nodes), len(tr_nodes)
    s_shapes = [shape(x) for x in src_nodes]
    t_shapes = [shape(x) for x in tr_nodes]
    if s_shapes == t_shapes:
        return [(i, i) for i in range(n)]
    s_len = [len(x.text) + 1 for x in src_nodes]
    t_len = [len(x.text) + 1 for x in tr_nodes]
    ratio = (sum(t_len) / sum(s_len)) if n and m else 1.0
    s_sig = [_signature(x) for x in src_inlines]
    t_sig = [_signature(x) for x in tr_inlines]

    def cost(i: int, j: int) -> float:
        a, b = s_shapes[i], t_shapes[j]
        if a != b:
            return SAME_KIND if a[0] == b[0] else OTHER_KIND
        c = min(1.0, abs(math.log(t_len[j] / (s_len[i] * ratio))) / 2)
        if s_sig[i] != t_sig[j]:
            c += 0.7
        elif s_sig[i]:
            c -= 0.3
        return c

    # Pairs that cannot be wrong (same shape, the same non-empty numbers, markers, links and code, lengths
    # as expected) are taken from both ends first; the rest is aligned.
    head = 0
    while head < min(n, m) and s_sig[head] and s_sig[head] == t_sig[head] and cost(head, head) < 0.5:
        head += 1
    tail = 0
    while (tail < min(n, m) - head and s_sig[n - 1 - tail] and s_sig[n - 1 - tail] == t_sig[m - 1 - tail]
           and cost(n - 1 - tail, m - 1 - tail) < 0.5):
        tail += 1
    middle = _align(cost, head, n - tail, head, m - tail)
    return ([(k, k) for k in range(head)] + middle
            + [(n - tail + k, m - tail + k) for k in range(tail)])


def _align(cost, s0: int, s1: int, t0: int, t1: int) -> list[tuple[int | None, int | None]]:
    """The cheapest alignment of source blocks s0..s1-1 with translated blocks t0..t1-1."""
    n, m = s1 - s0, t1 - t0
    band = abs(n - m) + BAND
    inf = float("inf")
    # score[i][j - low(i)]: the cost of aligning the first i source blocks with the first j translated ones
    lows = [max(0, i * m // max(n, 1) - band) for i in range(n + 1)]
    highs = [min(m, i * m // max(n, 1) + band) for i in range(n + 1)]
    score: list[list[float]] = []
    move: list[list[int]] = []  # 0 pair, 1 source block alone, 2 translated block alone
    for i in range(n + 1):
        lo, hi = lows[i], highs[i]
        row, back = [inf] * (hi - lo + 1), [0] * (hi - lo + 1)
        prev, plo, phi = (score[i - 1], lows[i - 1], highs[i - 1]) if i else (None, 0, -1)
        for j in range(lo, hi + 1):
            k = j - lo
            if i == 0 and j == 0:
                row[k] = 0.0
                continue
            best, how = inf, 0
            if i and plo <= j - 1 <= phi and prev[j - 1 - plo] < inf:
                best, how = prev[j - 1 - plo] + cost(s0 + i - 1, t0 + j - 1), 0
            if i and plo <= j <= phi and prev[j - plo] + GAP < best:
                best, how = prev[j - plo] + GAP, 1
            if j > lo and row[k - 1] + GAP < best:
                best, how = row[k - 1] + GAP, 2
            row[k], back[k] = best, how
        score.append(row)
        move.append(back)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        how = move[i][j - lows[i]] if i else 2
        if how == 0:
            i, j = i - 1, j - 1
            pairs.append((s0 + i, t0 + j))
        elif how == 1:
            i -= 1
            pairs.append((s0 + i, None))
        else:
            j -= 1
            pairs.append((None, t0 + j))
    pairs.reverse()
    return pairs


def _signature(found) -> tuple:
    if found is None:
        return ()
    return (found.values, found.markers, found.targets, found.code) if (
        found.values or found.markers or found.targets or found.code) else ()
