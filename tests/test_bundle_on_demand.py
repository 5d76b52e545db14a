"""Material's bundle at the reader's first action (bundle-on-demand.js; issue 15, Lighthouse's Total Blocking
Time): a page nobody has touched runs none of it, yet shows what it will show once it runs (the search field
and button, the reader's colour scheme); the first action of any kind (a touch, a scroll, a key, a pointer)
mounts it, without widening a phone's page; a keyboard shortcut works from its first press."""
from __future__ import annotations

import pytest

from sitepages import LANGS, prefix

PHONE = dict(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True, device_scale_factor=1.75)
DESKTOP = dict(viewport={"width": 1280, "height": 800})
STATE = "() => [document.documentElement.className, document.documentElement.getAttribute('data-bundle')]"
MOUNTED = """() => !document.documentElement.hasAttribute('data-bundle')
  && document.documentElement.classList.contains('js') && !document.documentElement.classList.contains('no-js')"""
WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
SEARCH_BUTTON = "label.md-header__button[for=__search]"
SEARCH_INPUT = "input[data-md-component=search-query]"


def open_page(browser, served_site, lang: str, **context_args):
    context = browser.new_context(locale="en-US", **context_args)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.goto(served_site.url(prefix(lang) + "article/"), wait_until="networkidle")
    page.wait_for_timeout(300)
    return context, page


def tap_heading(page):
    box = page.locator("article h1").first.bounding_box()
    page.touchscreen.tap(box["x"] + 5, box["y"] + box["height"] / 2)


ACTIONS = {
    "touch": (PHONE, tap_heading),
    "scroll": (PHONE, lambda page: page.mouse.wheel(0, 600)),
    "key": (DESKTOP, lambda page: page.keyboard.press("Tab")),
    "pointer": (DESKTOP, lambda page: page.mouse.move(400, 300)),
}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_untouched_page_runs_no_bundle_yet_shows_search_and_the_readers_scheme(browser, served_site, lang, scheme):
    context, page = open_page(browser, served_site, lang, color_scheme=scheme, **PHONE)
    try:
        assert page.evaluate(STATE) == ["no-js", "pending"]
        assert page.evaluate("() => typeof window.document$") == "undefined"  # Material's bundle has not run
        assert page.evaluate(SCHEME) == {"light": "default", "dark": "slate"}[scheme]
        assert page.is_visible(SEARCH_BUTTON)
        assert page.evaluate(WIDTHS) == [412, 412, 412]
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("lang", ["kk", "ar"])
def test_the_first_action_mounts_material(browser, served_site, lang, action):
    device, act = ACTIONS[action]
    context, page = open_page(browser, served_site, lang, **device)
    try:
        assert page.evaluate(STATE) == ["no-js", "pending"]
        act(page)
        page.wait_for_function(MOUNTED, timeout=10_000)
        # Material is there: its colour toggle switches the scheme, and back
        before = page.evaluate(SCHEME)
        page.click("form[data-md-component=palette] label:not([hidden])")
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
        page.click("form[data-md-component=palette] label:not([hidden])")
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === {before!r}")
        if device is PHONE:
            assert page.evaluate(WIDTHS) == [412, 412, 412]
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("key", ["s", "/"])
def test_a_search_shortcut_pressed_first_opens_search(browser, served_site, key):
    context, page = open_page(browser, served_site, "kk", **DESKTOP)
    try:
        page.keyboard.press(key)
        page.wait_for_function(MOUNTED, timeout=10_000)
        page.wait_for_function(f"() => document.activeElement?.matches({SEARCH_INPUT!r}) === true")
        assert page.evaluate("() => document.getElementById('__search').checked")
        assert page.errors == []
    finally:
        context.close()
