"""Every page's state in every language: for ``python -m i18ncheck status``, the status page
(``docs/status.<lang>.md``, where the hook puts a table at ``<!-- i18n-status -->``) and the reader
notices (``page.meta["i18n"]``).

States: ``source`` (the original), ``translated`` (in sync with the source), ``stale`` (the source changed
since the last sync; ``stale_lines`` are the changed source blocks' lines), ``stale-acknowledged``
(stale, and the translation says ``translation: stale``), ``pending`` (not translated yet, listed under
``pending:``: the site shows the default language's text), ``missing`` (not translated, not pending),
``unknown`` (no file names a configured ``source_lang``).
"""
from __future__ import annotations

import dataclasses
import posixpath

from i18ncheck.tree import Context, Page, Pair, Tree

MARKER = "<!-- i18n-status -->"

LABELS = {
    "kk": {"page": "Бет", "source": "түпнұсқа", "translated": "аударылған", "stale": "ескірген",
           "stale-acknowledged": "ескірген (белгіленген)", "pending": "аударма күтілуде",
           "missing": "аударма жоқ", "unknown": "түпнұсқа тілі белгісіз",
           "since": "түпнұсқаның {lines}-жолдарындағы абзацтар өзгерді", "never": "ешқашан салыстырылмаған"},
    "ru": {"page": "Страница", "source": "оригинал", "translated": "переведено", "stale": "устарело",
           "stale-acknowledged": "устарело (отмечено)", "pending": "перевод ожидается",
           "missing": "перевода нет", "unknown": "язык оригинала не указан",
           "since": "изменились абзацы оригинала в строках {lines}", "never": "ни разу не сверялось"},
    "en": {"page": "Page", "source": "source", "translated": "translated", "stale": "stale",
           "stale-acknowledged": "stale (acknowledged)", "pending": "pending",
           "missing": "missing", "unknown": "source language unknown",
           "since": "source paragraphs changed at lines {lines}", "never": "never synced"},
}


@dataclasses.dataclass(frozen=True)
class State:
    state: str
    stale_lines: tuple[int, ...] = ()   # the source lines of the changed source blocks
    never_synced: bool = False

    def label(self, lang: str) -> str:
        labels = LABELS.get(lang, LABELS["en"])
        text = labels[self.state]
        if self.never_synced:
            return f"{text} ({labels['never']})"
        if self.stale_lines:
            return f"{text}: {labels['since'].format(lines=', '.join(map(str, self.stale_lines)))}"
        return text


def page_states(page: Page, context: Context) -> dict[str, State]:
    states = {}
    source = page.source
    for code in page.codes:
        doc = page.docs.get(code)
        if doc is None:
            states[code] = State("pending" if code in page.pending else "missing")
        elif source is None:
            states[code] = State("unknown")
        elif doc is source:
            states[code] = State("source")
        else:
            pair = Pair(page, source, doc, context.record)
            if not pair.stale:
                states[code] = State("translated")
            else:
                lines = tuple(sorted({c.source_line for c in pair.changes or () if c.source_line}))
                states[code] = State("stale-acknowledged" if pair.acknowledged else "stale", lines,
                                     never_synced=pair.changes is None)
    return states


def title(page: Page, lang: str) -> str:
    for doc in (page.docs.get(lang), page.source, *page.docs.values()):
        if doc is not None and isinstance(doc.get("title"), str):
            return doc.get("title")
    return page.uri


def table(tree: Tree, context: Context, lang: str, here: str) -> str:
    """A Markdown table of every page × language in ``lang``, linking each page from the page at the
    language-neutral uri ``here``."""
    labels = LABELS.get(lang, LABELS["en"])
    head = [labels["page"]] + [language.name for language in context.project.languages]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    folder = posixpath.dirname(here) or "."
    for page in tree.pages():
        states = page_states(page, context)
        link = posixpath.relpath(page.uri, folder)
        name = title(page, lang).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
        cells = [f"[{name}]({link})"] + [states[code].label(lang) for code in page.codes]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def report(tree: Tree, context: Context) -> list[dict]:
    """Every page's states, for ``python -m i18ncheck status --format json``."""
    out = []
    for page in tree.pages():
        states = page_states(page, context)
        out.append({"page": tree.path(page.uri), "source_lang": page.source_lang,
                    "languages": {code: {"state": s.state, "stale_lines": list(s.stale_lines),
                                         "never_synced": s.never_synced} for code, s in states.items()}})
    return out
