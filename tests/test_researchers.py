"""What a researcher needs: each letter's source on Ofsted's site, exports with the columns and order of the page,
search feeds that say what they follow, and a citation for each finding."""

import csv
import json
import re
import shutil
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from letters import exports
from letters.models import Finding, Inspection
from letters.models.inspection import urn_of
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def named_archive(tmp_path):
    """Sample letters under Ofsted-style file names (URN first), as the real sources are named."""
    for index, path in enumerate(sorted(SAMPLE_DIR.glob("*.txt"))[:3]):
        shutil.copy(path, tmp_path / f"{80426 + index}_somewhere__childrens_services_letter_{index}.txt")
    call_command("ingest_letters", str(tmp_path), "--quiet", stdout=open("/dev/null", "w"))


def test_the_urn_is_the_number_that_starts_the_file_name():
    assert urn_of("80426_barnsley__childrens_services_focused_visit_-_01_march_2023.txt") == "80426"
    assert urn_of("2637539_north_northamptonshire__focused_visit.txt") == "2637539"
    assert urn_of("barnsley_focused_visit.txt") == ""
    assert urn_of("000_45b027815db80f73.txt") == ""  # a short running number is not a URN


def test_ingest_keeps_the_urn_and_the_letter_page_links_to_ofsted(client, named_archive):
    letters = list(Inspection.objects.order_by("source_name"))
    assert [letter.urn for letter in letters] == ["80426", "80427", "80428"]
    body = client.get(letters[0].get_absolute_url()).content.decode()
    assert 'href="https://reports.ofsted.gov.uk/provider/44/80426"' in body


def test_a_letter_without_a_urn_shows_no_source_link(client, archive):
    letter = Inspection.objects.first()
    assert letter.urn == ""
    assert "reports.ofsted.gov.uk" not in client.get(letter.get_absolute_url()).content.decode()


def test_each_finding_has_a_citation_with_its_stable_url_council_date_and_framework(client, archive):
    letter = Inspection.objects.filter(framework__isnull=False, findings__isnull=False).distinct().first()
    finding = letter.findings.order_by("position").first()
    body = client.get(letter.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    url = f"http://localhost{letter.get_absolute_url()}#finding-{finding.position}"
    citation = re.search(rf'<p class="citation">(.*?{re.escape(url)}.*?)</p>', body, re.S)
    assert citation, "no citation carries the finding's stable URL"
    text = citation.group(1)
    assert letter.authority.name in text and letter.framework.short_name in text
    assert letter.letter_date.strftime("%-d %B %Y") in text and f"finding {finding.position}" in text


def test_exports_carry_region_year_inspectors_theme_names_and_source(client, named_archive):
    response = client.get("/findings/export.csv")
    rows = list(csv.DictReader(b"".join(response.streaming_content).decode("utf-8-sig").splitlines()))
    assert set(rows[0]) == set(exports.FINDING_COLUMNS)
    finding = Finding.objects.select_related("inspection__authority").get(
        inspection__source_name=_source(rows[0]), position=int(rows[0]["position"])
    )
    assert rows[0]["region"] == finding.inspection.authority.region
    assert rows[0]["year"] == str(finding.inspection.year)
    assert rows[0]["source_url"] == finding.inspection.source_url != ""
    names = [link.inspector.name for link in finding.inspection.inspector_links.all()]
    assert all(name in rows[0]["inspectors"] for name in names)
    tagged = next(row for row in rows if row["themes"])
    assert tagged["theme_names"] and tagged["theme_names"] != tagged["themes"]

    letters = json.loads(b"".join(client.get("/letters/export.json").streaming_content))
    assert {"region", "year", "inspectors", "source_url"} <= set(letters[0])


def _source(row) -> str:
    slug, key = row["letter_url"].split("/councils/")[1].split("/letters/")
    return Inspection.objects.get(authority__slug=slug, url_key=key.split("/")[0]).source_name


def test_exports_follow_the_page_sort_order(client, archive):
    def dates(sort):
        body = b"".join(client.get("/letters/export.json", {"sort": sort}).streaming_content)
        return [row["letter_date"] for row in json.loads(body)]

    newest, oldest = dates("newest"), dates("oldest")
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest) and newest != oldest

    def finding_years(sort):
        body = b"".join(client.get("/findings/export.json", {"sort": sort}).streaming_content)
        return [row["year"] for row in json.loads(body)]

    assert finding_years("oldest") == sorted(finding_years("oldest"))
    assert finding_years("newest") == sorted(finding_years("oldest"), reverse=True)


def test_an_export_sorted_by_relevance_lists_the_best_hits_first(client, archive):
    """The findings page's first hit for a query is the export's first row."""
    page = client.get("/findings/", {"q": "domestic abuse"}).content.decode()
    first_on_page = re.search(r'href="([^"]+#finding-\d+)"', page).group(1)
    body = b"".join(client.get("/findings/export.json", {"q": "domestic abuse"}).streaming_content)
    assert json.loads(body)[0]["letter_url"].endswith(first_on_page)


def _feed(client, path, params):
    response = client.get(path, params)
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_a_search_feed_names_the_search_and_links_to_itself_with_the_query(client, archive):
    feed = _feed(client, "/feeds/findings/search/", {"q": "domestic", "council": "wolverhampton"})
    title = feed.find(f"{ATOM}title").text
    assert "“domestic”" in title and "Wolverhampton" in title
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert "q=domestic" in self_link.get("href") and "council=wolverhampton" in self_link.get("href")
    other = _feed(client, "/feeds/findings/search/", {"q": "supervision"})
    assert other.find(f"{ATOM}title").text != title


def test_a_findings_feed_entry_carries_the_matching_findings(client, archive):
    feed = _feed(client, "/feeds/findings/search/", {"q": "domestic", "council": "wolverhampton"})
    entry = feed.find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary").text
    matching = Finding.objects.filter(authority__slug="wolverhampton", text__icontains="domestic")
    assert matching and all(finding.text[:40].replace("'", "&#x27;") in summary for finding in matching)


def test_feed_entries_are_dated_and_ordered_by_the_letter_not_the_ingest(client, archive):
    feed = _feed(client, "/feeds/letters/", {})
    published = [entry.find(f"{ATOM}published").text[:10] for entry in feed.findall(f"{ATOM}entry")]
    letters = Inspection.objects.exclude(letter_date=None).order_by("-letter_date", "-id")
    assert published == [letter.letter_date.isoformat() for letter in letters][: len(published)]


def test_the_findings_feed_reads_its_entries_findings_in_one_query(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/feeds/findings/search/", {"q": "social"})


def test_the_migration_fills_the_urn_of_letters_stored_before(named_archive):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("letters.migrations.0018_source_urn")
    Inspection.objects.update(urn="")
    migration.fill_urns(apps, None)
    assert sorted(Inspection.objects.values_list("urn", flat=True)) == ["80426", "80427", "80428"]


@pytest.mark.parametrize("feed", ["/feeds/findings/search/", "/feeds/letters/search/"])
def test_a_search_feed_drops_characters_xml_cannot_hold_from_its_title(client, archive, feed):
    response = client.get(feed, {"q": "\x1b[31mdomestic\x07"})
    assert response.status_code == 200
    title = ElementTree.fromstring(response.content).find("{http://www.w3.org/2005/Atom}title").text
    assert "[31mdomestic" in title and "\x1b" not in title
