"""The sentence that tells a reader which language a page was written in, from the message catalogs
(``data/locales/*.po``, ``sitekit/messages.py``): whole sentences, one per language pair where the grammar
needs it, never a language name glued into another sentence."""
from __future__ import annotations

from sitekit.messages import Messages


def notice(msgs: Messages, lang: str, state: str, source_lang: str, shown_lang: str | None = None,
           others: int = 0) -> str:
    """The notice for a reader of ``lang`` about a page in ``state`` (``source``, ``translated``,
    ``stale``, ``fallback``) written in ``source_lang``; ``shown_lang``: the language of the text shown
    (a fallback's); ``others``: how many other languages the page is published in as translations."""
    if state == "source":
        text = msgs.text(lang, "notice.written_in", other=source_lang)
        if others:
            text += " " + msgs.text(lang, "notice.other_versions", count=others)
        return text
    if state == "fallback":
        return (msgs.text(lang, "notice.not_translated") + " "
                + msgs.text(lang, "notice.shown_in", other=shown_lang or source_lang))
    if state == "stale":
        return msgs.text(lang, "notice.stale")
    return msgs.text(lang, "notice.translated_from", other=source_lang)
