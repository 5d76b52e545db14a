"""The Content-Security-Policy every page carries (scripts/sitekit/csp.py, scripts/hook_csp.py).

The policy is an allow-list fixed at build time: the inline scripts of Material's templates (rendered for
the page's base URL) and the three table-alignment styles, never what a page happens to contain. Unit
tests on small HTML strings and the installed Material's templates; then the built site (every page has
the policy before any script, every inline script it runs is allowed, and its hashes are those of
Material's templates rendered here by Jinja for the page's depth); then the browser (Material works
under the policy, search included, and injected inline code is blocked). tests/test_injection.py injects
through every author-controlled channel of a built fixture site.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import jinja2
import pytest

from sitekit import csp

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(__import__("material").__file__).parent / "templates"
LOADER = jinja2.FileSystemLoader([str(ROOT / "overrides"), str(MATERIAL)])
FIXED = ("default-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
         "worker-src 'self'", "manifest-src 'self'", "object-src 'none'", "base-uri 'self'",
         "form-action 'self'")

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>t</title>
<script>__md_scope=new URL("..",location)</script>
<script id="__config" type="application/json">{"base": ".."}</script>
<script type="application/ld+json">{"@type": "ScholarlyArticle"}</script>
<script src="assets/bundle.js"></script>
<script type="module">import "./x.js"</script>
</head><body><table><tr><th style="text-align: center;">a</th></tr></table></body></html>
"""
INJECTED = PAGE.replace("</body>", '<script>window.__pwned = 1</script><style>body{display:none}</style>'
                                   '<p style="color: red">x</p><img src="data:," onerror="window.__pwned=1"></body>')


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in policy.split("; "))}


def expected_hash(text: str) -> str:
    """Computed here independently of sitekit.csp, as a browser does."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def read_template(name: str) -> str:
    return LOADER.get_source(jinja2.Environment(), name)[0]


def material_scripts(base_url: str) -> list[str]:
    """The inline scripts Material's allowed partials print on a page at ``base_url``, rendered by Jinja
    with every feature on (so each conditional script is printed)."""
    env = jinja2.Environment(loader=LOADER)
    out = []
    for name in csp.SCRIPT_TEMPLATES:
        html = env.get_template(name).render(base_url=base_url, config={"extra": {}},
                                             features=["content.tabs.link"])
        out += re.findall(r"<script>(.*?)</script>", html, re.S)
    return out


ALLOWED = csp.allowlist(read_template)


# --- the library ------------------------------------------------------------------------------------------

def test_hash_of_a_known_script():
    # The example of the CSP specification's users: alert('Hello, world.');
    assert csp.sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_the_allowlist_is_materials_scripts_rendered_for_the_page():
    assert [s.template for s in ALLOWED.scripts] == [
        "partials/javascripts/base.html", "partials/javascripts/palette.html",
        "partials/javascripts/content.html", "partials/javascripts/content.html"]
    for base_url in (".", "..", "../..", "/qdd/"):
        assert ALLOWED.script_sources(base_url) == [expected_hash(s) for s in material_scripts(base_url)]
    assert ALLOWED.script_sources("..") != ALLOWED.script_sources("../..")  # the scope is part of the text


def test_a_template_script_that_depends_on_anything_but_the_base_url_is_refused():
    assert csp.script_templates("t.html", '<script>x("{{ base_url }}")</script><script type="application/json">'
                                          '{{ config | tojson }}</script>')[0].render("..") == 'x("..")'
    with pytest.raises(csp.CSPError) as error:
        csp.script_templates("t.html", "<script>var t = '{{ page.title }}'</script>")
    assert str(error.value) == ("t.html: an inline script depends on a template value other than the base URL; "
                                "it cannot be allowed by hash (check SCRIPT_TEMPLATES in sitekit/csp.py)")
    with pytest.raises(csp.CSPError) as error:
        csp.allowlist(read_template, names=("partials/no-such-template.html",))
    assert str(error.value).startswith("partials/no-such-template.html: cannot read the theme template (TemplateNotFound")
    with pytest.raises(csp.CSPError) as error:
        csp.script_templates("t.html", '<script src="x.js"></script>')
    assert "no inline script found" in str(error.value)


def test_a_configured_scope_replaces_the_base_url_in_materials_helpers():
    scoped = csp.allowlist(read_template, scope="/")
    assert scoped.scripts[0].render("../..", "/").startswith('__md_scope=new URL("/",location)')
    assert scoped.script_sources("..") == scoped.script_sources("../..")


def test_the_policy_of_a_page():
    policy = csp.find_policy(csp.apply(PAGE, ALLOWED, ".."))
    scripts = " ".join(expected_hash(s) for s in material_scripts(".."))
    styles = " ".join(expected_hash(f"text-align: {a};") for a in ("left", "center", "right"))
    assert policy == (
        "default-src 'self'; "
        f"script-src 'self' {scripts}; "
        f"style-src 'self' 'unsafe-hashes' {styles}; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def test_what_a_page_contains_never_enters_its_policy():
    assert csp.find_policy(csp.apply(INJECTED, ALLOWED, "..")) == csp.find_policy(csp.apply(PAGE, ALLOWED, ".."))
    policy = csp.find_policy(csp.apply(INJECTED, ALLOWED, ".."))
    assert expected_hash("window.__pwned = 1") not in policy and expected_hash("color: red") not in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert csp.blocked(INJECTED, ALLOWED, "..") == csp.InlineCode(
        ('__md_scope=new URL("..",location)', 'import "./x.js"', "window.__pwned = 1"),
        ("body{display:none}",), ("color: red",))


def test_inline_code_finds_only_executable_scripts():
    code = csp.inline_code(PAGE)
    assert code.scripts == ('__md_scope=new URL("..",location)', 'import "./x.js"')
    assert code.style_attributes == ("text-align: center;",)


def test_the_meta_comes_right_after_the_charset_before_any_script():
    out = csp.apply(PAGE)
    assert out.index('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"') < out.index("<script")
    assert csp.apply("<html><head><title>t</title><script>x()</script>").startswith(
        '<html><head><meta http-equiv="Content-Security-Policy"')


@pytest.mark.parametrize(("html", "message"), [
    ('<head><meta http-equiv="content-security-policy" content="default-src *">',
     "page already has a Content-Security-Policy meta (remove it: the hook writes one)"),
    ("<p>no head</p>", "page has no <head> (the policy must come before any script)"),
    ('<head><script>x()</script><meta charset="utf-8">',
     "a <script> comes before <meta charset> (move it: the policy must come first)"),
])
def test_pages_that_cannot_carry_the_policy(html, message):
    with pytest.raises(csp.CSPError) as error:
        csp.apply(html)
    assert str(error.value) == message


def test_serve_allows_the_live_reload_script_and_nothing_else_changes():
    served = directives(csp.policy(ALLOWED, "..", live_reload=True))
    built = directives(csp.policy(ALLOWED, ".."))
    assert served["script-src"] == ["'self'", "'unsafe-inline'"]
    assert {k: v for k, v in served.items() if k != "script-src"} == {k: v for k, v in built.items()
                                                                       if k != "script-src"}


def test_the_hook_uses_the_serve_policy_only_under_serve():
    import hook_csp

    try:
        hook_csp.on_startup(command="serve", dirty=False)
        assert "'unsafe-inline'" in csp.find_policy(hook_csp._apply(PAGE, "x.md", ("page", "x/")))
        hook_csp.on_startup(command="build", dirty=False)
        assert "'unsafe-inline'" not in csp.find_policy(hook_csp._apply(PAGE, "x.md", ("page", "x/")))
    finally:
        hook_csp.on_startup(command="build", dirty=False)


# --- the built site ---------------------------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def base_url_of(site_dir: Path, path: Path, site_url: str) -> str:
    """The base URL MkDocs gives a page: relative to its folder; the error page's is the site's path."""
    if path.name == "404.html" and path.parent == site_dir:
        return "/" + site_url.split("/", 3)[3]
    depth = len(path.relative_to(site_dir).parts) - 1
    return "/".join([".."] * depth) or "."


@pytest.mark.slow
def test_every_built_page_carries_the_allowlist_for_its_place(site_build):
    pages = sorted(site_build.dir.rglob("*.html"))
    assert len(pages) > 10
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site_build.dir).as_posix()
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        if len(metas) != 1:
            problems.append(f"{name}: {len(metas)} policies")
            continue
        if html.index("<meta http-equiv=") > html.find("<script"):
            problems.append(f"{name}: the policy comes after a script")
        policy = directives(metas[0])
        expected = ["'self'", *dict.fromkeys(expected_hash(s) for s in material_scripts(
            base_url_of(site_build.dir, path, site_build.site_url)))]
        if policy["script-src"] != expected:
            problems.append(f"{name}: script-src {policy['script-src']} is not Material's scripts for its place")
        inline = [body for attrs, body in SCRIPT.findall(html)
                  if "src=" not in attrs and "application/json" not in attrs and "ld+json" not in attrs]
        if not inline or any(expected_hash(s) not in policy["script-src"] for s in inline):
            problems.append(f"{name}: an inline script of the page is not allowed (Material would break)")
        missing = [d for d in FIXED if d not in metas[0].split("; ")]
        if missing or "'unsafe-inline'" in metas[0] or "'unsafe-eval'" in metas[0]:
            problems.append(f"{name}: {metas[0]}")
    assert problems == []


# --- in the browser ---------------------------------------------------------------------------------------

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def csp_errors(page) -> list[str]:
    return [*page.evaluate("window.__violations"),
            *(e for e in page.console_errors if "Content Security Policy" in e)]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "ru/", "en/", "article/", "ru/article/", "en/glossary/", "ru/briefs/",
                                  "no-such-page/"])
def test_pages_load_without_csp_violations(page, served_site, path):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(served_site.url(path), wait_until="networkidle")
    assert page.evaluate("typeof __md_get") == "function"  # Material's inline helpers ran
    assert page.locator("[data-md-component=search] input").count() == 1
    assert csp_errors(page) == []


@pytest.mark.browser
def test_search_works_under_the_policy(page, served_site):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(served_site.url("en/article/"), wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("Qatar")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert any(url.endswith("/search_index.json") for url in page.requests)
    assert any("/workers/search." in url for url in page.requests)
    assert csp_errors(page) == []


@pytest.mark.browser
def test_injected_inline_code_is_blocked(page, served_site):
    """What the translation check keeps out of docs/ would not run even if it slipped through."""
    url = served_site.url("en/article/")
    html = (served_site.dir / "en" / "article" / "index.html").read_text(encoding="utf-8")
    injected = html.replace("</body>", '<script>window.__injected = 1</script>'
                                       '<img id="bad" src="data:," onload="window.__handler = 1"></body>')
    page.add_init_script(RECORD_VIOLATIONS)
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=injected))
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("[typeof window.__injected, typeof window.__handler]") == ["undefined", "undefined"]
    assert page.evaluate("typeof __md_get") == "function"
    violations = page.evaluate("window.__violations")
    assert "script-src-elem inline" in violations and "script-src-attr inline" in violations
