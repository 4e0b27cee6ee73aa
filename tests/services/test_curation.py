"""Curated values win: re-ingesting a changed file and re-parsing everything keep what curators set."""

from datetime import date

import pytest
from django.core.management import call_command

from letters.models import Authority, Finding, Inspection, SuppressedFinding, Theme
from letters.services.curation import (
    add_finding,
    delete_findings,
    drop_finding_curation,
    drop_letter_curation,
    record_finding_edit,
    record_letter_edit,
    set_finding_themes,
)
from letters.services.ingest import UPDATED, Ingestor
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db
NAME = "001_a4209e73c953c179.txt"


def ingest(raw: bytes):
    return Ingestor().ingest_bytes(raw, source_name=NAME, source_path=f"/in/{NAME}")


def finding_with(letter, words):
    return Finding.objects.get(inspection=letter, text__contains=words)


def test_reingest_and_reparse_keep_curated_values_and_update_the_rest():
    raw = (SAMPLE_DIR / NAME).read_bytes()
    letter = Inspection.objects.get(pk=ingest(raw).inspection_id)

    # A curator fixes the recipient's role and the letter date, ...
    letter.recipient_role = "Director of Children's Services"
    letter.letter_date = date(2022, 2, 1)
    record_letter_edit(letter, ["recipient_role", "letter_date"])
    # ... rewrites one finding's text and moves it to another section, ...
    consent = finding_with(letter, "Consent is, in most cases")
    consent.text = "Consent is obtained from families by the referrer in most cases."
    consent.section = "area_for_improvement"
    record_finding_edit(consent, ["text", "section"])
    # ... sets another finding's themes by hand, deletes a third and adds one of their own.
    emergency = finding_with(letter, "The emergency duty team communicates")
    out_of_hours = Theme.objects.get(slug="out-of-hours")
    set_finding_themes(emergency, [out_of_hours.pk])
    doomed = finding_with(letter, "Partners and, when appropriate, members of the public")
    delete_findings([doomed])
    added = Finding(inspection=letter, section="narrative", text="Curators note: the front door was visited twice.")
    add_finding(added)

    # The file changes (a new sentence and a new role) and is ingested again; then everything is re-parsed.
    changed = raw.replace(b"Strategy meetings are mostly held promptly", b"Strategy meetings are always held promptly")
    changed = changed.replace(b"Niki Clemo Interim Director", b"Niki Clemo Acting Director")
    assert ingest(changed).status == UPDATED
    call_command("reparse_letters", "--quiet", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))

    letter.refresh_from_db()
    assert letter.recipient_role == "Director of Children's Services"  # curated
    assert letter.letter_date == date(2022, 2, 1) and letter.year == 2022  # curated
    assert letter.url_key == "2022-01-31"  # the URL never changes
    assert letter.visit_dates == ["2021-12-14", "2021-12-15"]  # parser's, untouched
    assert finding_with(letter, "always held promptly")  # uncurated finding updated from the new file
    assert not Finding.objects.filter(inspection=letter, text__contains="mostly held promptly").exists()
    consent = Finding.objects.get(pk=consent.pk)
    assert consent.text == "Consent is obtained from families by the referrer in most cases."
    assert consent.section == "area_for_improvement"
    assert not Finding.objects.filter(inspection=letter, text__contains="Consent is, in most cases").exists()
    assert list(Finding.objects.get(pk=emergency.pk).themes.values_list("slug", flat=True)) == ["out-of-hours"]
    assert not Finding.objects.filter(inspection=letter, text__contains="members of the public").exists()
    assert Finding.objects.filter(pk=added.pk, position=letter.findings.count()).exists()
    assert letter.findings.count() == 15  # 15 parsed - 1 deleted + 1 added; nothing duplicated
    positions = list(letter.findings.values_list("position", flat=True))
    assert positions == list(range(1, 16))
    assert set(letter.findings.values_list("year", flat=True)) == {2022}


def test_dropping_a_curation_returns_the_parser_value():
    raw = (SAMPLE_DIR / NAME).read_bytes()
    letter = Inspection.objects.get(pk=ingest(raw).inspection_id)
    letter.recipient_name = "Someone Else"
    letter.authority = Authority.objects.get(slug="wolverhampton")
    record_letter_edit(letter, ["recipient_name", "authority"])
    assert Finding.objects.filter(inspection=letter).first().authority.slug == "wolverhampton"
    drop_letter_curation(letter, ["recipient_name"])
    letter.refresh_from_db()
    assert letter.recipient_name == "Niki Clemo"
    assert letter.authority.slug == "wolverhampton" and letter.curated_fields == ["authority"]

    finding = letter.findings.get(position=3)
    original = finding.text
    finding.text = "Rewritten."
    record_finding_edit(finding, ["text"])
    drop_finding_curation(finding)
    assert letter.findings.get(position=3).text == original


def test_a_deleted_finding_stays_deleted_after_reparse():
    letter = Inspection.objects.get(pk=ingest((SAMPLE_DIR / NAME).read_bytes()).inspection_id)
    finding = letter.findings.get(position=2)
    delete_findings([finding])
    call_command("reparse_letters", "--quiet", stdout=open("/dev/null", "w"))
    assert letter.findings.count() == 14
    assert SuppressedFinding.objects.filter(inspection=letter).count() == 1
