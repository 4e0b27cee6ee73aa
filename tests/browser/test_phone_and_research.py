"""Every page type at a desktop and a phone width (axe-core: no serious or critical violation; screenshots in
var/screenshots/), the findings filters above the results on a phone, nothing wider than a phone's screen, readable
chart labels, the search feed, the source link to Ofsted, and the admin's letter page."""

from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User

from letters.models import Inspection
from tests.browser.helpers import (
    CSS,
    assert_no_serious_violations,
    console_errors,
    fetch,
    screenshot,
    wait_for_page,
)

DESKTOP = (1280, 1000)
PHONES = {"phone": (375, 812), "phone500": (500, 900)}
PAGE_TYPES = {
    "home": "/",
    "councils": "/councils/",
    "council": "/councils/stoke-on-trent/",
    "letter": "/councils/stoke-on-trent/letters/2022-01-31/",
    "findings": "/findings/",
    "findings-filtered": "/findings/?q=domestic&council=wolverhampton",
    "letters": "/letters/",
    "theme": None,  # the first theme's page, found at run time
    "framework": None,
    "inspector": None,
    "api": "/api/",
}
ATOM = "{http://www.w3.org/2005/Atom}"


def _url(name: str) -> str:
    from letters.models import Framework, Inspector, Theme

    if PAGE_TYPES[name]:
        return PAGE_TYPES[name]
    model = {"theme": Theme, "framework": Framework, "inspector": Inspector}[name]
    return model.objects.order_by("pk").first().get_absolute_url()


@pytest.fixture
def sized(browser):
    """The browser, put back to the desktop size after the test."""
    yield browser
    browser.set_window_size(*DESKTOP)


def _page_width(driver) -> tuple[int, int]:
    return driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_passes_axe_at_desktop_and_phone_widths(sized, live_server, name, width):
    sized.set_window_size(*(DESKTOP if width == "desktop" else PHONES["phone"]))
    url = live_server.url + _url(name)
    sized.get(url)
    assert not console_errors(sized)
    screenshot(sized, f"{name}-{width}")
    assert_no_serious_violations(sized)
    if width == "phone":
        scroll_width, inner = _page_width(sized)
        assert scroll_width <= inner, f"{url} is {scroll_width}px wide on a {inner}px screen"


def test_on_a_phone_the_findings_filters_are_folded_above_the_results(sized, live_server):
    sized.set_window_size(*PHONES["phone500"])
    sized.get(live_server.url + "/findings/")
    first_hit = sized.find_element(CSS, "ol.hits li.hit")
    summary = sized.find_element(CSS, "label.filters-summary[for=show-filters]")
    assert summary.is_displayed() and not sized.find_element(CSS, "#show-filters").is_selected()
    assert summary.location["y"] < first_hit.location["y"] < 1200, "the results should follow the folded filters"
    council = sized.find_element(CSS, 'fieldset.facet[data-facet="council"]')
    assert not council.is_displayed()
    screenshot(sized, "findings-phone-filters-folded")
    summary.click()
    assert council.is_displayed() and council.location["y"] < first_hit.location["y"]
    box = council.find_element(CSS, "input[type=checkbox]")
    box.click()  # the filters can be used once shown
    assert box.is_selected()
    screenshot(sized, "findings-phone-filters-open")
    assert_no_serious_violations(sized)


def test_on_a_desktop_the_findings_filters_are_open_beside_the_results(sized, live_server):
    sized.set_window_size(*DESKTOP)
    sized.get(live_server.url + "/findings/")
    council = sized.find_element(CSS, 'fieldset.facet[data-facet="council"]')
    first_hit = sized.find_element(CSS, "ol.hits li.hit")
    assert council.is_displayed(), "the filters should be shown on a wide screen"
    assert council.location["x"] > first_hit.location["x"] + first_hit.size["width"]
    assert not sized.find_element(CSS, "label.filters-summary").is_displayed()


def test_chart_labels_are_readable_on_a_phone(sized, live_server):
    sized.set_window_size(*PHONES["phone"])
    for path in ("/", "/councils/stoke-on-trent/"):
        sized.get(live_server.url + path)
        heights = sized.execute_script(
            "return [...document.querySelectorAll('svg.chart text')].map(t => t.getBoundingClientRect().height)"
        )
        assert heights, f"no chart labels on {path}"
        assert min(heights) >= 11, f"chart labels {min(heights):.1f}px tall on {path} at 375px"


def test_the_search_feed_says_what_it_follows(browser, live_server):
    browser.get(live_server.url + "/findings/?q=domestic&council=wolverhampton")
    feed_url = browser.find_element(CSS, 'link[rel="alternate"][href*="/feeds/findings/search/"]').get_attribute("href")
    fetched = fetch(feed_url)
    assert fetched.status == 200 and fetched.content_type.startswith("application/atom+xml")
    feed = ElementTree.fromstring(fetched.body)
    assert "“domestic”" in feed.find(f"{ATOM}title").text
    self_link = next(link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert "q=domestic" in self_link and "council=wolverhampton" in self_link
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all("domestic" in e.find(f"{ATOM}summary").text.lower() for e in entries)


def test_a_letter_links_to_its_source_on_ofsteds_site_and_offers_a_citation(browser, live_server):
    letter = Inspection.objects.get(authority__slug="stoke-on-trent", letter_date="2022-01-31")
    Inspection.objects.filter(pk=letter.pk).update(urn="80573")
    browser.get(live_server.url + letter.get_absolute_url())
    link = browser.find_element(CSS, 'a[href="https://reports.ofsted.gov.uk/provider/44/80573"]')
    assert link.is_displayed()
    cite = browser.find_element(CSS, "details.cite summary")
    cite.click()
    citation = browser.find_element(CSS, "p.citation")
    assert citation.is_displayed() and letter.authority.name in citation.text and "#finding-" in citation.text
    screenshot(browser, "letter-source-and-citation")


def test_the_admin_letter_page_is_compact_with_the_raw_text_beside_the_findings(browser, live_server):
    User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password-1")
    letter = max(Inspection.objects.all(), key=lambda i: i.findings.count())
    path = f"/admin/letters/inspection/{letter.pk}/change/"
    browser.get(f"{live_server.url}/admin/login/?next={path}")
    browser.find_element(CSS, "#id_username").send_keys("admin")
    browser.find_element(CSS, "#id_password").send_keys("a-long-test-password-1")
    page = browser.find_element(CSS, "html")
    browser.find_element(CSS, "input[type=submit]").click()
    wait_for_page(browser, page, url_contains=path)
    findings = browser.find_element(CSS, ".curation-parsed")
    raw = browser.find_element(CSS, ".curation-raw")
    assert raw.location["x"] >= findings.location["x"] + findings.size["width"] - 1, "the raw text is not beside"
    screenshot(browser, "admin-letter-change")
    # The issue measured ~11,900 px for a letter's page, a checkbox per theme under each of its findings (~400 px a
    # finding); a finding is now one row of the table.
    height = browser.execute_script("return document.querySelector('#findings-group').getBoundingClientRect().height")
    per_finding = height / max(letter.findings.count(), 1)
    assert per_finding < 150, f"{height}px for {letter.findings.count()} findings"
    assert browser.find_elements(CSS, "select[name$=theme_choice][multiple]")
    assert_no_serious_violations(browser)
