"""The read-only JSON API: the same results, facets and pagination as the search pages under the same URL
parameters, councils and letters at their pages' paths, an OpenAPI schema, and a fixed number of queries."""

import json

import pytest
from django.core.management import call_command

from letters.models import Authority, Finding, Inspection
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def _json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_findings_api_answers_the_same_results_and_counts_as_the_page(client, archive):
    params = {"q": "domestic", "sort": "newest"}
    body = _json(client, "/api/findings/", params)
    page = client.get("/findings/", params).context["results"]
    assert body["count"] == page.total > 0
    assert [(r["letter"]["page_url"], r["position"]) for r in body["results"]] == [
        (f.inspection.get_absolute_url(), f.position) for f in page.page
    ]
    assert all("<mark>" in r["snippet"] for r in body["results"])
    councils = next(f for f in body["facets"] if f["param"] == "council")
    assert sum(o["count"] for o in councils["options"]) == body["count"]
    assert all(o["toggle_url"].startswith("/api/findings/?") for o in councils["options"])


def test_findings_api_filters_with_the_page_parameters(client, archive):
    body = _json(client, "/api/findings/", {"council": "wolverhampton", "section": "strength"})
    expected = Finding.objects.filter(authority__slug="wolverhampton", section="strength").count()
    assert body["count"] == expected > 0
    assert {r["letter"]["council"] for r in body["results"]} == {"wolverhampton"}
    assert {r["section"] for r in body["results"]} == {"strength"}
    tagged = [r for r in body["results"] if r["themes"]]
    assert tagged and all(t["name"] and t["slug"] for r in tagged for t in r["themes"])


def test_the_api_pages_its_results_with_links_to_the_next_and_previous_pages(client, archive):
    first = _json(client, "/api/findings/")
    assert first["page"] == 1 and first["pages"] > 1 and first["previous"] is None
    assert first["page_size"] == len(first["results"]) == 20
    second = _json(client, first["next"])
    assert second["page"] == 2 and second["previous"] and "page=1" in second["previous"]
    seen = {(r["page_url"]) for r in first["results"]}
    assert seen.isdisjoint(r["page_url"] for r in second["results"])


def test_letters_api_matches_the_letters_search(client, archive):
    body = _json(client, "/api/letters/", {"council": "stoke-on-trent"})
    assert [r["letter_date"] for r in body["results"]] == ["2022-01-31", "2010-07-01"]
    assert body["count"] == 2 and {f["param"] for f in body["facets"]} >= {"council", "year", "framework"}


def test_a_search_the_archive_cannot_read_answers_400_with_the_reasons(client, archive):
    body = _json(client, "/api/findings/", {"council": "atlantis"}, status=400)
    assert "council" in body["errors"]
    body = _json(client, "/api/letters/", {"year_from": "soon"}, status=400)
    assert "year_from" in body["errors"]


def test_councils_and_letters_are_at_their_pages_paths_under_api(client, archive):
    councils = _json(client, "/api/councils/")
    assert len(councils) == Authority.objects.count()
    stoke = next(c for c in councils if c["slug"] == "stoke-on-trent")
    assert stoke["letter_count"] == 2
    council = _json(client, stoke["url"])
    assert [letter["letter_date"] for letter in council["letters"]] == ["2022-01-31", "2010-07-01"]
    letter = Inspection.objects.get(authority__slug="stoke-on-trent", letter_date="2022-01-31")
    detail = _json(client, council["letters"][0]["url"])
    assert detail["page_url"] == letter.get_absolute_url()
    assert [f["text"] for f in detail["findings"]] == list(
        letter.findings.order_by("position").values_list("text", flat=True)
    )
    assert [i["name"] for i in detail["inspectors"]] == [link.inspector.name for link in letter.inspector_links.all()]
    assert detail["findings"][0]["page_url"] == f"{letter.get_absolute_url()}#finding-1"
    assert client.get("/api/councils/atlantis/").status_code == 404
    assert client.get("/api/councils/stoke-on-trent/letters/1999-01-01/").status_code == 404


def test_the_api_is_read_only(client, archive):
    assert client.post("/api/findings/", {}).status_code == 405
    assert client.delete("/api/councils/stoke-on-trent/").status_code == 405


def test_the_openapi_schema_describes_every_api_path(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/findings/",
        "/api/letters/",
        "/api/councils/",
        "/api/councils/{slug}/",
        "/api/councils/{council}/letters/{key}/",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/findings/"]["get"]["parameters"]}
    assert {"q", "council", "theme", "section", "sort", "page"} <= parameters


def test_the_api_page_shows_examples_that_work(client, archive):
    import re

    page = client.get("/api/").content.decode()
    links = re.findall(r'href="(/api/[^"]+)"', page)
    assert len(links) >= 6
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


@pytest.mark.parametrize("url", ["/api/findings/?q=social", "/api/letters/?q=social", "/api/councils/"])
def test_api_queries_do_not_grow_with_the_number_of_rows(client, archive, tmp_path, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for index, path in enumerate(sorted(SAMPLE_DIR.glob("*.txt"))):
        raw = path.read_bytes().replace(b"social", b"social work", 1)
        (tmp_path / f"copy{index}_{path.name}").write_bytes(raw + f"\n\nCopy {index}.\n".encode())
    call_command("ingest_letters", str(tmp_path), "--quiet", stdout=open("/dev/null", "w"))
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries) <= 20


def test_a_letter_in_the_api_reads_in_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    letter = Inspection.objects.annotate().order_by("-letter_date").first()
    with django_assert_max_num_queries(6):
        assert client.get("/api" + letter.get_absolute_url()).status_code == 200
