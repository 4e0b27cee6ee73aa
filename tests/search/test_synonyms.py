"""The field's search vocabulary: a term that is one of a group of synonyms is searched as any of them, on SQLite
(FTS5) and PostgreSQL (tsquery) alike, and the page says what else it searched."""

import re

import pytest

from letters import search
from letters.models import Finding
from letters.search.query import parse_query, to_fts5, to_websearch_clauses
from letters.search.synonyms import expand


def python_count(pattern: str, also: str | None = None) -> int:
    texts = Finding.objects.values_list("text", flat=True)
    return sum(1 for t in texts if re.search(pattern, t, re.I) and (also is None or re.search(also, t, re.I)))


def test_words_typed_one_after_another_are_read_as_one_synonym():
    clauses, added = expand(parse_query("housing for care leavers"))
    assert added == ["care-experienced", "leaving care"]
    assert [term.words for term in clauses[-1]] == [("care", "leavers"), ("care", "experienced"), ("leaving", "care")]
    assert [term.words for term in clauses[0]] == [("housing",)]


def test_case_hyphens_and_plurals_do_not_hide_a_synonym():
    assert expand(parse_query("Care-leaver"))[1] == ["care-experienced", "leaving care"]
    assert expand(parse_query('"looked-after children"'))[1] == ["children in care", "cared for children"]
    assert expand(parse_query("cse"))[1] == ["child sexual exploitation"]


def test_negated_terms_and_ordinary_words_are_not_widened():
    assert expand(parse_query("-CSE timeliness"))[1] == []
    assert to_websearch_clauses("timeliness of visits") is None


def test_synonyms_are_grouped_so_that_the_rest_of_the_query_still_applies():
    assert to_fts5("CSE police") == ('("cse" OR "child sexual exploitation") AND "police"', None)
    assert to_websearch_clauses("CSE police") == ['cse OR "child sexual exploitation"', "police"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "pattern", "also"),
    [
        ("domestic abuse", r"\bdomestic (?:abuse|violence)\b", None),
        ("MASH", r"\bMASH\b|\bmulti[- ]agency safeguarding hubs?\b", None),
        ("early help", r"\bearly (?:help|intervention)\b", None),
        ("domestic violence police", r"\bdomestic (?:abuse|violence)\b", r"\bpolice\b"),
    ],
)
def test_a_synonym_finds_findings_that_use_the_other_words_on_either_database(archive, query, pattern, also):
    expected = python_count(pattern, also)
    assert expected >= python_count(r"\b" + r"\W+".join(query.split()[:2]) + r"\b", also)
    assert search.match(Finding.objects.all(), query).count() == expected
    ranked = search.rank(search.match(Finding.objects.all(), query), query)
    assert ranked.count() == expected


@pytest.mark.django_db
def test_a_synonym_finds_more_than_the_words_as_typed(archive):
    typed = python_count(r"\bdomestic abuse\b")
    assert search.match(Finding.objects.all(), "domestic abuse").count() > typed > 0


@pytest.mark.django_db
def test_the_findings_page_says_what_else_it_searched(client, archive):
    response = client.get("/findings/", {"q": "care leavers"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="also-searched"' in html and "care-experienced" in html
    plain = client.get("/findings/", {"q": "supervision"}).content.decode()
    assert 'id="also-searched"' not in plain
