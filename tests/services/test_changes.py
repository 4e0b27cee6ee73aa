"""Every service write raises the data version and leaves the count tables current: recounted for the councils it
touched (the same tables a full rebuild gives), or left behind the data version when something else wrote meanwhile,
never wrong."""

import os

import pytest
from django.core.management import call_command
from django.db import connection

from letters.freshness import data_version
from letters.models import Authority, Finding, Inspection, Inspector, Theme, UnfilteredFacetCounts
from letters.services import changes
from letters.services.changes import Run, change
from letters.services.count_tables import counts_are_current, rebuild_facet_counts
from letters.services.curation import (
    add_finding,
    delete_findings,
    mark_letters_reviewed,
    record_letter_edit,
    set_finding_themes,
)
from letters.services.ingest import ADDED, Ingestor
from letters.services.merging import merge_authorities, merge_inspectors
from letters.services.reparse import reparse_letters
from letters.services.themes import reapply_theme_rules
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db
QUIET = {"stdout": open(os.devnull, "w"), "stderr": open(os.devnull, "w")}
TABLES = ("letters_findingfacetcount", "letters_themefacetcount", "letters_letterfacetcount")
HELD_BACK = "003_ec62f8ba3d73cc36.txt"  # ingested on its own by the tests that add a letter


@pytest.fixture
def archive(tmp_path):
    """The seed letters but one, ingested by the command: the count tables are current."""
    for path in SAMPLE_DIR.glob("*.txt"):
        if path.name != HELD_BACK:
            (tmp_path / path.name).write_bytes(path.read_bytes())
    call_command("ingest_letters", str(tmp_path), "--quiet", **QUIET)
    assert counts_are_current()


def counted() -> dict:
    """Each table's counts per combination of its columns (rows of the same combination added up)."""
    result = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table} WHERE 1 = 0")  # noqa: S608
            columns = [c[0] for c in cursor.description if c[0] not in ("id", "n")]
            cursor.execute(
                f"SELECT {', '.join(columns)}, SUM(n) FROM {table} GROUP BY {', '.join(columns)}"  # noqa: S608
            )
            result[table] = sorted(cursor.fetchall(), key=repr)
    result["unfiltered"] = dict(UnfilteredFacetCounts.objects.values_list("table", "counts"))
    return result


def assert_current_and_right() -> None:
    """The tables claim the current data version, and hold what a rebuild from scratch would."""
    assert counts_are_current()
    kept = counted()
    rebuild_facet_counts()
    assert counted() == kept


def test_a_curator_moving_a_letter_to_another_council_recounts_both_councils(archive):
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    before = data_version.current()
    letter.authority = Authority.objects.get(slug="stoke-on-trent")
    record_letter_edit(letter, ["authority"])
    assert data_version.current() > before
    assert set(Finding.objects.filter(inspection=letter).values_list("authority__slug", flat=True)) == {
        "stoke-on-trent"
    }
    assert_current_and_right()


def test_a_single_letters_write_recounts_only_its_council(archive, monkeypatch):
    recounted = []
    monkeypatch.setattr(changes, "rebuild_councils", lambda ids: recounted.append(set(ids)))
    monkeypatch.setattr(changes, "rebuild_facet_counts", lambda: recounted.append("everything"))
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    letter.recipient_name = "A Curator's Spelling"
    record_letter_edit(letter, ["recipient_name"])
    assert recounted == [{letter.authority_id}]


def test_adding_setting_themes_of_and_deleting_findings_keep_the_tables_current(archive):
    letter = Inspection.objects.filter(authority__slug="stoke-on-trent").first()
    added = Finding(inspection=letter, section="area_for_development", text="A curator's finding on caseloads.")
    add_finding(added, [Theme.objects.get(slug="workforce-caseloads").pk])
    added.refresh_from_db()
    # The one copy of the letter's columns: a finding a curator adds carries all of them, its topic and focus too.
    assert [getattr(added, name) for name in ("authority_id", "year", "jtai_topic", "focus_mask")] == [
        letter.authority_id,
        letter.year,
        letter.jtai_topic,
        letter.focus_mask,
    ]
    assert added.theme_mask != 0 and added.curated_fields == ["section", "text", "themes"]
    assert_current_and_right()
    set_finding_themes(letter.findings.first(), [])
    assert_current_and_right()
    delete_findings(letter.findings.all()[:2])
    assert_current_and_right()


def test_ingesting_and_reparsing_a_letter_keep_the_tables_current(archive):
    raw = (SAMPLE_DIR / HELD_BACK).read_bytes()
    assert Ingestor().ingest_bytes(raw, source_name=HELD_BACK, source_path=HELD_BACK).status == ADDED
    assert_current_and_right()
    assert all(outcome.ok for outcome in reparse_letters(Inspection.objects.filter(source_name=HELD_BACK)))
    assert_current_and_right()


def test_merges_theme_rules_and_the_review_queue_keep_the_tables_current(archive):
    merge_authorities(Authority.objects.get(slug="stoke-on-trent"), [Authority.objects.get(slug="wolverhampton")])
    assert_current_and_right()
    keep, other = Inspector.objects.order_by("pk")[:2]
    merge_inspectors(keep, [other])
    assert_current_and_right()
    Theme.objects.filter(slug="domestic-abuse").update(rules={"include": ["caseloads?"], "exclude": []})
    assert reapply_theme_rules(themes=Theme.objects.filter(slug="domestic-abuse")) > 0
    assert_current_and_right()
    before = data_version.current()
    assert mark_letters_reviewed(Inspection.objects.all()) == Inspection.objects.count()
    assert data_version.current() == before + 1
    assert_current_and_right()


def test_a_write_that_changes_nothing_leaves_the_data_version_alone(archive):
    before = data_version.current()
    with change() as touched:
        touched.changed = False
    assert reapply_theme_rules() == 0
    assert data_version.current() == before and counts_are_current()


def test_tables_behind_the_data_version_are_not_claimed_current_by_a_partial_recount(archive):
    data_version.bump()  # a write outside the services: the tables no longer match
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    letter.recipient_name = "Someone"
    record_letter_edit(letter, ["recipient_name"])
    assert not counts_are_current()


def test_a_run_disturbed_by_another_write_rebuilds_or_leaves_the_tables_behind(archive, monkeypatch):
    recounted = []
    monkeypatch.setattr(changes, "rebuild_councils", lambda ids: recounted.append(set(ids)))
    run = Run()
    stoke = Authority.objects.get(slug="stoke-on-trent")
    with run.transaction() as touched:
        Inspection.objects.filter(authority=stoke).update(title="First")
        touched.councils(stoke.pk)
    data_version.bump()  # someone else wrote between the run's two writes, and did not recount
    with run.transaction() as touched:
        Inspection.objects.filter(authority=stoke).update(title="Second")
        touched.councils(stoke.pk)
    run.finish()
    assert recounted == [] and not counts_are_current()  # the other write's councils are unknown: no partial count
    healing = Run(heal=True)
    healing.finish()
    assert_current_and_right()


def test_a_run_recounts_its_councils_once_at_the_end(archive, monkeypatch):
    recounted = []
    real = changes.rebuild_councils
    monkeypatch.setattr(changes, "rebuild_councils", lambda ids: recounted.append(set(ids)) or real(ids))
    letters = Inspection.objects.filter(authority__slug__in=["stoke-on-trent", "wolverhampton"])
    assert all(outcome.ok for outcome in reparse_letters(letters))
    assert recounted == [set(letters.values_list("authority_id", flat=True))]
    assert_current_and_right()


def test_the_admin_edits_reference_records_through_the_services(admin_client, archive):
    """An authority's region is a column of the count tables: the admin's save recounts it; a theme added in the
    admin is given its bit; a theme deleted there takes its bit off its findings."""
    stoke = Authority.objects.get(slug="stoke-on-trent")
    before = data_version.current()
    url = f"/admin/letters/authority/{stoke.pk}/change/"
    data = {
        "name": stoke.name,
        "short_name": stoke.short_name,
        "slug": stoke.slug,
        "gss_code": stoke.gss_code,
        "region": "London",
        "kind": stoke.kind,
        "dfe_code": stoke.dfe_code,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Authority.objects.get(pk=stoke.pk).region == "London" and data_version.current() > before
    assert_current_and_right()

    response = admin_client.post(
        "/admin/letters/theme/add/",
        {
            "name": "Fostering",
            "slug": "fostering",
            "description": "",
            "rules": '{"include": [], "exclude": []}',
            "position": "99",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    used = set(Theme.objects.exclude(slug="fostering").values_list("bit", flat=True))
    assert Theme.objects.get(slug="fostering").bit not in used | {None}

    theme = Theme.objects.get(slug="domestic-abuse")
    tagged = list(theme.finding_links.values_list("finding_id", flat=True))
    assert tagged
    response = admin_client.post(f"/admin/letters/theme/{theme.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    bit = 1 << theme.bit
    assert not [m for m in Finding.objects.filter(pk__in=tagged).values_list("theme_mask", flat=True) if m & bit]
    assert_current_and_right()
