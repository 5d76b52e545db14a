"""How to cite a page: GOST R 7.0.100-2018, APA 7 and BibTeX, all three from one small record.

Pure functions: a ``Record`` in, a ``Formatted`` reference out (``.text`` to copy, ``.html`` to show).
``record()`` builds the record from a page's front matter; the words each format prints in each
language are in the message catalogs (``data/locales/*.po``, read through ``sitekit/labels.py``).

The article names no author: the source gives only the author's position ("Second Secretary of the
Embassy ..."). The record keeps that position as the *byline* -- the author as given -- and no format
turns it into a name:

- GOST R 7.0.100-2018, a part of an electronic resource (a page of a website): with no personal author
  there is no heading, the description opens with the title, and the byline is the statement of
  responsibility after " / ", transcribed as the source gives it; a translation adds "; перевод с
  казахского". Then the content type ("Текст : электронный"), the host after " // " with "[сайт]",
  the date of this online edition (year, then day and month, labelled as this edition's date: the
  original's date is unknown), the URL and the access date. Areas are separated by ". – ".
- APA 7, a webpage on a website: with no author the title moves to the author position, in italics and
  in sentence case, followed by the date in parentheses, the site name and the URL. APA has no place for a
  statement of responsibility, so the position is not in it. No retrieval date: APA gives one only for
  pages designed to change, and an article is not one. The date is this republication's; APA's
  "(Original work published …)" closes the reference, with "n.d." since the original's date is unknown.
- BibTeX ``@misc``: no ``author`` field (it holds names), the byline goes into ``note``; ``howpublished``
  is the site, ``urldate`` the access date, ``langid`` the babel language of the text; ``note`` also
  labels ``year`` and ``month`` as the date of this online edition and says the original's is unknown.

The access date is the publication date, so that the same page yields the same reference on every build.
"""
from __future__ import annotations

import dataclasses
import datetime
import html
import re
from typing import Callable

from sitekit.labels import labels, translated_from

AREA = ". – "  # GOST's separator of areas: full stop, en dash
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
BIBTEX_SPECIAL = re.compile(r"[\\&%$#_{}~^]")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                  **{c: "\\" + c for c in "&%$#_{}"}}
WORD = re.compile(r"^(\W*)([^\W\d_]+)(.*)$")  # leading punctuation, the first run of letters, the rest
LETTERS = re.compile(r"[^\W\d_]+")


@dataclasses.dataclass(frozen=True)
class Record:
    """What the three formats need to know about one language version of a page."""

    title: str
    byline: str  # the author as the source gives it: here a position, never a guessed name ('' if none)
    language: str  # language of this text: kk, ru or en
    original_language: str  # language the work was written in (the page's source_lang)
    published: datetime.date  # the date of this online edition (the original's date is unknown)
    url: str  # absolute URL of this language version
    container: str  # the site's name in this language
    accessed: datetime.date  # the access date GOST and BibTeX print
    key: str  # the BibTeX key
    lowercase_words: frozenset[str] = frozenset()  # words the page's own text writes in lower case
    messages: object = dataclasses.field(default=None, compare=False)  # the catalogs (None: this project's)
    author: str = ""  # the author's name, when the front matter gives one (``author:``); never guessed

    @property
    def is_translation(self) -> bool:
        return self.language != self.original_language


@dataclasses.dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # '' plain, 'i' italic, 'url' a link to the text


@dataclasses.dataclass(frozen=True)
class Formatted:
    """A reference as runs of text: plain ``text`` for the clipboard, ``html`` for the page."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def html(self) -> str:
        out = []
        for span in self.spans:
            text = html.escape(span.text, quote=False)
            if span.style == "i":
                out.append(f"<i>{text}</i>")
            elif span.style == "url":
                out.append(f'<a href="{html.escape(span.text, quote=True)}">{text}</a>')
            else:
                out.append(text)
        return "".join(out)


FORMATS: dict[str, Callable[[Record], Formatted]] = {}


def _format(function: Callable[[Record], Formatted]) -> Callable[[Record], Formatted]:
    """Register a format under its function's name (the id the templates and tests use)."""
    FORMATS[function.__name__] = function
    return function


@_format
def gost(r: Record) -> Formatted:
    """GOST R 7.0.100-2018, a page of a website with no personal author (see the module docstring)."""
    t = labels(r.language, r.messages)
    responsibility = [", ".join(part for part in (r.author, r.byline) if part)] if (r.author or r.byline) else []
    if r.is_translation:
        responsibility.append(translated_from(r.language, r.original_language, r.messages))
    head = r.title + (" / " + " ; ".join(responsibility) if responsibility else "")
    day = t["gost_day"].format(day=r.published.day, month=t["months"][r.published.month - 1])
    lead = (f"{_stop(head)} – {t['gost_content']} // {r.container} : [{t['gost_site']}]"
            f"{AREA}{r.published.year}{AREA}{day} ({t['edition_note']}){AREA}URL: ")
    tail = f" ({t['gost_accessed']}: {r.accessed:%d.%m.%Y})."
    return Formatted((Span(lead), Span(r.url, "url"), Span(tail)))


@_format
def apa(r: Record) -> Formatted:
    """APA 7, a webpage on a website with no author: the title takes the author's place."""
    t = labels(r.language, r.messages)
    title = sentence_case(r.title, r.lowercase_words)
    date = t["apa_date"].format(year=r.published.year, day=r.published.day,
                                month=t["months"][r.published.month - 1])
    if r.author:  # a named author leads, as the front matter gives the name
        return Formatted((
            Span(f"{_stop(r.author)} ({date}). "), Span(title, "i"),
            Span(("" if title.endswith((".", "?", "!")) else ".") + f" {_stop(r.container)} "),
            Span(r.url, "url"),
        ))
    return Formatted((
        Span(title, "i"),
        Span(("" if title.endswith((".", "?", "!")) else ".") + f" ({date}). {_stop(r.container)} "),
        Span(r.url, "url"),
        Span(f" ({t['apa_original']})"),
    ))


@_format
def bibtex(r: Record) -> Formatted:
    """A BibTeX ``@misc`` entry that classic BibTeX and biblatex both read."""
    t = labels(r.language, r.messages)
    notes = [f"{t['bibtex_author']}: {r.byline}"] if r.byline else []
    if r.is_translation:
        phrase = translated_from(r.language, r.original_language, r.messages)
        notes.append(phrase[:1].upper() + phrase[1:])
    edition = t["long_date"].format(year=r.published.year, day=r.published.day,
                                    month=t["months"][r.published.month - 1])
    notes.append(f"{t['edition_date']}: {edition}; {t['original_date_unknown']}")
    fields = [("author", "{" + _bibtex_escape(r.author) + "}")] if r.author else []
    fields.append(("title", "{" + bibtex_title(r.title, r.lowercase_words) + "}"))
    if notes:
        fields.append(("note", "{" + _bibtex_escape(". ".join(notes)) + "}"))
    fields += [
        ("howpublished", "{" + _bibtex_escape(r.container) + "}"),
        ("year", "{" + str(r.published.year) + "}"),
        ("month", BIBTEX_MONTHS[r.published.month - 1]),
        ("url", "{" + r.url.replace("{", "%7B").replace("}", "%7D") + "}"),
        ("urldate", "{" + r.accessed.isoformat() + "}"),
        ("langid", "{" + t["babel"] + "}"),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {value}" for name, value in fields)
    return Formatted((Span(f"@misc{{{r.key},\n{body}\n}}"),))


def format_all(r: Record) -> dict[str, Formatted]:
    """Every registered format of ``r``, in registration order (GOST, APA, BibTeX)."""
    return {name: function(r) for name, function in FORMATS.items()}


# -- titles ---------------------------------------------------------------------------------------------

def _casing(title: str, lowercase_words: frozenset[str]) -> list[tuple[str, bool, bool]]:
    """(token, keeps its capital in sentence case, starts a title or subtitle) per space-separated token.

    A title in title case ("The Potential of Social Media ...") is lowered word by word, but only where
    the page's own text writes the word in lower case: a word never seen in lower case is taken for a
    name and keeps its capital ("Qatar"). A title already in sentence case (every Kazakh and Russian
    title) keeps every capital it has. Acronyms keep theirs.
    """
    tokens = title.split(" ")
    letters = [m.group(2) for m in map(WORD.match, tokens) if m]
    significant = [w for w in letters[1:] if len(w) > 3]
    title_case = bool(significant) and all(w[0].isupper() for w in significant)
    out, start = [], True
    for token in tokens:
        m = WORD.match(token)
        if not m:
            out.append((token, False, start))
            continue
        word = m.group(2)
        if not word[0].isupper():
            keep = False
        elif start or (len(word) > 1 and word.isupper()) or not title_case:
            keep = True
        else:
            keep = word.lower() not in lowercase_words
        out.append((token, keep, start))
        start = token.endswith((":", "?", "!"))
    return out


def sentence_case(title: str, lowercase_words: frozenset[str] = frozenset()) -> str:
    """``title`` as APA wants it: capitals only on the first word, after a colon and on names."""
    out = []
    for token, keep, _ in _casing(title, lowercase_words):
        m = WORD.match(token)
        if m and not keep and m.group(2)[0].isupper():
            token = m.group(1) + m.group(2)[0].lower() + m.group(2)[1:] + m.group(3)
        out.append(token)
    return " ".join(out)


def bibtex_title(title: str, lowercase_words: frozenset[str] = frozenset()) -> str:
    """``title`` escaped for BibTeX, every name braced so no style lowers it (``{Qatar}’s``)."""
    out = []
    for token, keep, start in _casing(title, lowercase_words):
        m = WORD.match(token)
        if m and keep and not start:
            out.append(_bibtex_escape(m.group(1)) + "{" + m.group(2) + "}" + _bibtex_escape(m.group(3)))
        else:
            out.append(_bibtex_escape(token))
    return " ".join(out)


def lowercase_words_of(*texts: str) -> frozenset[str]:
    """The words ``texts`` write in lower case (the evidence ``sentence_case`` lowers a title word by)."""
    return frozenset(w for text in texts for w in LETTERS.findall(text or "") if w.islower())


# -- the record ---------------------------------------------------------------------------------------

def record(meta: dict, *, language: str, url: str, container: str, key: str, text: str = "",
           messages=None) -> Record:
    """The record of a page from its front matter (an article's: title, author_position, source_lang,
    published, description, abstract); ``text`` is the page's body, evidence for sentence case."""
    published = meta["published"]
    return Record(
        title=str(meta["title"]).strip(),
        byline=str(meta.get("author_position") or "").strip(),
        author=str(meta.get("author") or "").strip(),
        language=language,
        original_language=str(meta.get("source_lang") or language),
        published=published,
        url=url,
        container=container,
        accessed=published,
        key=key,
        lowercase_words=lowercase_words_of(text, str(meta.get("description") or ""),
                                           str(meta.get("abstract") or "")),
        messages=messages,
    )


def key_for(path: str, year: int, language: str) -> str:
    """A BibTeX key from a page's language-neutral path: ``article/`` → ``article-2026-en``."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path.strip("/")).strip("-").lower() or "index"
    return f"{slug}-{year}-{language}"


# -- helpers --------------------------------------------------------------------------------------------

def _stop(text: str) -> str:
    """``text`` ending in a full stop (one, not two)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group()], text)
