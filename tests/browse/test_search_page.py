"""A search page: the page of hits read with the facet counts is the page the ordered query gives, a page past the
end is the last one, the number of queries does not grow with the data, and the words never become markup."""

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from letters.browse.paging import FINDING_ORDER, PAGE_SIZE, ordered, page_wanted
from letters.browse.search_page import for_export, search_findings, search_letters
from letters.models import Finding

pytestmark = pytest.mark.django_db


def test_query_text_cannot_inject_markup(client, archive):
    response = client.get("/findings/", {"q": '<script>alert(1)</script> "><img src=x onerror=alert(1)>'})
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body


def test_findings_page_query_count_does_not_grow_with_the_data(client, archive, tmp_path):
    from letters.synthetic import generate_corpus

    url = "/findings/?q=children&council=stoke-on-trent&council=wolverhampton&theme=assessment-quality"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # Grow the archive tenfold with generated letters (the real ones in ../shared may be absent).
    for letter in generate_corpus(60, seed=11):
        (tmp_path / letter.filename).write_bytes(letter.raw)
    call_command("ingest_letters", str(tmp_path), "--quiet", stdout=open("/dev/null", "w"))
    assert Finding.objects.count() > 500
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries) <= 30


@pytest.mark.parametrize(
    "query",
    [
        "q=domestic",
        "q=domestic&sort=newest",
        "q=children&sort=oldest&page=2",
        "q=children+OR+young&page=2",
        "q=domestic&council=stoke-on-trent&council=wolverhampton",
        "q=assessment&theme=domestic-abuse&theme=supervision-management-oversight",
        "theme=domestic-abuse&theme=supervision-management-oversight&sort=oldest",
        "q=-police",
    ],
)
@pytest.mark.parametrize("engine", ["off", "tantivy"])
def test_the_page_read_with_the_counts_is_the_page_the_ordered_query_gives(archive, query, engine, settings):
    """What picks the page (the one statement that counts the facets, or the search engine) must pick the same rows in
    the same order as the exports list them: ordering the whole filtered queryset (rank, then newest, as the page
    says), or, when the engine answers, its whole relevance order."""
    settings.SEARCH_ENGINE = engine
    data = QueryDict(query)
    number = int(data.get("page", 1))
    expected = _export_order(data, "findings")
    page = search_findings(data, "/findings/").page
    assert [f.pk for f in page] == expected[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    assert page.paginator.count == len(expected) and page.number == number
    assert page.paginator.count > PAGE_SIZE or number == 1
    letters_data = QueryDict(query.replace("theme=", "x="))
    expected = Paginator(_export_order(letters_data, "letters"), 20).get_page(letters_data.get("page"))
    letters_page = search_letters(letters_data, "/letters/").page
    assert [i.pk for i in letters_page] == list(expected)


def _export_order(data, kind: str) -> list[int]:
    queryset, ids = for_export(data, kind)
    return ids if ids is not None else [row.pk for row in queryset]


@pytest.mark.parametrize(
    ("query", "order"),
    [
        ("q=domestic", ("rank DESC", "year DESC", "inspection_id DESC", "position")),
        ("q=domestic&sort=oldest", ("year", "inspection_id", "position")),
        ("sort=relevance", ("year DESC", "inspection_id DESC", "position")),
    ],
)
def test_the_statement_orders_its_page_as_the_orm_orders_the_rows(query, order):
    """One list of order terms: the ORM's order_by and the statement's ORDER BY are read from it."""
    data = QueryDict(query + "&page=3")
    wanted = page_wanted(data, FINDING_ORDER)
    assert wanted.order == order and wanted.offset == 2 * PAGE_SIZE and wanted.limit == PAGE_SIZE
    terms = tuple(f"-{term.split()[0]}" if term.endswith(" DESC") else term for term in order)
    assert ordered(Finding.objects.all(), data, FINDING_ORDER).query.order_by == terms


def test_a_page_past_the_end_shows_the_last_page(archive):
    data = QueryDict("q=children&page=999")
    page = search_findings(data, "/findings/").page
    assert page.number == page.paginator.num_pages > 1
    assert 0 < len(page) <= PAGE_SIZE


def test_a_search_page_checks_its_council_and_theme_slugs_without_a_query_once_it_has_read_them(archive):
    from letters.filters import FindingFilter
    from letters.freshness import data_version
    from letters.models import Theme

    state = data_version.state()
    finding = Finding.objects.filter(theme_mask__gt=0).select_related("inspection__authority").first()
    council, theme = finding.inspection.authority.slug, Theme.objects.filter(bit__isnull=False).first().slug
    search_findings(QueryDict(f"council={council}"), "/findings/", state)  # reads the slugs of this version
    with CaptureQueriesContext(connection) as queries:
        results = search_findings(QueryDict(f"council={council}&theme={theme}"), "/findings/", state)
    looked_up = [q["sql"] for q in queries if '"slug" IN' in q["sql"]]
    assert not looked_up and not results.errors
    assert [o.value for f in results.facets if f.param == "council" for o in f.selected_options] == [council]
    # An unknown slug is the same error either way, with or without the version's slugs.
    data = QueryDict(f"council={council}&council=nowhere&theme=nothing")
    errors = search_findings(data, "/findings/", state).errors
    assert errors == dict(FindingFilter(data).form.errors) and set(errors) == {"council", "theme"}
    assert "nowhere" in errors["council"][0]
