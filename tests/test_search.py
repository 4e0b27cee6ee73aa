"""Search and facets, run unchanged on SQLite (FTS5) and PostgreSQL (tsvector): the same data gives the same
results, which are checked against counts made here in Python from the findings' text."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from letters import search
from letters.faceted_search import filtered_findings, search_findings
from letters.models import Finding, Inspection
from letters.search.query import parse_query, to_fts5
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=open("/dev/null", "w"))


def python_count(pattern: str, exclude: str | None = None) -> int:
    texts = Finding.objects.values_list("text", flat=True)
    return sum(1 for t in texts if re.search(pattern, t, re.I) and not (exclude and re.search(exclude, t, re.I)))


@pytest.mark.parametrize(
    ("query", "pattern", "exclude"),
    [
        ("domestic", r"\bdomestic", None),
        ("supervision", r"\bsupervis(ion|ions)\b", None),
        ('"strategy discussions"', r"\bstrateg(y|ies) discussions?\b", None),
        ("domestic -police", r"\bdomestic", r"\bpolice\b"),
        ("caseloads OR morale", r"\b(caseloads?|morale)\b", None),
        ("assessments timely", r"(?=.*\bassessments?\b)(?=.*\btimely\b)", None),
    ],
)
def test_full_text_matches_what_the_words_say_on_either_database(archive, query, pattern, exclude):
    expected = python_count(pattern, exclude)
    assert expected > 0
    assert search.match(Finding.objects.all(), query).count() == expected


def test_ranked_results_put_denser_hits_first(archive):
    ranked = list(search.rank(search.match(Finding.objects.all(), "domestic"), "domestic").order_by("-rank"))
    assert ranked and all(a.rank >= b.rank for a, b in zip(ranked, ranked[1:], strict=False))


def test_letters_search_finds_whole_letters(archive):
    assert search.match(Inspection.objects.all(), "Menghini").count() == 1
    assert search.match(Inspection.objects.all(), '"contact, referral and assessment"').count() == 4


def test_odd_queries_never_raise(archive):
    for query in ['"', '"unterminated phrase', "a:b", "(((", "NEAR(x y)", "*", "-", "OR", "- OR -", "x OR", "^c", "'"]:
        list(search.match(Finding.objects.all(), query)[:5])


def test_snippets_escape_letter_text_then_mark_the_hits(archive):
    letter = Inspection.objects.first()
    finding = Finding.objects.create(
        inspection=letter,
        section="narrative",
        position=99,
        authority=letter.authority,
        year=letter.year,
        text='Leaders <script>alert("x")</script> use <b onmouseover="evil()">audits</b> of domestic abuse.',
    )
    html = search.snippets(Finding.objects.all(), [finding.pk], "domestic", "text", whole=True)[finding.pk]
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
    assert "<mark>domestic</mark>" in html


def test_query_text_cannot_inject_markup(client, archive):
    response = client.get("/findings/", {"q": '<script>alert(1)</script> "><img src=x onerror=alert(1)>'})
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body


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


def test_exports_stream_every_row_of_the_result_set(client, archive):
    response = client.get("/findings/export.csv", {"q": "domestic"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("letter_date,council,council_slug")
    import csv

    assert len(list(csv.reader(lines))) - 1 == python_count(r"\bdomestic")
    response = client.get("/letters/export.json", {"council": "stoke-on-trent"})
    import json

    rows = json.loads(b"".join(response.streaming_content))
    assert [r["letter_date"] for r in rows] == ["2022-01-31", "2010-07-01"]


def test_feeds_are_atom_and_follow_a_search(client, archive):
    response = client.get("/feeds/findings/search/", {"q": "domestic", "council": "wolverhampton"})
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 1 and "Wolverhampton" in body
    assert client.get("/feeds/councils/stoke-on-trent/").content.decode().count("<entry>") == 2
    assert client.get("/feeds/letters/").content.decode().count("<entry>") == 5


def test_query_parser_quotes_everything_for_fts5():
    assert to_fts5('"strategy meeting" -police') == ('("strategy meeting") NOT ("police")', None)
    assert to_fts5("neglect OR exploitation") == ('("neglect" OR "exploitation")', None)
    assert to_fts5("-police") == (None, '"police"')
    assert to_fts5('a"b:c') == ('"a b c"', None)  # punctuation inside a word joins its parts as a phrase
    assert parse_query("") == []


def test_a_repeated_search_is_served_from_the_cache_until_the_data_changes(client, archive):
    from django.db import connection

    from letters.services.curation import record_finding_edit

    url = "/findings/?q=domestic&council=stoke-on-trent&council=wolverhampton"
    with CaptureQueriesContext(connection) as first:
        body = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).content.decode() == body
    assert len(again.captured_queries) < len(first.captured_queries)
    finding = Finding.objects.filter(authority__slug="wolverhampton", text__icontains="domestic").first()
    finding.text = "Domestic abuse notifications are now checked within a day."
    finding.save()
    record_finding_edit(finding, ["text"])
    changed = client.get(url).content.decode()
    assert "now checked within a day" in changed and changed != body


@pytest.mark.parametrize(
    "query",
    [
        "",
        "council=stoke-on-trent&council=wolverhampton",
        "theme=domestic-abuse",
        "theme=domestic-abuse&council=stoke-on-trent&section=area_for_development",
        "year_from=2010&year_to=2010&framework=cra",
        "region=West+Midlands&visit_type=unannounced+inspection",
    ],
)
def test_count_tables_give_the_same_facets_as_counting_the_findings(archive, query):
    from letters.facet_counts import FINDING_DIMENSIONS, LETTER_DIMENSIONS, count_facets
    from letters.faceted_search import selection_from
    from letters.filters import FindingFilter, LetterFilter
    from letters.services.count_tables import counts_are_current, rebuild_facet_counts

    rebuild_facet_counts()
    assert counts_are_current()
    data = QueryDict(query)
    selection = selection_from(FindingFilter(data).form, "")
    live = count_facets(Finding.objects.all(), selection, FINDING_DIMENSIONS, themes=True, tables_current=False)
    tables = count_facets(Finding.objects.all(), selection, FINDING_DIMENSIONS, themes=True, tables_current=True)
    assert tables == live and any(live.values())
    selection = selection_from(LetterFilter(data).form, "")
    live = count_facets(Inspection.objects.all(), selection, LETTER_DIMENSIONS, themes=False, tables_current=False)
    tables = count_facets(Inspection.objects.all(), selection, LETTER_DIMENSIONS, themes=False, tables_current=True)
    assert tables == live


def test_count_tables_are_not_used_once_the_data_has_changed(archive):
    from letters import data_version
    from letters.services.count_tables import counts_are_current, rebuild_facet_counts

    rebuild_facet_counts()
    data_version.bump()
    assert not counts_are_current()


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
def test_the_page_read_with_the_counts_is_the_page_the_ordered_query_gives(archive, query):
    """The one statement that counts the facets also picks the page: it must pick the same rows in the same
    order as ordering the whole filtered queryset would (rank, then newest, as the page says)."""
    from django.core.paginator import Paginator

    from letters.faceted_search import (
        FINDING_NEWEST,
        FINDING_OLDEST,
        LETTER_NEWEST,
        LETTER_OLDEST,
        PAGE_SIZE,
        _ordered,
        filtered_letters,
        search_letters,
    )

    data = QueryDict(query)
    number = int(data.get("page", 1))
    expected = Paginator(_ordered(filtered_findings(data), data, FINDING_NEWEST, FINDING_OLDEST), PAGE_SIZE)
    page = search_findings(data, "/findings/").page
    assert [f.pk for f in page] == [f.pk for f in expected.page(number)]
    assert page.paginator.count == expected.count and page.number == number
    assert page.paginator.count > PAGE_SIZE or number == 1
    letters_data = QueryDict(query.replace("theme=", "x="))
    expected = Paginator(_ordered(filtered_letters(letters_data), letters_data, LETTER_NEWEST, LETTER_OLDEST), 20)
    letters_page = search_letters(letters_data, "/letters/").page
    assert [i.pk for i in letters_page] == [i.pk for i in expected.get_page(letters_data.get("page"))]


def test_a_page_past_the_end_shows_the_last_page(archive):
    from letters.faceted_search import PAGE_SIZE

    data = QueryDict("q=children&page=999")
    page = search_findings(data, "/findings/").page
    assert page.number == page.paginator.num_pages > 1
    assert 0 < len(page) <= PAGE_SIZE


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage of letters' tsvectors")
def test_letters_vectors_are_stored_in_the_table_not_in_toast(archive):
    """Ranking a broad word reads every matching letter's vector: they must live in the table's own pages."""

    def toast_bytes(cursor) -> int:
        cursor.execute("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'letters_inspection'")
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'letters_inspection'::regclass "
            "AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"
        cursor.execute("SELECT count(*) FROM letters_inspection WHERE pg_column_size(search_vector) > 2000")
        assert cursor.fetchone()[0] >= 4  # over TOAST's threshold, so PostgreSQL's default would move them out
        in_line = toast_bytes(cursor)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks pending before ALTER
        cursor.execute("ALTER TABLE letters_inspection ALTER COLUMN search_vector SET STORAGE EXTENDED")
        cursor.execute("UPDATE letters_inspection SET search_vector = search_vector || ''::tsvector")
        assert toast_bytes(cursor) > in_line  # rolled back with the test's transaction


def test_export_rows_say_what_the_findings_say(archive, django_assert_max_num_queries):
    """The export reads plain values (no model per row); each row must say what the finding and its letter say."""
    from letters import exports

    findings = Finding.objects.select_related("inspection__authority", "inspection__framework").order_by(
        "-year", "-inspection_id", "position"
    )
    expected = [
        {
            "letter_date": f.inspection.letter_date.isoformat() if f.inspection.letter_date else "",
            "council": f.inspection.authority.name,
            "council_slug": f.inspection.authority.slug,
            "gss_code": f.inspection.authority.gss_code,
            "framework": f.inspection.framework.short_name if f.inspection.framework else "",
            "visit_type": f.inspection.visit_type,
            "section": f.section,
            "position": f.position,
            "themes": [t.slug for t in f.themes.order_by("position", "name")],
            "text": f.text,
            "letter_url": "https://example.org" + f.inspection.get_absolute_url() + f"#finding-{f.position}",
            "year": f.inspection.letter_date.year if f.inspection.letter_date else None,
            "region": f.inspection.authority.region,
            "inspectors": [
                link.inspector.name + (" (lead)" if link.lead else "") for link in f.inspection.inspector_links.all()
            ],
            "focus": list(f.inspection.focus or []),
            "theme_names": [t.name for t in f.themes.order_by("position", "name")],
            "source_url": f.inspection.source_url,
        }
        for f in findings
    ]
    original = exports.CHUNK
    exports.CHUNK = 7  # several chunks: the theme links are read per chunk
    try:
        # councils, frameworks, themes, the rows; then the theme links and the inspectors of each chunk
        with django_assert_max_num_queries(4 + 2 * -(-len(expected) // 7) + 1):
            rows = list(exports.finding_rows(Finding.objects.all(), "https://example.org"))
    finally:
        exports.CHUNK = original
    assert rows == expected
    assert any(row["themes"] for row in rows) and len(rows) > 50
