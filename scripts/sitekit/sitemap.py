"""Sitemaps with hreflang alternates: ``sitemap.xml`` for the whole site and one per language.

Material's language switcher fetches ``<language root>/sitemap.xml`` for every alternate language to find
the same page there; a missing one is a console error on every page view. So each language root gets its
own sitemap (that language's pages), and the site root's sitemap lists every page of every language.
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
    """Write the root sitemap (every language) and one per non-default language root."""
    paths = sorted(set(paths))
    written = []
    for lang in project.languages:
        codes = list(project.codes) if lang.default else [lang.code]
        target = site_dir / lang.prefix / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(paths, codes, project, lastmod), encoding="utf-8")
        written.append(target)
    return written
