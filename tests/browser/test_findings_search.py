"""The findings search page (/findings/) in a real browser, written to its HTML contract:

- `<form id="search-form" method="get" action="/findings/">` with `<input type="search" name="q" id="q">`, a submit
  button "Search" and, in the same form, a submit button "Apply filters";
- facets `<fieldset class="facet" data-facet="council|year|framework|visit_type|section|theme|region">`, each option
  a checkbox `name="<facet>" value="<slug>"` labelled with its text and a `<span class="facet-count">N</span>`;
- hits `<ol class="hits"><li class="hit">` with `<a class="hit-link" href="/councils/…/letters/…#finding-N">`, the
  matched words in `<mark>`; the total in `<p id="result-count">N findings</p>`;
- exports `<a id="export-csv">` and `<a id="export-json">` for the current search and filters.
"""

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

from letters.models import Finding
from tests.browser.helpers import (
    CSS,
    TAB,
    XPATH,
    assert_no_serious_violations,
    console_errors,
    fetch,
    press,
    screenshot,
    wait_for,
    wait_for_page,
)

FACETS = ["council", "year", "framework", "visit_type", "section", "theme", "region"]
COUNCILS = ["stoke-on-trent", "wolverhampton"]
# The CSV columns this test (and anyone re-using an export) relies on; the export may carry more.
CSV_COLUMNS = {"letter_date", "council", "council_slug", "section", "text", "letter_url"}
HIT_HREF = re.compile(r"^/councils/(?P<council>[a-z0-9-]+)/letters/[^/]+/$")


def submit_button(label: str) -> str:
    """XPath of the search form's submit button with this text (a <button> or an <input type=submit>)."""
    return (
        f"//form[@id='search-form']//*[(self::button and normalize-space()='{label}') or "
        f"(self::input and @type='submit' and @value='{label}')]"
    )


def result_count(driver) -> int:
    text = driver.find_element(CSS, "#result-count").text.strip()
    match = re.fullmatch(r"([\d,]+) findings?", text)
    assert match, f"#result-count should read 'N findings', not {text!r}"
    return int(match.group(1).replace(",", ""))


def facet_counts(driver) -> dict[tuple[str, str], int]:
    """{(facet, value): count} for every facet option on the page, read from its label's .facet-count."""
    counts = driver.execute_script(
        """
        const counts = {};
        for (const box of document.querySelectorAll('fieldset.facet input[type=checkbox]')) {
          const label = box.closest('label') || (box.labels && box.labels[0]);
          const span = label && label.querySelector('.facet-count');
          counts[box.name + '=' + box.value] = span ? span.textContent.trim() : null;
        }
        return counts;
        """
    )
    assert counts, "no facet options on the page"
    unlabelled = [key for key, count in counts.items() if count is None]
    assert not unlabelled, f"facet options without a labelled .facet-count: {unlabelled}"
    return {tuple(key.split("=", 1)): int(count.replace(",", "")) for key, count in counts.items()}


def facet_box(driver, facet: str, value: str):
    return driver.find_element(
        CSS, f'fieldset.facet[data-facet="{facet}"] input[type="checkbox"][name="{facet}"][value="{value}"]'
    )


def submit(driver, label: str, url_contains: str) -> None:
    old_page = driver.find_element(CSS, "html")
    driver.find_element(XPATH, submit_button(label)).click()
    wait_for_page(driver, old_page, url_contains)


def test_findings_page_passes_axe_and_keyboard_check(browser, live_server):
    url = live_server.url + "/findings/"
    assert fetch(url).status == 200
    browser.get(url)
    assert not console_errors(browser)
    for facet in FACETS:
        assert browser.find_elements(CSS, f'fieldset.facet[data-facet="{facet}"]'), f"no {facet} facet"
    screenshot(browser, "findings")
    assert_no_serious_violations(browser)
    press(browser, TAB)
    assert browser.switch_to.active_element.text.strip() == "Skip to main content"

    query = "&".join(["q=domestic"] + [f"council={slug}" for slug in COUNCILS])
    browser.get(f"{url}?{query}")
    assert browser.find_elements(CSS, "ol.hits li.hit mark")
    screenshot(browser, "findings-filtered")
    assert_no_serious_violations(browser)


def test_search_filter_open_a_hit_and_export(browser, live_server):
    browser.get(live_server.url + "/findings/")
    form = browser.find_element(CSS, "form#search-form")
    assert form.get_attribute("method").lower() == "get"
    assert urlsplit(form.get_attribute("action")).path == "/findings/"
    unfiltered = result_count(browser)
    assert unfiltered == Finding.objects.count(), "the unfiltered page should count every finding"

    # 1. A word search: fewer findings, the word highlighted.
    box = browser.find_element(CSS, 'input#q[type="search"][name="q"]')
    box.clear()
    box.send_keys("domestic")
    submit(browser, "Search", "q=domestic")
    searched = result_count(browser)
    assert 0 < searched < unfiltered
    assert browser.find_elements(CSS, "ol.hits li.hit")
    marks = [m.text.lower() for m in browser.find_elements(CSS, "ol.hits li.hit mark")]
    assert any("domestic" in m for m in marks), f"no highlighted 'domestic' in the hits: {marks}"
    screenshot(browser, "findings-search-domestic")

    # 2. Two council facets, applied together with the search.
    before = facet_counts(browser)
    for slug in COUNCILS:
        assert ("council", slug) in before, f"no council facet option {slug}"
        option = facet_box(browser, "council", slug)
        assert not option.is_selected()
        option.click()
    submit(browser, "Apply filters", "council=")
    params = parse_qs(urlsplit(browser.current_url).query)
    assert sorted(params.get("council", [])) == COUNCILS and params.get("q") == ["domestic"], browser.current_url
    filtered = result_count(browser)
    assert 0 < filtered < searched
    assert facet_counts(browser) != before, "the facet counts did not change with the filters"
    for slug in COUNCILS:
        assert facet_box(browser, "council", slug).is_selected(), f"{slug} is not ticked after applying"
    hrefs = [a.get_attribute("href") for a in browser.find_elements(CSS, "ol.hits li.hit a.hit-link")]
    assert hrefs, "no a.hit-link in the hits"
    for href in hrefs:
        parts = urlsplit(href)
        match = HIT_HREF.match(parts.path)
        assert match and re.fullmatch(r"finding-\d+", parts.fragment), f"unexpected hit link {href}"
        assert match["council"] in COUNCILS, f"hit {href} is outside the chosen councils"
    screenshot(browser, "findings-two-councils")
    filtered_url = browser.current_url

    # 3. The first hit opens its letter at the finding.
    first = urlsplit(hrefs[0])
    old_page = browser.find_element(CSS, "html")
    browser.find_element(CSS, "ol.hits li.hit a.hit-link").click()
    wait_for_page(browser, old_page, first.path)
    assert browser.find_element(CSS, "main#main h1").text.strip()
    assert browser.execute_script("return location.hash") == f"#{first.fragment}"
    assert browser.find_elements(CSS, f"#{first.fragment}"), f"the letter page has no #{first.fragment}"

    # 4. Back on the results, the CSV export holds exactly the findings counted.
    browser.back()
    wait_for(browser, lambda d: d.current_url == filtered_url and d.find_elements(CSS, "#export-csv"), "back")
    assert result_count(browser) == filtered
    export = fetch(browser.find_element(CSS, "a#export-csv").get_attribute("href"))
    assert export.status == 200 and export.content_type.startswith("text/csv"), (export.status, export.content_type)
    rows = list(csv.reader(io.StringIO(export.body.decode("utf-8-sig"))))
    header, data = rows[0], rows[1:]
    assert CSV_COLUMNS <= set(header), f"CSV header {header} lacks {CSV_COLUMNS - set(header)}"
    assert len(data) == filtered, f"CSV has {len(data)} rows, the page counts {filtered}"
    records = [dict(zip(header, row, strict=True)) for row in data]
    assert {r["council_slug"] for r in records} <= set(COUNCILS)
    assert all("domestic" in r["text"].lower() for r in records)
    assert all(urlsplit(r["letter_url"]).path.startswith("/councils/") for r in records)

    as_json = fetch(browser.find_element(CSS, "a#export-json").get_attribute("href"))
    assert as_json.status == 200 and "json" in as_json.content_type
    payload = json.loads(as_json.body)
    if isinstance(payload, list):
        assert len(payload) == filtered
