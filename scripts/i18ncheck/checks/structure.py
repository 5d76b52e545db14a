"""Structure, block by block: a translation has the source's blocks in the source's order and shape.

Where the two block sequences differ, ``align.py`` pairs the blocks as a reader would; these checks say
how a pair of different shapes differs (``{source}`` stands for the source file and line), and the engine
reports a block only one side has as extra or missing, then goes on comparing the rest of the file.
"""
from __future__ import annotations

from i18ncheck.registry import check


def _describe(node) -> str:
    return "end of file" if node is None else node.describe()


def both(kind: str, src, node) -> bool:
    """Whether the source block and the translated block are both blocks of ``kind``."""
    return src is not None and node is not None and src.kind == kind and node.kind == kind


def same_shape(a, b) -> bool:
    """Whether two blocks have the same shape (all the structure checks would pass)."""
    return (a.kind == b.kind and a.depth == b.depth and a.level == b.level and a.anchor == b.anchor
            and a.ordered == b.ordered and a.count == b.count and a.rows == b.rows and a.cols == b.cols
            and a.name == b.name and (a.kind != "admonition" or bool(a.text) == bool(b.text)))


@check("structure")
def block_structure(src, node):
    """The blocks follow the source's sequence (paragraphs, headings, lists, tables, code, images...)."""
    if src is None or node is None or src.kind != node.kind:
        yield f"block differs from {{source}} (found {_describe(node)}, expected {_describe(src)})"
    elif src.depth != node.depth:
        yield (f"block nesting differs from {{source}} (found {node.describe()} at depth {node.depth}, "
               f"expected depth {src.depth})")


@check("structure")
def heading_structure(src, node):
    """Headings have the source's level and {#anchor}."""
    if not both("heading", src, node):
        return
    if src.level != node.level:
        yield f"heading level differs from {{source}} (found {'#' * node.level}, expected {'#' * src.level})"
    if src.anchor != node.anchor:
        found = f"{{#{node.anchor}}}" if node.anchor else "no id"
        expected = f"{{#{src.anchor}}}" if src.anchor else "no id"
        yield f"heading anchor differs from {{source}} (found {found}, expected {expected})"


@check("structure")
def list_structure(src, node):
    """Lists are of the source's kind (bulleted or numbered) and have its number of items."""
    if not both("list", src, node):
        return
    if src.ordered != node.ordered:
        kinds = {True: "numbered", False: "bulleted"}
        yield f"list kind differs from {{source}} (found {kinds[node.ordered]}, expected {kinds[src.ordered]})"
    if src.count != node.count:
        yield f"list item count differs from {{source}} (found {node.count}, expected {src.count})"


@check("structure")
def table_structure(src, node):
    """Tables have the source's shape (rows × columns)."""
    if not both("table", src, node):
        return
    if (src.rows, src.cols) != (node.rows, node.cols):
        yield f"table shape differs from {{source}} (found {node.rows}×{node.cols}, expected {src.rows}×{src.cols})"


@check("structure")
def admonition_structure(src, node):
    """Admonitions have the source's type, and a title where the source has one."""
    if not both("admonition", src, node):
        return
    if src.name != node.name:
        yield f"admonition type differs from {{source}} (found {node.name}, expected {src.name})"
    if bool(src.text) != bool(node.text):
        found, expected = ("a title", "none") if node.text else ("none", "a title")
        yield f"admonition title differs from {{source}} (found {found}, expected {expected})"


@check("structure")
def code_structure(src, node):
    """Fenced code blocks have the source's language."""
    if not both("code", src, node):
        return
    if src.name != node.name:
        yield f"code block language differs from {{source}} (found {node.name or 'none'}, expected {src.name or 'none'})"


@check("structure")
def footnote_structure(src, node):
    """Footnote definitions have the source's labels."""
    if not both("footnote", src, node):
        return
    if src.name != node.name:
        yield f"footnote label differs from {{source}} (found [^{node.name}], expected [^{src.name}])"
