"""YAML as authors may write it, read safely: front matter and the data files (``data/*.yml``).

PyYAML's safe loader (its C version when installed) builds no Python objects from tags (``!!python/...``
is an error, never a call), and this module adds what it lacks: a limit on alias expansion, and keys
given twice in one mapping as an error (PyYAML keeps the last one silently). An alias
costs nothing to parse, but a document of nested aliases (the "billion laughs") expands into billions of
values as soon as anything walks it (a hash, a JSON dump, a template). The composed node graph is measured
first, each shared node counted as often as it is referenced, in time linear in the document; a document
that would expand beyond ``LIMIT`` values is refused with a ``yaml.YAMLError`` like any syntax error.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from sitekit import encodings

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader

LIMIT = 100_000  # values after alias expansion; the largest data file of the site has about 2,000


class AliasBomb(yaml.YAMLError):
    """The document expands beyond ``LIMIT`` values through aliases."""

    def __init__(self, size: int, line: int):
        super().__init__(f"aliases expand to more than {LIMIT:,} values (about {size:,})")
        self.problem = str(self)
        self.problem_mark = _Mark(line)


class _Mark:
    def __init__(self, line: int):
        self.line = line  # 0-based, as PyYAML's marks


def expanded_size(node, sizes: dict[int, int] | None = None) -> int:
    """How many values ``node`` stands for once every alias is expanded (memoised per node: linear)."""
    sizes = {} if sizes is None else sizes

    def size(n) -> int:
        known = sizes.get(id(n))
        if known is not None:
            return known
        sizes[id(n)] = LIMIT + 1  # a node that contains itself (a recursive alias) is unbounded
        if isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(child) for child in n.value)
        elif isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        else:
            total = 1
        total = min(total, LIMIT * 10)
        sizes[id(n)] = total
        return total

    return size(node)


def _culprit(node, sizes: dict[int, int]):
    """The innermost-but-one node that is too large: the key whose value is the bomb, not the document."""
    while True:
        children = (node.value if isinstance(node, yaml.SequenceNode)
                    else [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else [])
        big = next((c for c in children if sizes.get(id(c), 0) > LIMIT), None)
        if big is None or big is node:
            return node
        if isinstance(node, yaml.MappingNode) and not any(sizes.get(id(g), 0) > LIMIT for g in
                                                          (big.value if isinstance(big, yaml.SequenceNode) else [])):
            return big
        node = big


class DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice: YAML keeps the last silently (a second ``title:`` in a
    translation's front matter would replace the one a reviewer read)."""

    def __init__(self, key: str, line: int):
        # the line is the second key's (front matter counts its lines from the file's first, data files
        # from their own: a line number inside the message would be right for one of them only)
        super().__init__(f"key '{key}' is given twice in one mapping; keep one")
        self.problem = str(self)
        self.problem_mark = _Mark(line)


def check_duplicates(node) -> None:
    """Raise ``DuplicateKey`` for the first mapping in ``node`` (walked once, aliases included) that
    names a scalar key twice; the merge key ``<<`` may repeat."""
    seen_nodes: set[int] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen_nodes:
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge":
                    if k.value in keys:
                        raise DuplicateKey(k.value, k.start_mark.line)
                    keys.add(k.value)
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def load(text: str):
    """The value of the YAML ``text``; raises ``yaml.YAMLError`` (an ``AliasBomb`` included) or
    ``ValueError`` (a date such as 2026-02-30, which PyYAML passes to ``datetime.date``)."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_duplicates(node)
        if "*" in text:  # no alias, nothing to expand
            sizes: dict[int, int] = {}
            total = expanded_size(node, sizes)
            if total > LIMIT:
                raise AliasBomb(total, _culprit(node, sizes).start_mark.line)
        return loader.construct_document(node)
    except RecursionError:
        raise yaml.YAMLError("the document nests too deeply") from None
    finally:
        loader.dispose()


class Unusable(Exception):
    """A data file that cannot be read as YAML: the message is ``name[:line]: what is wrong``."""

    def __init__(self, name: str, line: int | None, problem: str):
        super().__init__(f"{name}{f':{line}' if line else ''}: {problem}")
        self.line, self.problem = line, problem


def read(path: Path, name: str, missing=None):
    """The value of the YAML file at ``path`` (``name`` is how messages call it), read with ``load``;
    ``missing`` when there is no such file. Any problem is an ``Unusable`` naming the file (and the line
    where there is one): bytes that are not UTF-8 text, a syntax error, an alias bomb, a key given twice."""
    found = read_text(path, name)
    return missing if found is None else found[1]


def read_text(path: Path, name: str) -> tuple[str, object] | None:
    """``(text, value)`` of the YAML file at ``path`` as ``read`` reads it; None when there is no such file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unusable(name, None, f"cannot read ({exc.strerror or exc})") from None
    foreign = encodings.foreign(data)
    if foreign:
        raise Unusable(name, 1, encodings.message(foreign))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unusable(name, line, f"bytes that are not UTF-8 (first: 0x{data[exc.start]:02x}); "
                                   "save the file as UTF-8") from None
    try:
        return text, load(text)
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or " ".join(str(exc).split())[:200]
        raise Unusable(name, mark.line + 1 if mark is not None else None, f"not valid YAML ({problem})") from None
