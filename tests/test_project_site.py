"""The site as a GitHub Pages project site: URLs under the sub-path, edit links, reproducible builds.

Two strict builds of the real site for https://owner.github.io/repo/ (the address GitHub gives the
project site of github.com/owner/repo) run side by side, with different time zones and hash seeds, into
two temporary directories, each typesetting the PDF galleys itself, one building the languages one after
the other (``SITE_JOBS=1``) and one in three processes (``SITE_JOBS=3``, ``sitekit/parallel.py``): every
file must be byte-identical, and every absolute URL they publish (canonical, hreflang, sitemaps) must live
under the sub-path.
"""
from __future__ import annotations

import datetime
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from sitekit.project import load as load_project

PROJECT = load_project()

from conftest import ROOT, build_env
from sitekit import project

PAGES_URL = "https://owner.github.io/repo/"
REPO_URL = "https://github.com/owner/repo"
EPOCH = "1764028800"  # 2025-11-25, a date no clock of this test run shows
# What the Makefile exports for this repository (test_makefile_derives_the_project_site_urls).
MAKE_ENV = {"SITE_URL": PAGES_URL, "REPO_URL": REPO_URL, "EDIT_URI": "edit/main/docs/", "SOURCE_DATE_EPOCH": EPOCH}


def make_print(cwd: Path, *names: str, **env: str) -> dict[str, str]:
    """The values the Makefile gives ``names`` when run in ``cwd`` (a git work tree)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "EDIT_URI", "MAKEFLAGS")}
    proc = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "--eval", "print-%: ; @echo '$*=$($*)'",
         *(f"print-{n}" for n in names)],
        cwd=cwd, env={**clean, **env}, capture_output=True, text=True, timeout=60, check=True,
    )
    return dict(line.split("=", 1) for line in proc.stdout.splitlines())


@pytest.mark.parametrize("remote", ["https://github.com/owner/repo.git", "git@github.com:owner/repo.git",
                                    "https://github.com/owner/repo"])
def test_makefile_derives_the_project_site_urls(tmp_path, remote):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "remote", "add", "origin", remote], cwd=tmp_path, check=True)
    assert make_print(tmp_path, "SITE_URL", "REPO_URL", "EDIT_URI") == {
        "SITE_URL": PAGES_URL, "REPO_URL": REPO_URL, "EDIT_URI": "edit/main/docs/"}


def test_the_environment_overrides_the_remote(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "remote", "add", "origin", "https://github.com/owner/repo.git"], cwd=tmp_path, check=True)
    # What the workflow's deploy job passes: configure-pages' base_url (a custom domain, say) and GitHub's URL.
    assert make_print(tmp_path, "SITE_URL", "REPO_URL", "EDIT_URI", SITE_URL="https://qdd.example.org/",
                      REPO_URL="https://ghe.example.org/team/qdd") == {
        "SITE_URL": "https://qdd.example.org/", "REPO_URL": "https://ghe.example.org/team/qdd",
        "EDIT_URI": "edit/main/docs/"}


def test_without_a_github_remote_nothing_is_guessed(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert make_print(tmp_path, "SITE_URL", "REPO_URL", "EDIT_URI") == {"SITE_URL": "", "REPO_URL": "", "EDIT_URI": ""}


# --- two builds of the real site at the project-site address ---------------------------------------------

@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two strict builds side by side: same sources and SITE_URL, different time zone, hash seed and number
    of processes building the languages."""
    dests = [tmp_path_factory.mktemp(f"reproducible{i}") / "site" for i in (1, 2)]
    # each build typesets the PDF galleys itself (an empty cache of its own), so they are compared too
    variations = [{"TZ": "UTC", "PYTHONHASHSEED": "1", "GALLEY_CACHE": str(tmp_path_factory.mktemp("cache1")),
                   "SITE_JOBS": "1"},
                  {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "2", "GALLEY_CACHE": str(tmp_path_factory.mktemp("cache2")),
                   "SITE_JOBS": "3"}]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(dest)],
            cwd=ROOT, env=build_env(**MAKE_ENV, **variation),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for dest, variation in zip(dests, variations)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        if proc.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{out}\n{err}")
    return dests[0], dests[1]


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_are_byte_identical(builds):
    first, second = map(files, builds)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name].read_bytes() != second[name].read_bytes()] == []
    # the outputs that usually carry the build's clock are among the compared files
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "ru/search/search_index.json",
                 "en/search/search_index.json", "feed.xml", "ru/feed.xml", "en/feed.xml",
                 *(f"{lang.prefix}article/article-{lang.code}.pdf" for lang in project.load(ROOT).languages
                   if (ROOT / "docs" / f"article.{lang.code}.md").exists())):
        assert name in first


@pytest.mark.slow
def test_dates_come_from_source_date_epoch(builds):
    site = builds[0]
    day = datetime.datetime.fromtimestamp(int(EPOCH), tz=datetime.timezone.utc).date().isoformat()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8"))) == {day}
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") in (0, int(EPOCH))  # the gzip header's mtime
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def head_urls(html: str) -> dict[str, list[str]]:
    return {
        "canonical": re.findall(r'<link rel="canonical" href="([^"]+)"', html),
        "alternate": re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html),
    }


@pytest.mark.slow
def test_absolute_urls_live_under_the_sub_path(builds):
    site = builds[0]
    outside = []
    for name, path in files(site).items():
        if name.endswith(".html") and name != "404.html":
            urls = head_urls(path.read_text(encoding="utf-8"))
            if len(urls["canonical"]) != 1 or len(urls["alternate"]) != len(PROJECT.codes) + 1:
                outside.append(f"{name}: {urls}")
            outside += [f"{name}: {u}" for u in urls["canonical"] + urls["alternate"] if not u.startswith(PAGES_URL)]
        elif name.endswith("sitemap.xml"):
            text = path.read_text(encoding="utf-8")
            locs = re.findall(r"<loc>([^<]+)</loc>", text) + re.findall(r'hreflang="[^"]+" href="([^"]+)"', text)
            outside += [f"{name}: {u}" for u in locs if not u.startswith(PAGES_URL)]
    assert outside == []


@pytest.mark.slow
def test_a_page_knows_itself_in_every_language(builds):
    html = (builds[0] / "ru" / "article" / "index.html").read_text(encoding="utf-8")
    assert head_urls(html)["canonical"] == [PAGES_URL + "ru/article/"]
    every = [(lang.code, PAGES_URL + lang.prefix + "article/") for lang in PROJECT.languages]
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html) == every + [
        ("x-default", PAGES_URL + PROJECT.default.prefix + "article/")]
    # the language switcher: relative links that land on the same page in each language
    switcher = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]* class="md-select__link"', html)
    page_url = PAGES_URL + "ru/article/"
    assert {lang: urljoin(page_url, href) for href, lang in switcher} == dict(every)


@pytest.mark.slow
@pytest.mark.parametrize(("page", "source"), [("article/", "article.kk.md"), ("ru/article/", "article.ru.md"),
                                              ("en/article/", "article.en.md")])
def test_the_edit_button_opens_the_language_file(builds, page, source):
    html = (builds[0] / page / "index.html").read_text(encoding="utf-8")
    edit = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', html)
    assert edit == [f"{REPO_URL}/edit/main/docs/{source}"]
    # the repository link, in the header and in the drawer
    assert set(re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-source"', html)) == {REPO_URL}
