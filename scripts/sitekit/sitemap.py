"""Sitemaps with hreflang alternates: ``sitemap.xml`` for the whole site and one per language.

Material's language switcher fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` of a page
(``new URL("sitemap.xml", href)``); a 404 there is a console error on every page view. The page's
hreflang alternates are page URLs (``/ru/article/``), so:

- the site root's sitemap lists every page of every language (the one search engines are given);
- each language root has the sitemap of that language's pages;
- every other page folder has the sitemap of that one page with its alternates, which is what the
  switcher looks up there.
"""
from __future__ import annotations

from pathlib import Path

from sitekit.alternates import absolute, alternates
from sitekit.project import Project
from sitekit.xmlwrite import element, serialize

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def render(paths: list[str], codes: list[str], project: Project, lastmod: str) -> str:
    """The sitemap of ``paths`` in the languages ``codes``, serialized by ElementTree (sitekit/xmlwrite.py)."""
    urlset = element(None, "urlset", xmlns=SITEMAP, xmlns__xhtml=XHTML)
    for code in codes:
        for path in paths:
            entry = element(urlset, "url")
            element(entry, "loc", absolute(path, code, project))
            element(entry, "lastmod", lastmod)
            for alt in alternates(path, project):
                element(entry, "xhtml:link", rel="alternate", hreflang=alt.hreflang, href=alt.href)
    return serialize(urlset)


def write(site_dir: Path, paths: list[str], project: Project, lastmod: str) -> list[Path]:
    """Write the root sitemap (every language), one per language root and one per page folder."""
    return [path for lang in project.languages for path in write_language(site_dir, paths, project, lastmod, lang.code)]


def write_language(site_dir: Path, paths: list[str], project: Project, lastmod: str, code: str) -> list[Path]:
    """The sitemaps under language ``code``'s root: its root's (the site root's lists every language)
    and one per page folder."""
    lang = project.language(code)
    paths = sorted(set(paths))
    codes = list(project.codes) if lang.default else [lang.code]
    written = [_write(site_dir / lang.prefix / "sitemap.xml", render(paths, codes, project, lastmod))]
    for path in paths:
        if path:
            written.append(_write(site_dir / lang.prefix / path / "sitemap.xml",
                                  render([path], [lang.code], project, lastmod)))
    return written


def _write(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
