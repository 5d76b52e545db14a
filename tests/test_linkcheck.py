"""The link checker (scripts/sitekit/linkcheck.py): a fixture site with planted faults, and the real site.

tests/data/linkcheck/built-site/ is a tiny built site under the project-site sub-path /qdd/ (its sitemap says
so) in which every link resolves: relative, root-relative, absolute hreflang and canonical links,
percent-encoded Cyrillic anchors, `<a name>`, stylesheets' url(), srcset, and links inside
`<script type="application/json">` (data, not links). The tests plant faults in a copy of it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import linkcheck

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "data" / "linkcheck" / "built-site"

PLANTED = """\
<a href="../missing/">a page that does not exist</a>
<a href="../ru/page/#nowhere">an anchor that does not exist</a>
<link rel="stylesheet" href="/assets/style.css">
"""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([sys.executable, "-m", "sitekit.linkcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def plant(site: Path, text: str = PLANTED) -> None:
    page = site / "page" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- PLANT -->\n", text), encoding="utf-8")


def test_a_clean_site_passes(site):
    proc = cli("site", cwd=site.parent)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr == "linkcheck: 4 page(s), every internal link and anchor resolves\n"


def test_planted_broken_link_and_anchor_are_caught(site):
    plant(site)
    proc = cli("site/", cwd=site.parent)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "site/page/index.html:14: link ../missing/ points to a missing file (resolved to missing/) [missing-target]",
        "site/page/index.html:15: link ../ru/page/#nowhere points to a missing anchor "
        "(no id \"nowhere\" in ru/page/index.html) [missing-anchor]",
        "site/page/index.html:16: link /assets/style.css leaves the site (resolves to /assets/style.css, "
        "outside /qdd/) [outside-site]",
    ]
    assert proc.stderr == "linkcheck: 3 broken link(s) in 1 file(s); 4 page(s) checked\n"


def test_a_missing_page_breaks_every_link_to_it_in_every_language(site):
    shutil.rmtree(site / "ru" / "page")
    findings = linkcheck.check_site(site, display="site")
    assert [f.format() for f in findings] == [
        "site/index.html:16: link ./ru/page/ points to a missing file (resolved to ru/page/) [missing-target]",
        "site/page/index.html:11: link ../ru/page/#%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB points to a missing "
        "file (resolved to ru/page/) [missing-target]",
        "site/ru/index.html:4: link page/ points to a missing file (resolved to ru/page/) [missing-target]",
        "site/sitemap.xml:9: link https://owner.github.io/qdd/ru/page/ points to a missing file "
        "(resolved to ru/page/) [missing-target]",
    ]


def test_a_missing_font_in_a_stylesheet_is_caught(site):
    (site / "fonts" / "roboto.woff2").unlink()
    assert [f.format() for f in linkcheck.check_site(site, display="site")] == [
        "site/assets/style.css:1: link ../fonts/roboto.woff2 points to a missing file "
        "(resolved to fonts/roboto.woff2) [missing-target]",
    ]


def test_the_site_url_comes_from_the_sitemap_or_the_option(site):
    assert linkcheck.infer_site_url(site) == "https://owner.github.io/qdd/"
    (site / "sitemap.xml").unlink()
    proc = cli("--site-url", "https://owner.github.io/qdd/", "site", cwd=site.parent)
    assert (proc.returncode, proc.stdout) == (0, "")
    proc = cli("site", cwd=site.parent)  # without it, the site is taken to live at the root: /qdd/ leaves it
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "site/index.html:17: link /qdd/page/index.html points to a missing file (resolved to qdd/page/index.html) "
        "[missing-target]",
    ]


def test_machine_formats(site):
    plant(site, '<a href="../missing/">gone</a>\n')
    github = cli("--format", "github", "site", cwd=site.parent)
    assert (github.returncode, github.stdout) == (1, "::error file=site/page/index.html,line=14,title=missing-target"
                                                     "::link ../missing/ points to a missing file (resolved to "
                                                     "missing/)\n")
    as_json = cli("--format", "json", "site", cwd=site.parent)
    assert json.loads(as_json.stdout) == [{
        "path": "site/page/index.html", "line": 14, "check": "missing-target",
        "message": "link ../missing/ points to a missing file (resolved to missing/)",
    }]


def test_usage_errors_exit_2(tmp_path):
    missing = cli("nope", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "linkcheck: nope: no such directory (build the site first: make site)\n"
    (tmp_path / "empty").mkdir()
    empty = cli("empty", cwd=tmp_path)
    assert (empty.returncode, empty.stderr) == (2, "linkcheck: empty: no HTML pages (is this a built site?)\n")
    bad_option = cli("--format", "xml", "empty", cwd=tmp_path)
    assert bad_option.returncode == 2 and "invalid choice" in bad_option.stderr


@pytest.mark.slow
def test_the_real_site_has_no_broken_links(site_build):
    findings = linkcheck.check_site(site_build.dir, site_build.site_url, display="site")
    assert [f.format() for f in findings] == []
