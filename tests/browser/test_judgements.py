"""A council's judgement timeline and statistical neighbours, and the comparison page, in a real browser: they
render, their charts are accessible images, their links work, and axe-core finds nothing serious or critical."""

from tests.browser.helpers import CSS, assert_no_serious_violations, console_errors, fetch, screenshot


def test_council_page_shows_the_timeline_and_neighbours(browser, live_server):
    browser.get(live_server.url + "/councils/stoke-on-trent/")
    chart = browser.find_element(CSS, "section.judgement-timeline svg[role='img']")
    labelled = chart.get_attribute("aria-labelledby").split()
    assert browser.find_element(CSS, f"#{labelled[0]}").get_attribute("textContent").startswith("Stoke-on-Trent")
    assert "Inadequate (stated in a letter)" in browser.find_element(CSS, f"#{labelled[1]}").get_attribute(
        "textContent"
    )
    assert chart.find_elements(CSS, "path.point-letter")  # the stated grade drawn as a hollow diamond
    table = browser.find_element(CSS, "section.judgement-timeline table").text
    assert "March 2019" in table and "Inadequate" in table and "stated in a letter" in table

    neighbours = browser.find_elements(CSS, "section.neighbours tbody tr")
    assert len(neighbours) == 10
    compare_link = browser.find_element(CSS, "section.neighbours a[href^='/findings/?council=stoke-on-trent']")
    assert compare_link.text == "Compare with its statistical neighbours"
    assert not console_errors(browser)
    screenshot(browser, "council-judgements")
    assert_no_serious_violations(browser)

    compare_link.click()
    ticked = browser.find_elements(CSS, "input[name='council']:checked")
    assert len(ticked) == 11  # the council and its ten neighbours


def test_compare_page_shows_timelines_side_by_side_and_rates_with_links(browser, live_server):
    url = live_server.url + "/compare/?council=stoke-on-trent&council=wolverhampton"
    assert fetch(url).status == 200
    browser.get(url)
    charts = browser.find_elements(CSS, ".compare-timelines svg[role='img']")
    assert len(charts) == 2
    cells = browser.find_elements(CSS, "table.compare-rates tbody td a")
    assert cells and all("/findings/?council=" in a.get_attribute("href") for a in cells)
    assert not console_errors(browser)
    screenshot(browser, "compare")
    assert_no_serious_violations(browser)
    cells[0].click()
    assert browser.find_elements(CSS, "input[name='theme']:checked")


def test_a_wrong_comparison_says_what_to_do(browser, live_server):
    url = live_server.url + "/compare/?council=stoke-on-trent"
    assert fetch(url).status == 400
    browser.get(url)
    assert "Choose between 2 and 11" in browser.find_element(CSS, "main").text
    assert_no_serious_violations(browser)
