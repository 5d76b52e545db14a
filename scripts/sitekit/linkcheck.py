"""Check that every internal link and anchor of a built site resolves, in every language.

Usage: python -m sitekit.linkcheck [--site-url URL] [--format text|json|github] SITE_DIR

    PYTHONPATH=scripts python -m sitekit.linkcheck site/

The crawler reads every HTML page under SITE_DIR (``href`` and ``src`` of links, scripts, images,
sources; ``srcset``), every stylesheet (``url(...)``) and every ``sitemap.xml`` (``<loc>`` and the
hreflang alternates). A link is internal when it is relative, root-relative, or absolute under the
site's URL; internal links must reach a file of the site and their ``#fragment`` an ``id`` (or an
``<a name>``) of the target page. External links are not fetched: the check runs offline.

The site's URL (the sub-path a GitHub Pages project site lives under) is read from ``--site-url`` or
else from the first ``<loc>`` of ``SITE_DIR/sitemap.xml`` (the home page).

Checks: missing-target (no such file), missing-anchor (no such id on the target page), outside-site
(a root-relative or same-host link that leaves the site's sub-path: it works at a domain root and breaks
on a project site).

Exit codes: 0 every link resolves, 1 broken links found, 2 usage error (no such directory, no pages).
Findings go to stdout sorted by path and line, the summary to stderr.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import posixpath
import re
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that name another resource, per element; srcset is split separately.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src",),
    "source": ("src",), "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "form": ("action",), "input": ("src",),
}
# rel values whose href is not a resource of the page (DNS hints): never checked.
SKIPPED_RELS = {"preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")
SITEMAP_LINK = re.compile(r"<(?:loc)>([^<]+)</loc>|<xhtml:link\b[^>]*\bhref=\"([^\"]+)\"")


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    path: str  # as given on the command line, joined with the file's path inside the site
    line: int
    message: str
    check: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.check}]"

    def github(self) -> str:
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},title={self.check}::{message}"


@dataclasses.dataclass(frozen=True)
class Link:
    line: int
    url: str


@dataclasses.dataclass
class Page:
    """What one file of the site offers (ids) and asks for (links)."""

    ids: set[str] = dataclasses.field(default_factory=set)
    links: list[Link] = dataclasses.field(default_factory=list)


class _HTMLLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = {name: value for name, value in attrs if value is not None}
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.page.ids.add(attributes["name"])
        if tag == "link" and SKIPPED_RELS & set(attributes.get("rel", "").lower().split()):
            return
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if attributes.get(name, "").strip():
                self.page.links.append(Link(line, attributes[name].strip()))
        if "srcset" in attributes:
            for candidate in attributes["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append(Link(line, candidate.split()[0]))

    handle_startendtag = handle_starttag


def read_html(text: str) -> Page:
    parser = _HTMLLinks()
    parser.feed(text)
    parser.close()
    return parser.page


def _with_lines(text: str, pattern: re.Pattern, group: Callable[[re.Match], str | None]) -> Iterator[Link]:
    for match in pattern.finditer(text):
        url = group(match)
        if url:
            yield Link(text.count("\n", 0, match.start()) + 1, url.strip())


def read_css(text: str) -> Page:
    return Page(links=list(_with_lines(text, CSS_URL, lambda m: m.group(2))))


def read_sitemap(text: str) -> Page:
    unescape = lambda s: s.replace("&amp;", "&")  # noqa: E731 - the one entity a URL carries here
    return Page(links=[Link(link.line, unescape(link.url))
                       for link in _with_lines(text, SITEMAP_LINK, lambda m: m.group(1) or m.group(2))])


READERS: dict[str, Callable[[str], Page]] = {".html": read_html, ".css": read_css}


def read(path: Path) -> Page | None:
    """The ids and links of a file of the site, or None for files that link nowhere."""
    reader = read_sitemap if path.name == "sitemap.xml" else READERS.get(path.suffix)
    return reader(path.read_text(encoding="utf-8", errors="replace")) if reader else None


@dataclasses.dataclass(frozen=True)
class Site:
    dir: Path
    url: str  # absolute or root-relative, ends with '/'

    @property
    def base_path(self) -> str:
        return urlsplit(self.url).path or "/"

    @property
    def origin(self) -> tuple[str, str]:
        parts = urlsplit(self.url)
        return parts.scheme, parts.netloc


def infer_site_url(site_dir: Path) -> str:
    """The site's URL from the home page's entry in sitemap.xml; '/' when there is none."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8", errors="replace"))
        if match:
            url = match.group(1).strip()
            return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"
    return "/"


def page_url(site: Site, relpath: str) -> str:
    """The URL a file is served at, relative to the host (``/qdd/ru/article/index.html``)."""
    return posixpath.join(site.base_path, relpath)


def resolve(site: Site, relpath: str, url: str) -> tuple[str, str | None, str | None]:
    """Classify a link of the file ``relpath``: ('external'|'internal'|'outside', site path, fragment).

    The site path is relative to the site directory, '' for the root.
    """
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return "external", None, None  # mailto:, tel:, data:, javascript: (the CSP blocks the last)
    if parts.scheme or parts.netloc:
        scheme = parts.scheme or site.origin[0]
        if not site.origin[1] or (scheme, parts.netloc) != site.origin:
            return "external", None, None
    absolute = urlsplit(urljoin("http://site" + page_url(site, relpath), url))
    path = unquote(absolute.path)
    fragment = unquote(absolute.fragment) or None
    if not (path + "/").startswith(site.base_path):
        return "outside", path, fragment
    return "internal", path[len(site.base_path):], fragment


def target_file(site: Site, path: str) -> Path | None:
    """The file that serves ``path`` (a directory serves its index.html), or None."""
    candidate = site.dir / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site_dir: Path | str, site_url: str | None = None, display: str | None = None) -> list[Finding]:
    """Every broken internal link and anchor of the built site in ``site_dir``, sorted by path and line.

    ``display`` is the prefix findings name files with (default: ``site_dir`` as given).
    """
    site_dir = Path(site_dir)
    site = Site(site_dir, site_url or infer_site_url(site_dir))
    if not site.url.endswith("/"):
        site = Site(site_dir, site.url + "/")
    prefix = str(display if display is not None else site_dir)
    pages: dict[Path, Page | None] = {}

    def page_of(path: Path) -> Page | None:
        if path not in pages:
            pages[path] = read(path)
        return pages[path]

    findings = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        page = page_of(file)
        if page is None:
            continue
        relpath = file.relative_to(site_dir).as_posix()
        shown = posixpath.join(prefix, relpath) if prefix else relpath
        for link in page.links:
            for check, message in check_link(site, relpath, link.url, page_of):
                findings.append(Finding(shown, link.line, message, check))
    return sorted(set(findings))


def check_link(site: Site, relpath: str, url: str, page_of) -> Iterator[tuple[str, str]]:
    """(check id, message) for each way ``url`` in the file ``relpath`` fails to resolve."""
    kind, path, fragment = resolve(site, relpath, url)
    if kind == "external":
        return
    if kind == "outside":
        yield "outside-site", f"link {url} leaves the site (resolves to {path}, outside {site.base_path})"
        return
    target = target_file(site, path)
    if target is None:
        yield "missing-target", f"link {url} points to a missing file (resolved to {path or '/'})"
        return
    if fragment:
        target_page = page_of(target) if target.suffix == ".html" else None
        if target_page is not None and fragment not in target_page.ids:
            shown = target.relative_to(site.dir).as_posix()
            yield "missing-anchor", f"link {url} points to a missing anchor (no id \"{fragment}\" in {shown})"


# --- command line --------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sitekit.linkcheck",
        description="Check every internal link and anchor of a built site (offline).",
        epilog="example: PYTHONPATH=scripts python -m sitekit.linkcheck site/",
    )
    parser.add_argument("site_dir", help="the built site (mkdocs build's site_dir)")
    parser.add_argument("--site-url", help="the URL the site is published at (default: from sitemap.xml)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    site_dir = Path(args.site_dir)
    if not site_dir.is_dir():
        print(f"linkcheck: {args.site_dir}: no such directory (build the site first: make site)", file=sys.stderr)
        return 2
    html_count = sum(1 for _ in site_dir.rglob("*.html"))
    if html_count == 0:
        print(f"linkcheck: {args.site_dir}: no HTML pages (is this a built site?)", file=sys.stderr)
        return 2
    findings = check_site(site_dir, args.site_url, display=args.site_dir.rstrip("/"))
    if args.format == "json":
        print(json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding.github() if args.format == "github" else finding.format())
    files = len({f.path for f in findings})
    if findings:
        print(f"linkcheck: {len(findings)} broken link(s) in {files} file(s); {html_count} page(s) checked",
              file=sys.stderr)
        return 1
    print(f"linkcheck: {html_count} page(s), every internal link and anchor resolves", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
