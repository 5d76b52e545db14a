"""Author text stays text: titles escaped in every template that prints them (sitekit/escaping.py,
scripts/hook_escape.py), author values escaped where they go into generated Markdown."""
from __future__ import annotations

import html
from pathlib import Path

import jinja2
import markdown
import pytest

from sitekit import escaping

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(__import__("material").__file__).parent / "templates"
HOSTILE = '</title><script>alert(1)</script> & "quoted" \'single\''
ESCAPED = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34; &#39;single&#39;"


def test_where_the_installed_material_prints_titles():
    """Pinned: a Material upgrade that moves or adds a printed title fails here, not in a reader's browser."""
    found = {}
    for path in sorted(MATERIAL.rglob("*.html")):
        escaped, count = escaping.escape_titles(path.read_text(encoding="utf-8"))
        if count:
            found[path.relative_to(MATERIAL).as_posix()] = count
    assert found == {"base.html": 4, "partials/content.html": 1, "partials/footer.html": 2,
                     "partials/header.html": 2, "partials/nav-item.html": 2, "partials/path-item.html": 1,
                     "partials/tabs-item.html": 1}


def test_no_override_prints_a_title_unescaped():
    assert {p.name: escaping.escape_titles(p.read_text(encoding="utf-8"))[1]
            for p in sorted((ROOT / "overrides").rglob("*.html")) if escaping.escape_titles(
                p.read_text(encoding="utf-8"))[1]} == {}


@pytest.mark.parametrize(("source", "expected"), [
    ("{{ page.meta.title }}", "{{ (page.meta.title) | e }}"),
    ("{{- page.title | striptags -}}", "{{- (page.title | striptags) | e -}}"),
    ("{{ page.title | d(config.site_name, true)}}", "{{ (page.title | d(config.site_name, true)) | e }}"),
    ("{{ nav_item.title | e }}", "{{ nav_item.title | e }}"),
    ("{{ page.meta.title | urlencode }}", "{{ page.meta.title | urlencode }}"),
    ("{{ toc_item.title }}", "{{ toc_item.title }}"),
    ("{{ page.titles }}", "{{ page.titles }}"),
])
def test_escape_titles(source, expected):
    assert escaping.escape_titles(source)[0] == expected


def test_the_loader_escapes_what_material_prints():
    env = jinja2.Environment(loader=escaping.EscapingLoader(jinja2.DictLoader({
        "t.html": "<title>{{ page.meta.title }} - {{ site }}</title><h1>{{ page.title }}</h1>"})))
    page = {"meta": {"title": HOSTILE}, "title": HOSTILE}
    assert env.get_template("t.html").render(page=page, site="S") == (
        f"<title>{ESCAPED} - S</title><h1>{ESCAPED}</h1>")
    assert env.loader.list_templates() == ["t.html"]


@pytest.mark.parametrize("text", [
    "# not a heading", "- not a list", "1. not a list", "> not a quote", "*not emphasis*", "`not code`",
    "[not](a-link)", "<script>alert(1)</script>", "&amp; stays", "{: onclick=x}", "~~not struck~~", "a | b",
    "(c) (tm) +/-", "\\back\\slash", "![no](image.png)", "[^1] no footnote", "«Қазақ» الدبلوماسية",
])
def test_markdown_text_renders_as_the_text(text):
    out = markdown.markdown(escaping.markdown_text(text),
                            extensions=["tables", "attr_list", "footnotes", "pymdownx.tilde", "pymdownx.smartsymbols"])
    assert out.startswith("<p>") and out.endswith("</p>") and "<" not in out[3:-4]
    assert html.unescape(out[3:-4]) == text


def test_markdown_without_html_keeps_markdown_and_drops_markup():
    out = markdown.markdown(escaping.markdown_without_html("*term* <script>x()</script> & more"))
    assert out == "<p><em>term</em> &lt;script&gt;x()&lt;/script&gt; &amp; more</p>"
