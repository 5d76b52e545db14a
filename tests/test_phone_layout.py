"""The article page on a phone (Lighthouse's mobile screen, 412 × 823 CSS px): never wider than the screen,
with or without JavaScript. A page wider than the screen is zoomed out by the phone, and when the width
changes as the scripts run, everything on it shifts (an Arabic page, laid out from the right, sideways:
Lighthouse's layout shift, issue 15)."""
from __future__ import annotations

import pytest

from sitepages import LANGS, prefix

PHONE = dict(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True, device_scale_factor=1.75)
WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]"


@pytest.mark.browser
@pytest.mark.parametrize("scripts", [False, True], ids=["without-js", "with-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_article_fits_a_phone_screen(browser, served_site, lang, scripts):
    context = browser.new_context(java_script_enabled=scripts, **PHONE)
    try:
        page = context.new_page()
        page.goto(served_site.url(prefix(lang) + "article/"), wait_until="load")
        page.wait_for_timeout(300)
        assert page.evaluate(WIDTHS) == [412, 412, 412]
    finally:
        context.close()
