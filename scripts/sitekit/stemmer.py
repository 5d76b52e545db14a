"""Letter folding and the suffix-rule stemmer of the site's search (the rules are data: data/search/README.md).

The browser runs the same algorithm in ``assets/javascripts/workers/search-kit.js`` on the same data
(shipped inside each language's search index); ``tests/test_search_stemmer.py`` proves both give the
same stem on every word of the site and on generated inflections. Change both or neither.

usage: python -m sitekit.stemmer LANG WORD [WORD ...]   (prints each word, its folded form and its stem)
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import sys


BARE_MIN = 3  # letters a word keeps when its proclitic is taken off (search-kit.js: the same)


@dataclasses.dataclass(frozen=True)
class SuffixClass:
    name: str
    min_root: int
    suffixes: tuple[str, ...]  # longest first (stable for equal lengths)
    only_after: dict[str, tuple[str, ...]]


@dataclasses.dataclass(frozen=True)
class Rules:
    vowels: str
    back: str
    front: str
    alternation: dict[str, str]
    exceptions: dict[str, str]
    keep: frozenset[str]
    classes: tuple[SuffixClass, ...]


def fold(word: str, fold_map: dict[str, str], lookalikes: dict[str, str]) -> str:
    """``word`` with look-alike letters replaced: ``lookalikes`` (Latin letters typed for native ones)
    only inside a word that holds a non-ASCII letter, then ``fold_map`` letter by letter."""
    if lookalikes and any(ord(c) > 127 for c in word):
        word = "".join(lookalikes.get(c, c) for c in word)
    return "".join(fold_map.get(c, c) for c in word) if fold_map else word


def rules_from(data: dict, fold_map: dict[str, str], folded: bool = False) -> Rules:
    """The rules of a validated ``rules:`` mapping. Exceptions and kept words hold their folded forms too
    («катар» typed for «қатар» is kept whole). With ``folded``, the rules for folded words: every suffix,
    exception and letter folded, duplicates dropped, no vowel harmony (folding merges back and front
    vowels)."""
    g = lambda s: fold(s, fold_map, {})  # noqa: E731
    f = g if folded else (lambda s: s)
    exceptions, keep = data.get("exceptions") or {}, data.get("keep") or ()
    one_letter = {s for cls in data["classes"] for s in cls["suffixes"] if len(s) == 1}
    classes = []
    for cls in data["classes"]:
        seen: list[str] = []
        for suffix in cls["suffixes"]:
            if folded and len(suffix) == 1 and f(suffix) != suffix and f(suffix) in one_letter:
                continue  # a one-letter ending that folds into another one (ң → н) is ambiguous
            if f(suffix) not in seen:
                seen.append(f(suffix))
        after: dict[str, tuple[str, ...]] = {}
        for suffix, ends in (cls.get("only_after") or {}).items():
            after.setdefault(f(suffix), tuple(dict.fromkeys(f(e) for e in ends)))
        classes.append(SuffixClass(cls["name"], cls.get("min_root", 2),
                                   tuple(sorted(seen, key=len, reverse=True)), after))
    return Rules(
        vowels="".join(dict.fromkeys(f(data["vowels"]))),
        back="" if folded else data.get("back", ""),
        front="" if folded else data.get("front", ""),
        alternation={f(k): f(v) for k, v in (data.get("alternation") or {}).items() if f(k) != f(v)},
        exceptions={**{g(k): f(v) for k, v in exceptions.items()}, **{f(k): f(v) for k, v in exceptions.items()}},
        keep=frozenset(f(w) for w in keep) | frozenset(g(w) for w in keep),
        classes=tuple(classes),
    )


def _harmonious(root: str, suffix: str, rules: Rules) -> bool:
    kind = next((c for c in suffix if c in rules.back or c in rules.front), None)
    last = next((c for c in reversed(root) if c in rules.vowels), None)
    if kind is None or last is None:
        return True
    if last in rules.back:
        return kind in rules.back
    if last in rules.front:
        return kind in rules.front
    return True


def stem(word: str, rules: Rules) -> str:
    """Strip at most one suffix of each class, outermost class first (see data/search/README.md)."""
    if word in rules.exceptions:
        return rules.exceptions[word]
    if word in rules.keep:
        return word
    for cls in rules.classes:
        for suffix in cls.suffixes:
            if not word.endswith(suffix) or len(word) - len(suffix) < cls.min_root:
                continue
            root = word[: len(word) - len(suffix)]
            if not any(c in rules.vowels for c in root):
                continue
            after = cls.only_after.get(suffix)
            if after and not any(root.endswith(end) for end in after):
                continue
            if not _harmonious(root, suffix, rules):
                continue
            if suffix[0] in rules.vowels and root[-1] in rules.alternation:
                root = root[:-1] + rules.alternation[root[-1]]
            word = root
            break
        if word in rules.exceptions:
            return rules.exceptions[word]
        if word in rules.keep:
            return word
    return word


@dataclasses.dataclass(frozen=True)
class Analyzer:
    """What one language's search does to a word (Python side): folding and, with suffix rules, stems."""
    fold_map: dict[str, str]
    lookalikes: dict[str, str]
    rules: Rules | None
    folded_rules: Rules | None
    proclitics: tuple[str, ...] = ()  # folded, longest first

    @classmethod
    def of(cls, settings: dict) -> "Analyzer":
        fold_map, lookalikes = settings.get("fold") or {}, settings.get("lookalikes") or {}
        raw = settings.get("rules") if settings.get("stemmer") == "rules" else None
        proclitics = tuple(sorted((fold(p, fold_map, lookalikes) for p in settings.get("proclitics") or ()),
                                  key=len, reverse=True))
        return cls(fold_map, lookalikes, rules_from(raw, fold_map) if raw else None,
                   rules_from(raw, fold_map, folded=True) if raw else None, proclitics)

    def fold(self, word: str) -> str:
        """``fold(word, self.fold_map, self.lookalikes)``, by translation tables (the build folds every
        word of a language's pages)."""
        tables = self._tables
        if tables is None:
            return fold(word, self.fold_map, self.lookalikes)
        lookalikes, fold_map = tables
        if lookalikes is not None and not word.isascii():
            word = word.translate(lookalikes)
        return word.translate(fold_map) if fold_map is not None else word

    @functools.cached_property
    def _tables(self):
        """(lookalikes, fold map) as ``str.translate`` tables, None for an empty one; None when a key is
        not one character (then ``fold`` goes letter by letter)."""
        if any(len(k) != 1 for k in (*self.fold_map, *self.lookalikes)):
            return None
        return (str.maketrans(self.lookalikes) if self.lookalikes else None,
                str.maketrans(self.fold_map) if self.fold_map else None)

    def bare(self, folded: str) -> str:
        """A folded word without its proclitic (at most one, the longest; three letters or more remain)."""
        for proclitic in self.proclitics:
            if folded.startswith(proclitic) and len(folded) - len(proclitic) >= BARE_MIN:
                return folded[len(proclitic):]
        return folded

    def stems(self, word: str) -> tuple[str, str]:
        """(stem of the word, folded; stem of the folded word): what the index adds for ``word`` and what
        a query word is searched as. Without suffix rules, both are the folded word."""
        folded = self.fold(word)
        if self.rules is None:
            return folded, folded
        return self.fold(stem(word, self.rules)), stem(folded, self.folded_rules)


def stems_to_index(words, analyzer: "Analyzer") -> dict[str, str]:
    """word → its stem (folded), for the words of ``words`` whose stem the search index must hold: those
    whose folded form does not begin with their stem (к/г alternation, exceptions). Every other word's
    stem is a prefix of the word, which a query searching that stem (always as a prefix) finds already.
    Empty without suffix rules (lunr's stemmers run in the browser)."""
    if analyzer.rules is None:
        return {}
    out = {}
    for word in sorted(set(words)):
        folded, stemmed = analyzer.fold(word), analyzer.fold(stem(word, analyzer.rules))
        if stemmed and not folded.startswith(stemmed):
            out[word] = stemmed
    return out


def merged_by_folding(words, analyzer: "Analyzer") -> list[str]:
    """The words of ``words`` that folding merges with another one («таң» and «тан» both fold to «тан»)
    and that folding changes: the search index holds these as written too, so that the form the reader
    typed ranks first. Sorted."""
    by_folded: dict[str, set[str]] = {}
    for word in set(words):
        by_folded.setdefault(analyzer.fold(word), set()).add(word)
    return sorted(w for folded, group in by_folded.items() if len(group) > 1 for w in group if w != folded)


def main(argv: list[str] | None = None) -> int:
    from sitekit import project, searchdata

    parser = argparse.ArgumentParser(prog="python -m sitekit.stemmer", description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m sitekit.stemmer kk қауіпсіздігі халқына")
    parser.add_argument("lang")
    parser.add_argument("words", nargs="+")
    args = parser.parse_args(argv)
    try:
        proj = project.load()
        data = searchdata.load(proj.root, proj.codes)
    except (project.ConfigError, searchdata.SearchDataError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.lang not in data.languages:
        print(f"unknown language {args.lang!r} (mkdocs.yml lists {', '.join(proj.codes)})", file=sys.stderr)
        return 2
    analyzer = Analyzer.of(data.languages[args.lang])
    for word in args.words:
        low = word.lower()
        print(f"{word}\t{analyzer.fold(low)}\t{' '.join(dict.fromkeys(analyzer.stems(low)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
