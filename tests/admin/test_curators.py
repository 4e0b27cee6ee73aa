"""Curator fixes in the admin: findings counted once per letter when searching by inspector, a compact letter page
with the raw text beside the findings, confidence rounded, and inspectors the admin suggests merging."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from letters.admin.duplicates import compact_key, likely_duplicates
from letters.models import Inspection, InspectionInspector, Inspector

pytestmark = pytest.mark.django_db


def _counts_by_letter(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="field-finding_count">(\d+)</td>', html)]


def test_searching_letters_by_inspector_counts_each_finding_once(admin_client, archive):
    letter = Inspection.objects.filter(findings__isnull=False).first()
    extra = [Inspector.objects.create(name=f"Second Reviewer {i}", slug=f"second-reviewer-{i}") for i in range(3)]
    for index, person in enumerate(extra, start=10):
        InspectionInspector.objects.create(inspection=letter, inspector=person, position=index)
    html = admin_client.get("/admin/letters/inspection/", {"q": "Second Reviewer"}).content.decode()
    assert _counts_by_letter(html) == [letter.findings.count()]


def test_confidence_shows_two_decimals(admin_client, archive):
    Inspection.objects.update(parse_confidence=0.8099999999999999)
    html = admin_client.get("/admin/letters/inspection/").content.decode()
    assert "0.81" in html and "0.8099999" not in html


def test_letter_change_page_has_a_compact_theme_list_and_the_raw_text_beside_the_findings(admin_client, archive):
    letter = max(Inspection.objects.all(), key=lambda i: i.findings.count())
    url = f"/admin/letters/inspection/{letter.pk}/change/"
    with CaptureQueriesContext(connection) as queries:
        html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="findings-0-theme_choice"' not in html
    assert re.search(r'<select name="findings-0-theme_choice"[^>]*multiple', html)
    assert 'class="curation-raw"' in html and letter.raw_text.splitlines()[0][:30] in html
    assert html.index("curation-parsed") < html.index("curation-raw")
    # The theme list is read once for the page, not once per finding.
    theme_reads = [q for q in queries.captured_queries if 'FROM "letters_theme"' in q["sql"]]
    assert len(theme_reads) <= 2 < letter.findings.count()


def test_a_curator_can_still_set_a_findings_themes_with_the_list(admin_client, archive):
    from letters.models import Theme
    from tests.admin.test_admin import form_values

    letter = Inspection.objects.filter(findings__isnull=False).first()
    url = f"/admin/letters/inspection/{letter.pk}/change/"
    data = form_values(admin_client.get(url).content.decode())
    theme = Theme.objects.order_by("position").last()
    data["findings-0-theme_choice"] = [str(theme.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    first = letter.findings.order_by("position").first()
    assert list(first.themes.values_list("pk", flat=True)) == [theme.pk]


def test_names_equal_but_for_hyphens_spaces_and_case_are_suggested():
    assert compact_key("Paula Thomson-Jones") == compact_key("Paula ThomsonJones")
    people = [
        (1, "Paula Thomson-Jones"),
        (2, "Paula ThomsonJones"),
        (3, "Jenny-ellen Scotland"),
        (4, "Jennyellen Scotland"),
        (5, "Matt Reed"),
        (6, "Matthew Reed"),
        (7, "Steve Lee"),
        (8, "Stephen Lee"),
        (9, "Mary Reed"),
        (10, "Anna Lee"),
        (11, "Jo Smith"),
    ]
    assert likely_duplicates(people) == [[3, 4], [5, 6], [1, 2], [8, 7]]


def test_the_admin_lists_possible_duplicates_and_hands_them_to_the_merge(admin_client, archive):
    a = Inspector.objects.create(name="Matt Reed", slug="matt-reed")
    b = Inspector.objects.create(name="Matthew Reed", slug="matthew-reed")
    listed = admin_client.get("/admin/letters/inspector/", {"duplicates": "yes"}).content.decode()
    assert "Matt Reed" in listed and "Matthew Reed" in listed
    page = admin_client.get("/admin/letters/inspector/duplicates/").content.decode()
    assert "Matt Reed" in page and 'value="merge_inspectors"' in page
    response = admin_client.post(
        "/admin/letters/inspector/", {"action": "merge_inspectors", "index": "0", "_selected_action": [a.pk, b.pk]}
    )
    assert response.status_code == 200 and "Keep this record" in response.content.decode()
