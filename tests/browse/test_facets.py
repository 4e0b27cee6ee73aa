"""Facets: disjunctive within a facet and conjunctive across, the same counts from the count tables as from the
one statement, the filters the registry declares meaning the same in the ORM (FilterSets) and in SQL, and the rows
the templates loop over."""

import pytest
from django.http import QueryDict

from letters.browse import statement
from letters.browse.counting import count_facets
from letters.browse.facet_rows import Labels, facet_rows, toggle_url
from letters.browse.registry import FACETS, FINDING_FACETS, LETTER_FACETS
from letters.browse.search_page import filtered_findings, filtered_letters, search_findings
from letters.browse.selection import selection_from
from letters.filters import FindingFilter, LetterFilter
from letters.models import Finding, Inspection
from letters.services.count_tables import counts_are_current, rebuild_facet_counts

pytestmark = pytest.mark.django_db


def test_facets_are_disjunctive_within_a_facet_and_conjunctive_across(archive):
    data = QueryDict(mutable=True)
    data.setlist("council", ["stoke-on-trent"])
    results = search_findings(data, "/findings/")
    councils = {o.value: o for o in next(f for f in results.facets if f.param == "council").options}
    # Counted as if the council filter were off: every council keeps its full count and Stoke is ticked.
    assert councils["wolverhampton"].count == Finding.objects.filter(authority__slug="wolverhampton").count()
    assert councils["stoke-on-trent"].selected
    sections = {o.value: o.count for o in next(f for f in results.facets if f.param == "section").options}
    assert sections == {
        s: Finding.objects.filter(authority__slug="stoke-on-trent", section=s).count()
        for s in Finding.objects.filter(authority__slug="stoke-on-trent").values_list("section", flat=True)
    }
    assert results.total == Finding.objects.filter(authority__slug="stoke-on-trent").count()
    toggle = councils["wolverhampton"].toggle_url
    assert "council=stoke-on-trent" in toggle and "council=wolverhampton" in toggle


def test_two_councils_and_a_theme_combine(archive):
    data = QueryDict("council=stoke-on-trent&council=wolverhampton&theme=domestic-abuse&q=domestic")
    expected = (
        Finding.objects.filter(
            authority__slug__in=["stoke-on-trent", "wolverhampton"],
            themes__slug="domestic-abuse",
            text__icontains="domestic",
        )
        .distinct()
        .count()
    )
    assert filtered_findings(data).count() == expected > 0


QUERIES = [
    "",
    "council=stoke-on-trent&council=wolverhampton",
    "theme=domestic-abuse",
    "theme=domestic-abuse&council=stoke-on-trent&section=area_for_development",
    "year_from=2010&year_to=2010&framework=cra",
    "region=West+Midlands&visit_type=unannounced+inspection",
]


@pytest.mark.parametrize("query", QUERIES)
def test_count_tables_give_the_same_facets_as_counting_the_findings(archive, query):
    rebuild_facet_counts()
    assert counts_are_current()
    data = QueryDict(query)
    selection = selection_from(FindingFilter(data).form, "")
    live = count_facets(Finding.objects.all(), selection, FINDING_FACETS, tables_current=False)
    tables = count_facets(Finding.objects.all(), selection, FINDING_FACETS, tables_current=True)
    assert tables == live and any(live.values())
    selection = selection_from(LetterFilter(data).form, "")
    live = count_facets(Inspection.objects.all(), selection, LETTER_FACETS, tables_current=False)
    tables = count_facets(Inspection.objects.all(), selection, LETTER_FACETS, tables_current=True)
    assert tables == live


@pytest.mark.parametrize(
    "query",
    [
        *QUERIES[1:],
        "q=domestic&region=West+Midlands",
        "focus=front-door",
        "q=children&theme_match=all&theme=domestic-abuse",
    ],
)
def test_a_filter_means_the_same_in_the_filtersets_as_in_the_statement(archive, query):
    """The facets' filters are read from one registry by the FilterSets (the ORM) and the SQL statement: with every
    facet's own filter kept, each facet's counts add up to the rows the FilterSet selects (single-valued facets)."""
    data = QueryDict(query)
    for model, filterset, facets, filtered in (
        (Finding, FindingFilter, FINDING_FACETS, filtered_findings),
        (Inspection, LetterFilter, LETTER_FACETS, filtered_letters),
    ):
        selection = selection_from(filterset(data).form, data.get("q", ""))
        counts = count_facets(model.objects.all(), selection, facets)
        expected = filtered(data).count()
        for spec in facets:
            if spec.single_valued and not data.getlist(spec.param):
                assert sum(counts[spec.param].values()) == expected, (query, spec.param)


def test_the_statement_parameters_follow_its_placeholders(archive):
    """Each piece of the statement carries its own parameters: there are as many as placeholders, in their order
    (the statement runs and gives the counts the count tables give)."""
    data = QueryDict("council=stoke-on-trent&region=West+Midlands&theme=domestic-abuse&focus=front-door&year_from=2009")
    selection = selection_from(FindingFilter(data).form, "")
    sql, params = statement.statement(Finding.objects.all(), selection, FINDING_FACETS, None)
    assert sql.count("%s") == len(params) > 5
    rebuild_facet_counts()
    live = count_facets(Finding.objects.all(), selection, FINDING_FACETS, tables_current=False)
    assert live == count_facets(Finding.objects.all(), selection, FINDING_FACETS, tables_current=True)


def test_every_facet_of_the_registry_is_a_filter_of_its_searches():
    assert set(FindingFilter.base_filters) >= {spec.param for spec in FINDING_FACETS}
    assert set(LetterFilter.base_filters) >= {spec.param for spec in LETTER_FACETS}
    assert not set(LetterFilter.base_filters) & {spec.param for spec in FACETS if spec.findings_only}
    assert "theme_match" in FindingFilter.base_filters and "theme_match" not in LetterFilter.base_filters


def test_facet_rows_label_order_and_keep_a_ticked_value_with_no_results(archive):
    data = QueryDict("council=nowhere&framework=cra&topic=domestic-abuse")
    wolverhampton = Inspection.objects.filter(authority__slug="wolverhampton").values_list("authority_id", flat=True)
    counts = {"council": {str(wolverhampton[0]): 3}, "year": {"2012": 1, "2010": 2}, "topic": {"": 4}}
    rows = {
        facet.param: facet for facet in facet_rows(FINDING_FACETS, data, counts, Labels.load(FINDING_FACETS), "/f/")
    }
    council = [(o.value, o.label, o.count, o.selected) for o in rows["council"].options]
    assert council == [("wolverhampton", "Wolverhampton", 3, False), ("nowhere", "nowhere", 0, True)]
    assert [o.value for o in rows["year"].options] == ["2010", "2012"]  # by value
    assert [(o.label, o.count) for o in rows["topic"].options] == [("Domestic abuse", 0)]  # no empty topic row
    assert rows["council"].options[0].toggle_url == toggle_url("/f/", data, "council", "wolverhampton")
    assert [mode.value for mode in rows["theme"].modes] == ["any", "all"] and rows["theme"].mode.value == "any"
