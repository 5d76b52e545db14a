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
from xml.sax.saxutils import quoteattr, escape

from sitekit.alternates import absolute, alternates
from sitekit.project import Project

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def render(paths: list[str], codes: list[str], project: Project, lastmod: str) -> str:
    out = [HEAD]
    for code in codes:
        for path in paths:
            out.append(f"  <url>\n    <loc>{escape(absolute(path, code, project))}</loc>\n")
            out.append(f"    <lastmod>{lastmod}</lastmod>\n")
            for alt in alternates(path, project):
                out.append(f'    <xhtml:link rel="alternate" hreflang="{alt.hreflang}" href={quoteattr(alt.href)}/>\n')
            out.append("  </url>\n")
    out.append("</urlset>\n")
    return "".join(out)


def write(site_dir: Path, paths: list[str], project: Project, lastmod: str) -> list[Path]:
    """Write the root sitemap (every language), one per language root and one per page folder."""
    paths = sorted(set(paths))
    written = []
    for lang in project.languages:
        codes = list(project.codes) if lang.default else [lang.code]
        written.append(_write(site_dir / lang.prefix / "sitemap.xml", render(paths, codes, project, lastmod)))
        for path in paths:
            if path:
                written.append(_write(site_dir / lang.prefix / path / "sitemap.xml",
                                      render([path], [lang.code], project, lastmod)))
    return written


def _write(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
