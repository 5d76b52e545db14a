"""The preview's incremental rebuilds (scripts/hook_incremental.py over scripts/sitekit/incremental.py):
what a save makes the next rebuild redo, the search index completed from the last one, and — on a small
corpus under the command ``make serve`` runs — a preview after a series of saves that serves exactly what
a preview started afresh on the same files serves, page for page, index for index, feed for feed."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_env, free_port
from sitekit import feeds, incremental, project, serve

CODES = ("kk", "ru", "en")
NAV = frozenset({"index.md", "article.md", "briefs/index.md"})


def _tree(root: Path) -> Path:
    docs = root / "docs"
    (docs / "briefs").mkdir(parents=True)
    (docs / "assets").mkdir()
    (root / "data").mkdir()
    (root / "overrides").mkdir()
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for code in CODES:
        (docs / f"index.{code}.md").write_text(f"---\ntitle: Home {code}\n---\n\nText.\n", encoding="utf-8")
        (docs / f"article.{code}.md").write_text(f"---\ntitle: Article {code}\n---\n\nText.\n", encoding="utf-8")
        (docs / "briefs" / f"index.{code}.md").write_text(f"---\ntitle: Briefs\n---\n\n<!-- briefs -->\n",
                                                          encoding="utf-8")
        (docs / "briefs" / f"a.{code}.md").write_text(f"---\ntitle: A {code}\n---\n\nText.\n", encoding="utf-8")
        (docs / f"status.{code}.md").write_text("---\ntitle: Status\n---\n\n<!-- i18n-status -->\n",
                                                encoding="utf-8")
    (docs / "assets" / "extra.css").write_text("body {}\n", encoding="utf-8")
    (root / "data" / "tags.yml").write_text("x: {}\n", encoding="utf-8")
    return docs


def _plan(tracker, root):
    return tracker.plan(root, root / "docs", CODES, NAV)


def test_a_saved_page_rebuilds_its_languages_and_the_pages_made_from_every_page(tmp_path):
    docs = _tree(tmp_path)
    tracker = incremental.Tracker()
    assert _plan(tracker, tmp_path) == incremental.Plan(True, "the first build")
    assert _plan(tracker, tmp_path) == incremental.Plan(False)  # nothing changed: nothing to redo
    (docs / "briefs" / "a.ru.md").write_text("---\ntitle: A ru\n---\n\nOther text.\n", encoding="utf-8")
    assert _plan(tracker, tmp_path) == incremental.Plan(
        False, stems=frozenset({"briefs/a.md", "briefs/index.md", "status.md"}),
        changed=frozenset({"docs/briefs/a.ru.md"}))
    (docs / "article.kk.md").write_text("---\ntitle: Article kk\n---\n\nNew text.\n", encoding="utf-8")
    assert _plan(tracker, tmp_path).stems == {"article.md", "briefs/index.md", "status.md"}  # same title


@pytest.mark.parametrize(("change", "reason"), [
    (lambda root: (root / "docs" / "briefs" / "b.kk.md").write_text("---\ntitle: B\n---\n", encoding="utf-8"),
     "a file was added or removed"),
    (lambda root: (root / "docs" / "briefs" / "a.en.md").unlink(), "a file was added or removed"),
    (lambda root: (root / "data" / "tags.yml").write_text("y: {}\n", encoding="utf-8"), "data/tags.yml changed"),
    (lambda root: (root / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8"), "mkdocs.yml changed"),
    (lambda root: (root / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8"),
     "a file was added or removed"),
    (lambda root: (root / "docs" / "assets" / "extra.css").write_text("a {}\n", encoding="utf-8"),
     "docs/assets/extra.css changed"),
    (lambda root: (root / "docs" / "article.ru.md").write_text("---\ntitle: Статья\n---\n\nText.\n", encoding="utf-8"),
     "the navigation's title of docs/article.ru.md changed"),
    (lambda root: (root / "docs" / "article.ru.md").write_text("# Статья\n\nText.\n", encoding="utf-8"),
     "the navigation's title of docs/article.ru.md changed"),
])
def test_a_site_wide_change_rebuilds_everything(tmp_path, change, reason):
    _tree(tmp_path)
    tracker = incremental.Tracker()
    _plan(tracker, tmp_path)
    change(tmp_path)
    plan = _plan(tracker, tmp_path)
    assert (plan.full, plan.reason) == (True, reason)


def test_a_rebuild_that_did_not_finish_is_followed_by_a_full_one(tmp_path):
    _tree(tmp_path)
    tracker = incremental.Tracker()
    _plan(tracker, tmp_path)
    assert tracker.plan(tmp_path, tmp_path / "docs", CODES, NAV, finished=False) == \
        incremental.Plan(True, "the last rebuild did not finish")


def test_a_title_outside_the_navigation_rebuilds_only_its_pages(tmp_path):
    docs = _tree(tmp_path)
    tracker = incremental.Tracker()
    _plan(tracker, tmp_path)
    (docs / "briefs" / "a.en.md").write_text("---\ntitle: A new title\n---\n\nText.\n", encoding="utf-8")
    assert not _plan(tracker, tmp_path).full  # the listing, which shows it, is rebuilt anyway


def test_a_page_that_moves_a_font_across_the_preload_share_rebuilds_everything(tmp_path):
    docs = _tree(tmp_path)
    (docs / "assets" / "stylesheets").mkdir()
    (docs / "assets" / "stylesheets" / "fonts.css").write_text(
        '@font-face { src: url("../fonts/latin.woff2"); font-weight: 400; unicode-range: U+0000-00FF; }\n'
        '@font-face { src: url("../fonts/arabic.woff2"); font-weight: 400; unicode-range: U+0600-06FF; }\n',
        encoding="utf-8")
    tracker = incremental.Tracker()
    _plan(tracker, tmp_path)
    (docs / "briefs" / "a.en.md").write_text("---\ntitle: A en\n---\n\nText, more text.\n", encoding="utf-8")
    assert not _plan(tracker, tmp_path).full  # still Latin only
    (docs / "briefs" / "a.en.md").write_text("---\ntitle: A en\n---\n\nText " + "قطر " * 20 + "\n",
                                             encoding="utf-8")
    assert _plan(tracker, tmp_path) == incremental.Plan(
        True, "a language's preloaded fonts changed", changed=frozenset({"docs/briefs/a.en.md"}))


def test_the_search_index_keeps_the_entries_of_the_pages_not_rebuilt_in_place():
    previous = [{"location": "", "title": "Home"}, {"location": "#top", "title": "Top"},
                {"location": "briefs/a/", "title": "A"}, {"location": "briefs/a/#one", "title": "One"},
                {"location": "ru/briefs/a/", "title": "A ru"}, {"location": "ru/", "title": "Home ru"}]
    current = [{"location": "briefs/a/", "title": "A2"}, {"location": "briefs/a/#two", "title": "Two"},
               {"location": "ru/briefs/a/", "title": "A ru 2"}]
    rebuilt = {"briefs/a/", "ru/briefs/a/"}
    assert incremental.merge_search(previous, current, rebuilt) == [
        {"location": "", "title": "Home"}, {"location": "#top", "title": "Top"},
        {"location": "briefs/a/", "title": "A2"}, {"location": "briefs/a/#two", "title": "Two"},
        {"location": "ru/briefs/a/", "title": "A ru 2"}, {"location": "ru/", "title": "Home ru"}]
    assert incremental.merge_search(None, current, rebuilt) == current  # a full build's index is its own
    # a page rebuilt without entries (search: exclude) leaves none behind
    assert incremental.merge_search(previous, [], {"briefs/a/"}) == [
        d for d in previous if not d["location"].startswith("briefs/a/")]


def test_make_serve_keeps_the_site_folder_only_with_the_incremental_hook(tmp_path):
    argv, _ = serve.command(8001, ROOT / "mkdocs.yml")
    assert argv[-5:] == ["--no-strict", "--dirty", "--livereload", "-a", "127.0.0.1:8001"]
    plain = tmp_path / "mkdocs.yml"
    plain.write_text("site_name: x\nhooks:\n  - scripts/hook_i18n.py\n", encoding="utf-8")
    for config in (plain, tmp_path / "missing.yml", None):
        argv, _ = serve.command(8001, config)
        assert "--dirty" not in argv
    plain.write_text("site_name: x\nhooks: [\n", encoding="utf-8")  # broken: MkDocs says so itself
    assert not serve.incremental(plain)


# --- the preview itself, on a small corpus --------------------------------------------------------------

LIVE_RELOAD = re.compile(r"<script>(?:(?!</script>).)*</script>(?=</body>)", re.S)


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except OSError:
        return None


class Preview:
    """``make serve``'s command on ``root``, its console in a file."""

    def __init__(self, root, env, log: Path):
        self.port = free_port()
        argv, _ = serve.command(self.port, root.config)
        assert "--dirty" in argv
        self.log = log
        self._console = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen([*argv, "-f", str(root.config)], cwd=root.path,
                                     env=dict(env, SITE_URL=f"http://127.0.0.1:{self.port}/"),
                                     stdout=subprocess.DEVNULL, stderr=self._console, start_new_session=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def wait(self, path: str, text: str, timeout: float = 600) -> str:
        deadline = time.monotonic() + timeout
        while True:
            body = _get(self.url(path))
            if body is not None and text in body.decode("utf-8", "replace"):
                return body.decode("utf-8")
            assert self.proc.poll() is None, self.log.read_text(encoding="utf-8")[-3000:]
            assert time.monotonic() < deadline, f"{path} did not show {text!r}"
            time.sleep(0.2)

    def wait_log(self, text: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, f"the console did not say {text!r}"
            time.sleep(0.2)

    def fetch(self, path: str) -> str:
        body = _get(self.url(path))
        assert body is not None, path
        # the port the preview runs at, and the live-reload script MkDocs adds to each response
        return LIVE_RELOAD.sub("", body.decode("utf-8")).replace(f"127.0.0.1:{self.port}", "127.0.0.1:PORT")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)
        self._console.close()


def _everything(preview: Preview, proj) -> dict[str, str]:
    """Every page the sitemap lists, and every language's sitemap, search index and feed."""
    sitemap = preview.fetch("sitemap.xml")
    pages = sorted({loc.split("127.0.0.1:PORT/", 1)[1] for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    assert len(pages) >= 4 * len(proj.codes)
    paths = pages + ["404.html"]
    for lang in proj.languages:
        paths += [f"{lang.prefix}sitemap.xml", f"{lang.prefix}search/search_index.json",
                  feeds.url(proj, lang.code).split("127.0.0.1:PORT/", 1)[-1]]
    return {path: preview.fetch(path) for path in paths}


@pytest.mark.slow
def test_the_preview_after_saves_serves_what_a_fresh_preview_serves(tmp_path):
    """Saves of a source, of a translation, a save that breaks a page's front matter (the rebuild stops,
    the preview keeps serving) and its fix, and a new title of a page in the navigation: afterwards the
    incremental preview serves every page, sitemap, search index and feed byte for byte as a preview
    started afresh on the same files (a full build); the edits, banners and notices show where expected."""
    from benchkit import corpus, variants
    root = variants.prepare(corpus.generate(tmp_path / "corpus", corpus.FIXED_PAGES + 2), content="own")
    env = build_env(GALLEY_CACHE=str(tmp_path / "galley"))
    proj = project.load(root.path).with_site_url("http://127.0.0.1:PORT/")
    default = proj.default
    other = next(lang for lang in proj.languages if not lang.default)
    docs = root.path / "docs"
    one, two = docs / "briefs" / f"brief-0001.{default.code}.md", docs / "briefs" / f"brief-0002.{default.code}.md"
    translation = docs / "briefs" / f"brief-0002.{other.code}.md"
    first = Preview(root, env, tmp_path / "first.log")
    try:
        first.wait("briefs/brief-0001/", "</html>")
        # a source gains a paragraph: its translations are stale (their notice and banner say so)
        one.write_text(one.read_text(encoding="utf-8") + "\nmarkerone 2031 42.\n", encoding="utf-8")
        first.wait("briefs/brief-0001/", "markerone")
        stale = first.wait(f"{other.prefix}briefs/brief-0001/", 'class="i18n-preview"')
        assert "brief-0001" in stale
        # a translation gains a paragraph its source lacks: a banner on it
        translation.write_text(translation.read_text(encoding="utf-8") + "\nmarkertwo 777.\n", encoding="utf-8")
        assert 'class="i18n-preview"' in first.wait(f"{other.prefix}briefs/brief-0002/", "markertwo")
        # front matter that does not parse stops the rebuild, as it always did (the check says why, and
        # MkDocs holds requests until the file is fixed); the fix is rebuilt in full
        saved = two.read_text(encoding="utf-8")
        two.write_text(saved.replace("---\n", "---\ndate: [\n", 1), encoding="utf-8")
        first.wait_log("i18ncheck: the build would break on these")
        two.write_text(saved + "\nmarkerthree 2032.\n", encoding="utf-8")
        first.wait("briefs/brief-0002/", "markerthree")
        # a page of the navigation is retitled: every page's navigation shows the new title
        glossary = docs / f"glossary.{other.code}.md"
        glossary.write_text(re.sub(r"(?m)^title: .*$", "title: markerfour", glossary.read_text(encoding="utf-8"),
                                   count=1), encoding="utf-8")
        first.wait(f"{other.prefix}briefs/brief-0001/", "markerfour")
        # and a last save of a brief, rebuilt after the full rebuild above
        one.write_text(one.read_text(encoding="utf-8") + "\nmarkerfive 2033.\n", encoding="utf-8")
        first.wait("briefs/brief-0001/", "markerfive")
        time.sleep(1)
        incremental_site = _everything(first, proj)
    finally:
        first.stop()
    log = (tmp_path / "first.log").read_text(encoding="utf-8")
    assert "A 'dirty' build" not in log and "stale files" not in log  # the console stays the author's
    fresh = Preview(root, env, tmp_path / "fresh.log")
    try:
        fresh.wait("briefs/brief-0001/", "markerfive")
        fresh_site = _everything(fresh, proj)
    finally:
        fresh.stop()
    assert incremental_site.keys() == fresh_site.keys()
    for path in fresh_site:
        assert incremental_site[path] == fresh_site[path], path
    search = json.loads(incremental_site["search/search_index.json"])
    assert any("markerfive" in doc["text"] for doc in search["docs"])
    assert any(doc["location"] == "briefs/brief-0002/" for doc in search["docs"])


class _Theme:
    """What ``TemplateCache.install`` needs of MkDocs' theme: its folders, static templates, ``get_env``."""

    def __init__(self, sources: dict[str, str]):
        self.sources, self.dirs, self.static_templates = sources, ["/theme"], {"404.html"}

    def get_env(self):
        import jinja2
        return jinja2.Environment(loader=jinja2.DictLoader(self.sources))


def test_kept_templates_are_compiled_again_when_their_source_changes():
    theme = _Theme({"main.html": "one {{ x }}", "logo.svg": "<svg/>"})
    cache = incremental.TemplateCache()
    cache.install(theme)
    assert theme.get_env().get_template("main.html").render(x=1) == "one 1"
    assert theme.get_env().get_template("main.html").render(x=2) == "one 2"  # from the cache
    theme.sources["main.html"] = "two {{ x }}"
    assert theme.get_env().get_template("main.html").render(x=3) == "two 3"
    assert theme.get_env().list_templates() == ["logo.svg", "main.html"]
    theme.sources["new.css"] = ""
    assert theme.get_env().list_templates() == ["logo.svg", "main.html"]  # kept until a full rebuild
    cache.names.clear()
    assert theme.get_env().list_templates() == ["logo.svg", "main.html", "new.css"]


def test_the_console_drops_mkdocs_dirty_build_notices_under_the_incremental_preview():
    import logging
    session = incremental.Session()
    logger = logging.getLogger("mkdocs.commands.build")
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    handler = Keep(logging.DEBUG)
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        session.start(True)
        logger.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
        logger.info("The directory contains stale files. Use --clean to remove them.")
        logger.warning("Doc file 'x.md' contains a link 'y.md', but the target is not found")
        session.start(False)
        logger.info("The directory contains stale files. Use --clean to remove them.")
    finally:
        session.start(False)
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert seen == ["Doc file 'x.md' contains a link 'y.md', but the target is not found",
                    "The directory contains stale files. Use --clean to remove them."]
