"""Material's bundle at the reader's first action (bundle-on-demand.js; issue 15, Lighthouse's Total Blocking
Time). A page nobody has touched runs none of it, yet shows what it shows once it runs: the search field and
button, the reader's colour scheme and the colour toggle, for a first and a returning reader. The first
action of any kind (a touch, a scroll, a key, a pointer) mounts it without moving the header or widening a
phone's page; what the reader did while it loaded is handed on (a shortcut, the colour toggle, the search
button); a bundle that cannot be loaded leaves the layout for readers without JavaScript."""
from __future__ import annotations

import pytest

from sitepages import PHONE, WIDTHS, prefix, watch

DESKTOP = dict(viewport={"width": 1280, "height": 800})
STATE = "() => [document.documentElement.classList.contains('no-js'), document.documentElement.getAttribute('data-bundle')]"
MOUNTED = """() => !document.documentElement.hasAttribute('data-bundle')
  && document.documentElement.classList.contains('js') && !document.documentElement.classList.contains('no-js')"""
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-md-component=palette] label:not([hidden])"
SEARCH_BUTTON = "label.md-header__button[for=__search]"
SEARCH_FIELD = "input[data-md-component=search-query]"
SEARCH_FOCUSED = f"() => document.activeElement?.matches({SEARCH_FIELD!r}) === true"
HEADER = """() => [...document.querySelectorAll('.md-header__inner > *')].filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect(); return [el.className, Math.round(r.x), Math.round(r.width)]; })"""


def open_page(context, served_site, lang: str = "kk", path: str = "article/"):
    page = watch(context.new_page())
    page.goto(served_site.url(prefix(lang) + path), wait_until="networkidle")
    page.wait_for_timeout(300)
    return page


@pytest.fixture
def new_context(browser):
    contexts = []

    def make(**args):
        contexts.append(browser.new_context(locale="en-US", **args))
        return contexts[-1]
    yield make
    for context in contexts:
        context.close()


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
@pytest.mark.parametrize("lang, scheme", [("kk", "light"), ("ru", "dark"), ("en", "light"), ("ar", "dark")])
def test_an_untouched_page_runs_no_bundle_yet_shows_search_the_scheme_and_its_toggle(new_context, served_site,
                                                                                      lang, scheme):
    page = open_page(new_context(color_scheme=scheme, **PHONE), served_site, lang)
    assert page.evaluate(STATE) == [True, "pending"]
    assert page.evaluate("() => typeof window.document$") == "undefined"  # Material's bundle has not run
    assert page.evaluate(SCHEME) == {"light": "default", "dark": "slate"}[scheme]
    assert page.is_visible(SEARCH_BUTTON)
    assert page.locator(TOGGLE).count() == 1 and page.is_visible(TOGGLE)
    assert page.evaluate(WIDTHS) == [412, 412, 412]
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("action, lang", [("touch", "ar"), ("scroll", "kk"), ("key", "ru"), ("pointer", "en")])
def test_the_first_action_mounts_material_without_moving_the_header(new_context, served_site, action, lang):
    device, act = ACTIONS[action]
    page = open_page(new_context(**device), served_site, lang)
    header = page.evaluate(HEADER)
    assert page.evaluate(STATE) == [True, "pending"]
    act(page)
    page.wait_for_function(MOUNTED, timeout=10_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    assert page.evaluate(HEADER) == header
    # Material is there: its colour toggle switches the scheme, and back
    before = page.evaluate(SCHEME)
    page.click(TOGGLE)
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    page.click(TOGGLE)
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === {before!r}")
    if device is PHONE:
        assert page.evaluate(WIDTHS) == [412, 412, 412]
    assert page.console_errors == []


@pytest.mark.browser
def test_a_returning_reader_sees_the_scheme_they_chose_and_its_toggle_before_acting(new_context, served_site):
    context = new_context(color_scheme="light", **DESKTOP)
    page = open_page(context, served_site)
    page.click(TOGGLE)  # the first action, handed on: the reader chooses the dark scheme
    page.wait_for_function(MOUNTED, timeout=10_000)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    toggle = page.get_attribute(TOGGLE, "for")
    again = open_page(context, served_site, "kk", "glossary/")
    assert again.evaluate(STATE) == [True, "pending"]
    assert again.evaluate(SCHEME) == "slate"
    assert again.locator(TOGGLE).count() == 1 and again.get_attribute(TOGGLE, "for") == toggle
    assert page.console_errors == [] and again.console_errors == []


@pytest.mark.browser
def test_the_search_button_tapped_first_opens_search_with_the_field_focused(new_context, served_site):
    page = open_page(new_context(**PHONE), served_site, "ar")
    page.tap(SEARCH_BUTTON)
    page.wait_for_function(MOUNTED, timeout=10_000)
    page.wait_for_function(SEARCH_FOCUSED)
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.console_errors == []


@pytest.mark.browser
def test_a_search_shortcut_pressed_first_opens_search(new_context, served_site):
    page = open_page(new_context(**DESKTOP), served_site, "ru")
    page.keyboard.press("s")
    page.wait_for_function(MOUNTED, timeout=10_000)
    page.wait_for_function(SEARCH_FOCUSED)
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.input_value(SEARCH_FIELD) == ""  # the key opened search; it was not typed into it
    assert page.console_errors == []


@pytest.mark.browser
def test_a_bundle_that_cannot_be_loaded_leaves_the_layout_without_javascript(new_context, served_site):
    context = new_context(**PHONE)
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page = open_page(context, served_site, "en")
    assert page.is_visible(SEARCH_BUTTON)
    page.mouse.wheel(0, 300)
    page.wait_for_function("() => document.documentElement.getAttribute('data-bundle') === 'failed'")
    assert page.evaluate(STATE) == [True, "failed"]
    assert not page.is_visible(SEARCH_BUTTON)  # a button that would do nothing is not shown


@pytest.mark.browser
def test_without_javascript_the_search_stays_hidden(new_context, served_site):
    for device in (PHONE, DESKTOP):
        page = open_page(new_context(java_script_enabled=False, **device), served_site, "kk")
        assert not page.is_visible(SEARCH_BUTTON)
        assert not page.is_visible(".md-search")
