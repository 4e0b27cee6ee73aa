"""The archive's main pages in a real browser: they load, pass axe-core's WCAG A/AA rules, and the keyboard works."""

import pytest

from tests.browser.helpers import (
    CSS,
    ENTER,
    TAB,
    assert_no_serious_violations,
    console_errors,
    fetch,
    press,
    screenshot,
)

PAGES = {
    "home": "/",
    "council": "/councils/stoke-on-trent/",
    "letter": "/councils/stoke-on-trent/letters/2022-01-31/",
}

_STYLESHEETS_LOADED = """
const linked = [...document.styleSheets].filter(sheet => sheet.href);
return linked.length > 0 && linked.every(sheet => sheet.cssRules.length > 0);
"""


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_and_passes_axe(browser, live_server, name):
    url = live_server.url + PAGES[name]
    assert fetch(url).status == 200, f"{url} is not a 200"
    browser.get(url)
    assert "Ofsted Letters Archive" in browser.title
    assert browser.find_element(CSS, "main#main h1").text.strip()
    # The stylesheet loaded (axe's colour-contrast rule is only meaningful with it).
    assert browser.execute_script(_STYLESHEETS_LOADED), "the page's stylesheet did not load"
    assert not console_errors(browser)
    screenshot(browser, name)
    assert_no_serious_violations(browser)


@pytest.mark.parametrize("name", PAGES)
def test_first_tab_focuses_the_skip_link_which_moves_focus_to_main(browser, live_server, name):
    browser.get(live_server.url + PAGES[name])
    press(browser, TAB)
    focused = browser.switch_to.active_element
    assert focused.tag_name == "a" and focused.text.strip() == "Skip to main content"
    assert focused.get_attribute("href").endswith("#main")
    # Visible when focused (it sits off-screen otherwise).
    rect = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", focused)
    assert rect["left"] >= 0 and rect["top"] >= 0 and rect["width"] > 0, rect
    if name == "home":
        screenshot(browser, "home-skip-link-focused")
    press(browser, ENTER)
    assert browser.execute_script("return document.activeElement.id") == "main"
