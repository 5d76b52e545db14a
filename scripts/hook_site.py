"""MkDocs hook: the site-wide pieces static-i18n and Material leave open.

A thin adapter over ``sitekit``: per-language search indexes, sitemaps and feeds, absolute hreflang
links, the briefs listing and the glossary pages, a brief's date and reading time, and the notice that
tells a reader which language a page was written in. static-i18n runs one build per language, so every
event below fires once per language; whole-site files are written once, after the last language.
"""
from __future__ import annotations

import functools
import gzip
import html
import logging
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_date

from mkdocs.structure.files import File

from sitekit import (alternates, briefs, fallbacks, feeds, glossary, incremental, messages, notices, parallel, preload,
                     project, search, searchdata, sitemap)

log = logging.getLogger("mkdocs.hooks.site")
NOT_FOUND = "404.html"

# State of one `mkdocs build` (all its languages). Reset per language in on_config, so `mkdocs serve`
# rebuilds (which do not re-import hooks) start clean.
STATE: dict = {"pages": {}}


def _built(group: tuple[str, ...]) -> dict:
    """What the whole-site files need from the builds of ``group`` (in a child, ``sitekit/parallel.py``)."""
    return {"pages": {code: STATE["pages"].get(code, set()) for code in group},
            "briefs": {code: STATE["briefs"][code] for code in group if code in STATE.get("briefs", {})},
            "project": STATE.get("project")}


def _take_built(built: dict) -> None:
    STATE["pages"].update(built["pages"])
    STATE.setdefault("briefs", {}).update(built["briefs"])
    if built["project"] is not None:
        STATE["project"] = built["project"]  # as the last language's build leaves it


parallel.share("hook_site", _built, _take_built)


def current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin else config.theme["language"]


def _load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def on_config(config):
    plugin = config.plugins.get("i18n")
    if not (plugin is not None and plugin.building and "search" in STATE):
        # a new run (not static-i18n's inner build of another language, which reads the same files): the
        # project, its messages, tags and search data are read once for all its languages
        root = Path(config.config_file_path).parent
        loaded = project.load(root)
        try:
            search_data = searchdata.load(root, loaded.codes)
        except searchdata.SearchDataError as exc:
            raise PluginError(str(exc)) from None
        STATE.update(loaded=loaded, messages=messages.for_project(loaded), search=search_data,
                     tags=_load_yaml(root / "data" / "tags.yml"), glossary=root / "data" / "glossary.yml")
    # the URLs as this language's build sees them (static-i18n lets a language set its own site_url)
    proj = STATE["project"] = STATE["loaded"].with_site_url(config.site_url)
    lang = current_language(config) or proj.default.code  # None before static-i18n's first on_config
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):  # the headings' self-links, titled in the language
        toc["permalink_title"] = STATE["messages"].text(lang, "heading.permalink")
    STATE["pages"][lang] = set()
    STATE.setdefault("preload", {}).pop(lang, None)
    STATE.setdefault("briefs", {}).pop(lang, None)  # read again for every build of this language
    # static-i18n builds every language into the same site_dir, so each build writes the theme's 404.html
    # to the site root and the last language's (English) would win: only the default language writes it.
    if lang == proj.default.code:
        config.theme.static_templates.add(NOT_FOUND)
    else:
        config.theme.static_templates.discard(NOT_FOUND)
    return config


@event_priority(-150)  # after static-i18n (-100) has picked the default language's file for a missing page
def on_files(files, config):
    """A page the language lacks shows the first file of the language's fallback order (``extra.fallback``,
    then the page's source), not static-i18n's default-language file."""
    lang = current_language(config)
    proj = STATE["project"]
    if lang not in proj.codes:
        return files
    docs_dir = Path(config.docs_dir)
    swapped = {}
    for file in list(files.documentation_pages()):
        shown = getattr(file, "locale", lang)
        if shown == lang:
            continue
        stem, _ = fallbacks.split(file.src_uri, proj.codes)
        wanted = fallbacks.choose(stem, lang, proj, docs_dir)
        if wanted is None or wanted == shown:
            continue
        files.remove(file)
        swapped[stem] = _fallback_file(file, f"{stem}.{wanted}.md", wanted, config)
        files.append(swapped[stem])
    if swapped:
        _resolve_links_to(files, swapped, proj)
    return files


def _resolve_links_to(files, swapped: dict, proj: project.Project) -> None:
    """A link to ``page.md`` finds the swapped-in file too (static-i18n looks for the build's and the
    default language's file only)."""
    lookup = files.get_file_from_path

    def get_file_from_path(path: str):
        found = lookup(path)
        if found is None:
            stem, _ = fallbacks.split(str(path).replace("\\", "/"), proj.codes)
            found = swapped.get(stem)
        return found

    files.get_file_from_path = get_file_from_path


def _fallback_file(old, src_uri: str, locale: str, config) -> File:
    """The file ``src_uri`` published at ``old``'s place, with the i18n data static-i18n gave ``old``."""
    new = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=old.dest_uri,
               inclusion=old.inclusion)
    new.name = old.name
    for attribute in ("alternates", "locale_alternate_of", "norm_src_uri"):
        if hasattr(old, attribute):
            setattr(new, attribute, getattr(old, attribute))
    new.locale = new.localization = locale
    return new


def on_page_markdown(markdown, page, config, files):
    proj = STATE["project"]
    # The generated parts (briefs listing, glossary) are in the language of the text around them: a
    # fallback page shows another language's text, and its listing is in that language too.
    lang = getattr(page.file, "locale", None) or current_language(config)
    if lang not in proj.codes:
        lang = current_language(config)
    if briefs.MARKER in markdown:
        listed = _briefs(lang)
        markdown = markdown.replace(briefs.MARKER, briefs.listing(listed, lang, STATE["tags"], STATE["messages"]))
        # the table of contents repeats the headings as text: a pending brief's title keeps its language there
        page.meta["foreign_headings"] = {b.slug: b.shown_lang for b in listed if b.pending}
    if glossary.MARKER in markdown:
        markdown = markdown.replace(glossary.MARKER, glossary.render(
            glossary.load(STATE["glossary"]), lang, proj.codes, STATE["messages"],
            {l.code: l.direction for l in proj.languages}))
    if page.meta.get("kind") == "brief":
        page.meta["reading_minutes"] = briefs.reading_minutes(markdown)
    return markdown


def _briefs(lang: str) -> list[briefs.Brief]:
    """The briefs of ``lang``, read from docs/ once per build of that language: the listing and the
    feed share them (reading every brief again for the feeds cost as much as the listing)."""
    found = STATE["briefs"].get(lang)
    if found is None:
        found = STATE["briefs"][lang] = briefs.collect(STATE["project"].docs_dir, lang, STATE["project"])
    return found


def on_page_context(context, page, config, nav):
    proj = STATE["project"]
    lang = current_language(config)
    _, path = alternates.identity(page.url, proj)
    STATE["pages"].setdefault(lang, set()).add(path)
    context["hreflang_links"] = alternates.alternates(page.url, proj)
    context["language_root"] = proj.language(lang).prefix
    context["font_preload"] = _font_preload(lang, config)
    context["language_dirs"] = {l.code: l.direction for l in proj.languages}
    msgs = STATE["messages"]
    context["feed_links"] = [
        {"hreflang": l.code, "href": feeds.url(proj, l.code),
         "title": msgs.text(l.code, "feed.head_title", site=l.site_name)}
        for l in proj.languages
    ]
    meta = page.meta
    if meta.get("kind") == "brief" and meta.get("date"):
        context["brief_meta"] = {
            "date": meta["date"].isoformat(),
            "date_text": briefs.long_date(meta["date"], lang),
            "reading_time": msgs.text(lang, "brief.reading_time", count=int(meta.get("reading_minutes", 1))),
            "tags": briefs.tag_labels(meta.get("tags") or (), lang, STATE["tags"]),
            "tags_label": msgs.text(lang, "brief.tags"),
        }
    context["page_notice"] = _notice(meta, lang, proj, page.file.src_uri)
    foreign = meta.get("foreign_headings")
    if foreign:
        _mark_toc(page.toc, foreign, proj)
    return context


def _mark_toc(items, foreign: dict, proj: project.Project) -> None:
    """Wrap the table-of-contents titles of headings in another language in that language's lang and dir."""
    for item in items:
        code = foreign.get(item.id)
        if code and code in proj.codes and not item.title.startswith("<span"):
            item.title = (f'<span lang="{code}" dir="{proj.language(code).direction}">'
                          f"{html.escape(html.unescape(item.title), quote=False)}</span>")
        _mark_toc(item.children, foreign, proj)


def on_template_context(context, template_name, config):
    """The static pages (404.html) preload their language's fonts too."""
    lang = current_language(config)
    if lang in STATE["project"].codes:
        context["font_preload"] = _font_preload(lang, config)
        context["language_dirs"] = {l.code: l.direction for l in STATE["project"].languages}
    return context


def _font_preload(lang: str, config) -> list[str]:
    """The font files a page of ``lang`` draws its first paint with (``sitekit/preload.py``): computed once
    a build of the language from its pages (or, while it has none, its fallback's) and its messages."""
    cache = STATE.setdefault("preload", {})
    if lang not in cache:
        proj = STATE["project"]
        css = Path(config.docs_dir) / "assets" / "stylesheets" / "fonts.css"
        text = []
        for code in (lang, *proj.fallback_order(lang)):
            pages = sorted(proj.docs_dir.glob(f"**/*.{code}.md"))
            text += [page.read_text(encoding="utf-8", errors="replace") for page in pages]
            if pages:
                break
        found = set()
        if css.exists():
            rules = css.read_text(encoding="utf-8")
            found |= set(preload.files("\n".join(text), rules))  # the text's scripts
            found |= set(preload.files("\n".join(STATE["messages"].strings(lang)), rules))  # the interface's
        cache[lang] = sorted(found)
    return cache[lang]


def _translations(src_uri: str, source_lang: str, proj: project.Project) -> int:
    """How many languages other than the source the page has a file in (counted, never assumed)."""
    stem = src_uri[:-len(".md")] if src_uri.endswith(".md") else src_uri
    for code in proj.codes:
        if stem.endswith("." + code):
            stem = stem[:-len(code) - 1]
            break
    return sum((proj.docs_dir / f"{stem}.{code}.md").exists() for code in proj.codes if code != source_lang)


def _notice(meta: dict, lang: str, proj: project.Project, src_uri: str) -> dict | None:
    """What partials/notices.html shows: the page's language story, from the translation check's state."""
    state = meta.get("i18n") or {}
    source_lang = state.get("source_lang") or meta.get("source_lang")
    if not source_lang:
        return None
    kind = state.get("state") or ("source" if source_lang == lang else "translated")
    if kind in ("source", "translated") and not meta.get("kind"):
        return None  # plain pages (home, listings, glossary, status) need no language story unless it is bad news
    shown = state.get("page_lang") or (source_lang if kind == "fallback" else lang)
    msgs = STATE["messages"]
    others = _translations(src_uri, source_lang, proj) if kind == "source" else 0
    notice = {"state": kind, "text": notices.notice(msgs, lang, kind, source_lang, shown, others),
              "lang": shown, "dir": proj.language(shown).direction if shown in proj.codes else "ltr"}
    if kind != "source" and state.get("source_url") is not None:
        notice["source_href"] = state["source_url"]
        notice["source_label"] = msgs.text(lang, "notice.read_original")
    return notice


@event_priority(-200)  # after static-i18n (-100) has built the other languages and merged the index
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return  # an inner, per-language build: the whole-site files are written by the outer one
    proj = STATE["project"]
    site_dir = Path(config.site_dir)
    merged = search.read_merged(site_dir)
    # a preview's rebuild renders only what a save affects: the pages it did not render are still listed
    paths = sorted(incremental.SESSION.sitemap_paths(set().union(*STATE["pages"].values())))
    lastmod = get_build_date()
    for lang in proj.languages:
        _briefs(lang.code)  # read once, here, not in every process below
    # every language's index, sitemaps and feed, independent of the others': side by side in a build
    parallel.each([functools.partial(_write_language, site_dir, code, merged, paths, lastmod) for code in proj.codes])
    with (site_dir / "sitemap.xml").open("rb") as src, gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
        gz.write(src.read())


def _write_language(site_dir: Path, code: str, merged: dict, paths: list[str], lastmod: str) -> None:
    proj, msgs = STATE["project"], STATE["messages"]
    search.write_language(site_dir, code, merged, proj, STATE["search"], STATE["tags"])
    sitemap.write_language(site_dir, paths, proj, lastmod, code)
    lang = proj.language(code)
    text = feeds.render(_briefs(code), code, msgs.text(code, "feed.title", site=lang.site_name),
                        lang.site_description, proj, STATE["tags"], msgs)
    feeds.write(site_dir, code, text, proj)
