"""The Content-Security-Policy every page carries (scripts/sitekit/csp.py, scripts/hook_csp.py).

Unit tests on small HTML strings; then the built site (every page has the policy, before any script, with
exactly the hashes of its own inline scripts); then the browser (Material works under the policy, search
included, and an injected inline script or handler is blocked).
"""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from sitekit import csp

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


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in policy.split("; "))}


def expected_hash(text: str) -> str:
    """Computed here independently of sitekit.csp, as a browser does."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- the library ------------------------------------------------------------------------------------------

def test_hash_of_a_known_script():
    # The example of the CSP specification's users: alert('Hello, world.');
    assert csp.sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_executable_inline_scripts_are_hashed():
    code = csp.inline_code(PAGE)
    assert code.scripts == ('__md_scope=new URL("..",location)', 'import "./x.js"')
    assert code.style_attributes == ("text-align: center;",)


def test_the_policy_of_a_page():
    policy = csp.find_policy(csp.apply(PAGE))
    scope, module = expected_hash('__md_scope=new URL("..",location)'), expected_hash('import "./x.js"')
    assert policy == (
        "default-src 'self'; "
        f"script-src 'self' {scope} {module}; "
        f"style-src 'self' 'unsafe-hashes' {expected_hash('text-align: center;')}; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def test_without_inline_styles_there_is_no_style_exception():
    policy = directives(csp.policy(csp.inline_code("<p>text</p>")))
    assert policy["style-src"] == ["'self'"] and policy["script-src"] == ["'self'"]


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
    served = directives(csp.policy(csp.inline_code(PAGE), live_reload=True))
    built = directives(csp.policy(csp.inline_code(PAGE)))
    assert served["script-src"] == ["'self'", "'unsafe-inline'"]
    assert {k: v for k, v in served.items() if k != "script-src"} == {k: v for k, v in built.items()
                                                                       if k != "script-src"}


def test_the_hook_uses_the_serve_policy_only_under_serve():
    import hook_csp

    try:
        hook_csp.on_startup(command="serve", dirty=False)
        assert "'unsafe-inline'" in csp.find_policy(hook_csp._apply(PAGE, "x.md"))
        hook_csp.on_startup(command="build", dirty=False)
        assert "'unsafe-inline'" not in csp.find_policy(hook_csp._apply(PAGE, "x.md"))
    finally:
        hook_csp.on_startup(command="build", dirty=False)


# --- the built site ---------------------------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


@pytest.mark.slow
def test_every_built_page_carries_the_policy_with_its_own_hashes(site_build):
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
        inline = [body for attrs, body in SCRIPT.findall(html)
                  if "src=" not in attrs and "application/json" not in attrs and "ld+json" not in attrs]
        if policy["script-src"] != ["'self'", *dict.fromkeys(expected_hash(s) for s in inline)]:
            problems.append(f"{name}: script-src {policy['script-src']} does not match its inline scripts")
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
