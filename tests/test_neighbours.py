"""Statistical neighbours: loaded from the shipped DfE data, listed on a council's page with their latest grades."""

import csv

import pytest
from django.core.management import call_command
from django.urls import reverse

from letters.models import Authority, Inspection, Judgement, StatisticalNeighbour
from letters.services.judgements import refresh_judgement_summaries
from letters.services.reference_data import NEIGHBOURS_CSV, load_reference_data
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_every_current_council_gets_its_dfe_code_and_ten_neighbours():
    rows = list(csv.DictReader(NEIGHBOURS_CSV.open(encoding="utf-8")))
    current = Authority.objects.filter(abolished__isnull=True)
    assert current.exclude(dfe_code="").count() == len(rows) == current.count()
    assert len(set(current.values_list("dfe_code", flat=True))) == len(rows)
    for authority in current:
        ranks = list(StatisticalNeighbour.objects.filter(authority=authority).values_list("rank", flat=True))
        assert ranks == list(range(1, 11)), authority.slug


def test_a_council_that_replaced_another_is_matched_by_name_not_its_predecessors_code():
    # The source still gives Cumbria's GSS code to both of the councils that replaced it.
    assert Authority.objects.get(slug="cumberland").dfe_code == "942"
    assert Authority.objects.get(slug="westmorland-and-furness").dfe_code == "943"
    assert Authority.objects.get(slug="cumbria").dfe_code == ""


def test_neighbours_follow_the_source_order_closest_first():
    camden = Authority.objects.get(slug="camden")
    first = StatisticalNeighbour.objects.get(authority=camden, rank=1).neighbour
    assert first.dfe_code == "206"  # the first code on Camden's row


def test_loading_again_changes_nothing_and_keeps_one_row_per_pair():
    before = StatisticalNeighbour.objects.count()
    counts = load_reference_data()
    assert counts.neighbours == before == StatisticalNeighbour.objects.count()
    assert counts.neighbour_rows_unmatched == 0


def test_the_command_reports_the_neighbour_links():
    from io import StringIO

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "statistical neighbour links" in out.getvalue()


def test_council_page_lists_neighbours_with_latest_grades_and_the_compare_links(client):
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=open("/dev/null", "w"))
    stoke = Authority.objects.get(slug="stoke-on-trent")
    neighbour = StatisticalNeighbour.objects.get(authority=stoke, rank=1).neighbour
    report = stoke.inspections.order_by("letter_date").first()
    Inspection.objects.filter(pk=report.pk).update(authority_id=neighbour.pk)  # now the closest neighbour's report
    Judgement.objects.create(inspection=report, area="overall_effectiveness", grade="good")
    refresh_judgement_summaries()

    response = client.get(reverse("letters:council", args=["stoke-on-trent"]))
    html = response.content.decode()
    assert "Statistical neighbours" in html
    rows = response.context["neighbours"]
    assert [row.rank for row in rows] == list(range(1, 11))
    assert rows[0].slug == neighbour.slug and rows[0].grade_label == "Good"
    assert f'<a href="/councils/{neighbour.slug}/">{neighbour.short_name}</a></td><td>Good</td>' in html
    slugs = [stoke.slug, *(row.slug for row in rows)]
    findings_link = reverse("letters:findings") + "?" + "&amp;".join(f"council={slug}" for slug in slugs)
    compare_link = reverse("letters:compare") + "?" + "&amp;".join(f"council={slug}" for slug in slugs)
    assert findings_link in html and "Compare with its statistical neighbours" in html
    assert compare_link in html


def test_a_neighbours_new_grade_shows_on_the_councils_that_list_it():
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=open("/dev/null", "w"))
    wolverhampton = Authority.objects.get(slug="wolverhampton")
    listing = StatisticalNeighbour.objects.filter(neighbour=wolverhampton).values_list("authority", flat=True)
    assert listing
    letter = wolverhampton.inspections.get()
    Judgement.objects.create(inspection=letter, area="overall_effectiveness", grade="outstanding")
    refresh_judgement_summaries([wolverhampton.pk])
    for authority in Authority.objects.filter(pk__in=listing):
        shown = {row["slug"]: row["grade"] for row in authority.judgement_summary["neighbours"]}
        assert shown["wolverhampton"] == "outstanding"
