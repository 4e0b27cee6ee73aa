"""Ticking several themes: by default a finding with any of them matches (and the page says so); with
theme_match=all only findings with every ticked theme do, and the theme facet then counts what ticking one more
theme would leave. Counted in the one statement and by the FilterSet alike, on SQLite and PostgreSQL."""

from collections import Counter

import pytest
from django.http import QueryDict

from letters.browse.search_page import filtered_findings, search_findings
from letters.models import Finding

pytestmark = pytest.mark.django_db


def theme_sets() -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for pk, slug in Finding.objects.values_list("pk", "themes__slug"):
        found.setdefault(pk, set())
        if slug:
            found[pk].add(slug)
    return found


def two_common_themes(sets) -> tuple[str, str]:
    pairs = Counter((a, b) for themes in sets.values() for a in themes for b in themes if a < b)
    (first, second), _ = pairs.most_common(1)[0]
    return first, second


def test_all_of_the_ticked_themes_keeps_only_findings_with_each_of_them(archive):
    sets = theme_sets()
    first, second = two_common_themes(sets)
    both = {pk for pk, themes in sets.items() if {first, second} <= themes}
    either = {pk for pk, themes in sets.items() if themes & {first, second}}
    assert 0 < len(both) < len(either)
    any_data = QueryDict(f"theme={first}&theme={second}")
    all_data = QueryDict(f"theme={first}&theme={second}&theme_match=all")
    assert set(filtered_findings(any_data).values_list("pk", flat=True)) == either
    assert set(filtered_findings(all_data).values_list("pk", flat=True)) == both
    results = search_findings(all_data, "/findings/")
    assert results.total == len(both)
    assert {row.pk for row in results.page} <= both


def test_with_all_of_them_the_theme_facet_counts_what_ticking_one_more_would_leave(archive):
    sets = theme_sets()
    first, second = two_common_themes(sets)
    results = search_findings(QueryDict(f"theme={first}&theme={second}&theme_match=all"), "/findings/")
    theme_facet = next(facet for facet in results.facets if facet.param == "theme")
    counts = {option.value: option.count for option in theme_facet.options}
    for slug, count in counts.items():
        assert count == sum(1 for themes in sets.values() if {first, second, slug} <= themes), slug
    assert counts[first] == counts[second] == results.total
    assert theme_facet.mode.value == "all"


def test_with_all_of_them_and_words_the_counts_still_agree_with_the_filterset(archive):
    sets = theme_sets()
    first, second = two_common_themes(sets)
    data = QueryDict(f"theme={first}&theme={second}&theme_match=all&q=children")
    results = search_findings(data, "/findings/")
    assert results.total == filtered_findings(data).count()
    sections = next(facet for facet in results.facets if facet.param == "section")
    assert sum(option.count for option in sections.options) == results.total


def test_the_page_says_two_ticked_themes_match_either_and_offers_all_of_them(client, archive):
    first, second = two_common_themes(theme_sets())
    html = client.get("/findings/", {"theme": [first, second]}).content.decode()
    assert "Showing findings with <strong>any of these themes</strong>" in html
    assert 'id="theme-match-all"' in html and "theme_match=all" in html
    html = client.get("/findings/", {"theme": [first, second], "theme_match": "all"}).content.decode()
    assert "Showing findings with <strong>all of these themes</strong>" in html
    assert 'id="theme-match-any"' in html
    assert 'name="theme_match" value="all" checked' in html


def test_one_ticked_theme_needs_no_note(client, archive):
    first, _ = two_common_themes(theme_sets())
    html = client.get("/findings/", {"theme": first}).content.decode()
    assert "theme-match-note" not in html
