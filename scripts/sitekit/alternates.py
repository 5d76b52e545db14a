"""The same page in every language: absolute URLs for hreflang links and sitemaps.

A page's identity is its URL with the language prefix removed (``ru/article/`` → ``article/``); the
translation check guarantees that every page exists in every language (or is published as a marked
fallback), so the alternates of a page are that identity under each language's prefix.
"""
from __future__ import annotations

import dataclasses

from sitekit.project import Project


@dataclasses.dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


def identity(url: str, project: Project) -> tuple[str, str]:
    """(language code, language-neutral path) of a site-relative page URL."""
    url = "" if url in ("", "./", ".") else url.lstrip("/")
    for lang in project.languages:
        if lang.prefix and (url == lang.prefix or url.startswith(lang.prefix)):
            return lang.code, url[len(lang.prefix):]
    return project.default.code, url


def absolute(path: str, code: str, project: Project) -> str:
    return project.site_url + project.language(code).prefix + path


def alternates(url: str, project: Project) -> list[Alternate]:
    """hreflang alternates of a page, every language plus ``x-default`` (the default language)."""
    _, path = identity(url, project)
    links = [Alternate(lang.code, absolute(path, lang.code, project)) for lang in project.languages]
    links.append(Alternate("x-default", absolute(path, project.default.code, project)))
    return links
