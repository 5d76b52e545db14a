"""MkDocs hook: what a reader and a machine expect of a scholarly article (a thin adapter over sitekit).

For a page whose kind (``data/kinds.yml``) has ``metadata: scholarly`` (the article) it puts ``scholarly``
into the template context: the ``citation_*``,
Open Graph and JSON-LD tags of the head, the abstract, keywords and author's position shown before the
body, and the PDF link and the GOST, APA and BibTeX references shown after it (``sitekit/scholarly.py``,
``sitekit/citation.py``; the PDF itself is ``hook_galley.py``'s). A ``kind: brief`` page gets Open Graph tags. Every other page is left alone.

static-i18n runs one build per language, so this runs once per language; the language being built is
``config.plugins["i18n"].current_language``. A page whose front matter lacks what its metadata needs is a
warning naming the file and the key, which ``--strict`` turns into a failed build.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.utils.meta import get_data

from sitekit import alternates, citation, galley, kinds, messages, project, scholarly

log = logging.getLogger("mkdocs.hooks.scholarly")

# State of one build; reset in on_config, since `mkdocs serve` does not re-import hooks.
STATE: dict = {}


def current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin else config.theme["language"]


def on_config(config):
    plugin = config.plugins.get("i18n")
    if not (plugin is not None and plugin.building and "loaded" in STATE):
        # a new run (not static-i18n's inner build of another language, which reads the same files)
        loaded = project.load(Path(config.config_file_path).parent)
        STATE.update(versions={}, loaded=loaded, messages=messages.for_project(loaded), kinds=kinds.load(loaded.root))
    STATE["project"] = STATE["loaded"].with_site_url(config.site_url)  # a language may set its own site_url
    return config


def on_page_context(context, page, config, nav):
    known = STATE["kinds"]
    spec = known.get(page.meta.get("kind"))
    if spec is None or spec.metadata is None:
        return context
    kind = spec.name
    proj: project.Project = STATE["project"]
    lang = current_language(config)
    source = Path(page.file.abs_src_path)
    found = scholarly.problems(page.meta, kind, proj.codes, known)
    for message in found:
        log.warning("%s: %s", _display(source, proj), message)
    if found:
        return context
    stem, file_lang = _split(source.name, proj)
    if file_lang != lang:
        return context  # a fallback shows another language's text: claim nothing about it
    _, path = alternates.identity(page.url, proj)
    url = alternates.absolute(path, lang, proj)
    versions = _versions(source.parent, stem, path, proj)
    if spec.metadata == "scholarly":
        meta = page.meta if spec.date in (None, "published") else {**page.meta, "published": page.meta[spec.date]}
        context["scholarly"] = scholarly.article(
            meta, lang=lang, url=url, site_name=config.site_name,
            site_root=alternates.absolute("", lang, proj), versions=versions,
            key=citation.key_for(path, meta["published"].year, lang), text=page.markdown or "",
            messages=STATE["messages"], styles=proj.language(lang).citation_styles,
            pdf=galley.file_name(path, lang),  # written beside the page by hook_galley.py
        )
    else:
        context["scholarly"] = scholarly.brief(page.meta, lang=lang, url=url, site_name=config.site_name,
                                               versions=versions, messages=STATE["messages"],
                                               date_key=spec.date or "date")
    return context


def _split(name: str, proj: project.Project) -> tuple[str, str]:
    """(stem, language) of a source file name: ``article.ru.md`` → (``article``, ``ru``)."""
    base = name[:-len(".md")] if name.endswith(".md") else name
    for code in proj.codes:
        if base.endswith("." + code):
            return base[:-len(code) - 1], code
    return base, proj.default.code


def _versions(folder: Path, stem: str, path: str, proj: project.Project) -> list[scholarly.Version]:
    """The language versions of a page that exist as files (a fallback is no translation); read once a run."""
    cache = STATE.setdefault("versions", {})
    key = (folder, stem, path, proj.site_url)
    if key not in cache:
        cache[key] = _read_versions(folder, stem, path, proj)
    return cache[key]


def _read_versions(folder: Path, stem: str, path: str, proj: project.Project) -> list[scholarly.Version]:
    versions = []
    for lang in proj.languages:
        candidates = [folder / f"{stem}.{lang.code}.md"] + ([folder / f"{stem}.md"] if lang.default else [])
        for candidate in candidates:
            if candidate.exists():
                _, meta = get_data(candidate.read_text(encoding="utf-8"))
                versions.append(scholarly.Version(lang.code, alternates.absolute(path, lang.code, proj),
                                                  str(meta.get("title") or "")))
                break
    return versions


def _display(source: Path, proj: project.Project) -> str:
    try:
        return source.relative_to(proj.root).as_posix()
    except ValueError:
        return source.as_posix()
