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
import html
import posixpath

from i18ncheck.tree import Context, Page, Pair, Tree
from sitekit import messages, project

MARKER = "<!-- i18n-status -->"

# The words of the status page are messages status.<state>, status.page, status.since, status.never of the
# catalogs (data/locales/*.po, sitekit/messages.py).


@dataclasses.dataclass(frozen=True)
class State:
    state: str
    stale_lines: tuple[int, ...] = ()   # the source lines of the changed source blocks
    never_synced: bool = False

    def label(self, lang: str, msgs: messages.Messages | None = None) -> str:
        msgs = msgs or messages.for_project(project.load())
        text = msgs.text(lang, f"status.{self.state}")
        if self.never_synced:
            return f"{text} ({msgs.text(lang, 'status.never')})"
        if self.stale_lines:
            return f"{text}: {msgs.text(lang, 'status.since', lines=', '.join(map(str, self.stale_lines)))}"
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
    return titled(page, lang)[0]


def titled(page: Page, lang: str) -> tuple[str, str | None]:
    """The page's title for a reader of ``lang`` and the language it is in (its own, else the source's,
    else any language's; None for the file name)."""
    for code in (lang, page.source_lang, *page.docs):
        doc = page.docs.get(code) if code else None
        if doc is not None and isinstance(doc.get("title"), str):
            return doc.get("title"), code
    return page.uri, None


def table(tree: Tree, context: Context, lang: str, here: str) -> str:
    """A Markdown table of every page × language in ``lang``, linking each page from the page at the
    language-neutral uri ``here``."""
    msgs = messages.for_project(context.project)
    head = [msgs.text(lang, "status.page")] + [_cell(language) for language in context.project.languages]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    folder = posixpath.dirname(here) or "."
    for page in tree.pages():
        states = page_states(page, context)
        link = posixpath.relpath(page.uri, folder)
        text, text_lang = titled(page, lang)
        name = text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
        if text_lang is not None and text_lang != lang:  # a title in another language keeps its own
            name = (f'<span lang="{text_lang}" dir="{context.project.language(text_lang).direction}">'
                    f'{html.escape(name, quote=False)}</span>')
        cells = [f"[{name}]({link})"] + [states[code].label(lang, msgs) for code in page.codes]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def _cell(language) -> str:
    """A language's name in the table's head, marked with its own language and direction (the table is in
    the reader's language: a name in another script keeps its own)."""
    return f'<span lang="{language.code}" dir="{language.direction}">{language.name}</span>'


def report(tree: Tree, context: Context) -> list[dict]:
    """Every page's states, for ``python -m i18ncheck status --format json``."""
    out = []
    for page in tree.pages():
        states = page_states(page, context)
        out.append({"page": tree.path(page.uri), "source_lang": page.source_lang,
                    "languages": {code: {"state": s.state, "stale_lines": list(s.stale_lines),
                                         "never_synced": s.never_synced} for code, s in states.items()}})
    return out
