"""Ticking two themes in a real browser: the page says it shows findings with any of them, offers "all of these
themes", and switching counts only the findings with both, as the database says; the page passes axe."""

from collections import Counter
from urllib.parse import parse_qs, urlsplit

from letters.models import Finding
from tests.browser.helpers import CSS, assert_no_serious_violations, screenshot, wait_for_page
from tests.browser.test_findings_search import facet_box, result_count, submit


def two_common_themes() -> tuple[str, str]:
    sets: dict[int, set[str]] = {}
    for pk, slug in Finding.objects.exclude(themes=None).values_list("pk", "themes__slug"):
        sets.setdefault(pk, set()).add(slug)
    pairs = Counter((a, b) for themes in sets.values() for a in themes for b in themes if a < b)
    return pairs.most_common(1)[0][0]


def test_two_ticked_themes_match_either_then_all_of_them(browser, live_server):
    first, second = two_common_themes()
    either = Finding.objects.filter(themes__slug__in=[first, second]).distinct().count()
    both = Finding.objects.filter(themes__slug=first).filter(themes__slug=second).count()
    assert 0 < both < either

    browser.get(live_server.url + "/findings/")
    for slug in (first, second):
        facet_box(browser, "theme", slug).click()
    submit(browser, "Apply filters", "theme=")
    assert result_count(browser) == either
    note = browser.find_element(CSS, "#theme-match-note").text
    assert "any of these themes" in note

    old_page = browser.find_element(CSS, "html")
    browser.find_element(CSS, "a#theme-match-all").click()
    wait_for_page(browser, old_page, "theme_match=all")
    assert parse_qs(urlsplit(browser.current_url).query)["theme_match"] == ["all"]
    assert result_count(browser) == both
    assert "all of these themes" in browser.find_element(CSS, "#theme-match-note").text
    assert browser.find_element(CSS, 'input[name="theme_match"][value="all"]').is_selected()
    screenshot(browser, "findings-themes-all-of")
    assert_no_serious_violations(browser)
