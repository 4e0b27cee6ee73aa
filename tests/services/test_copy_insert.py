"""``insert_rows``: COPY on PostgreSQL, ``bulk_create`` on SQLite, the same rows either way."""

from pathlib import Path

import pytest

from letters.models import Finding, FindingTheme, Inspection, InspectionInspector, Judgement, Theme
from letters.services.copy_insert import insert_links, insert_new_rows, insert_rows
from letters.services.ingest import ADDED, Ingestor, letter_files
from letters.services.judgements import refresh_judgement_summaries
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def _rows() -> dict:
    """Everything the ingest wrote for the letters, keyed by what does not depend on the order of writing."""
    findings = Finding.objects.values_list(
        "inspection__source_name",
        "position",
        "section",
        "text",
        "heading",
        "parser_text_hash",
        "theme_mask",
        "focus_mask",
        "authority_id",
        "framework_id",
        "year",
        "visit_type",
        "jtai_topic",
        "origin",
        "curated_fields",
    )
    return {
        "findings": sorted(findings),
        "themes": sorted(
            FindingTheme.objects.values_list("finding__inspection__source_name", "finding__position", "theme__slug")
        ),
        "inspectors": sorted(
            InspectionInspector.objects.values_list("inspection__source_name", "inspector__slug", "lead", "position")
        ),
        "judgements": sorted(Judgement.objects.values_list("inspection__source_name", "area", "grade", "curated")),
        "searchable": sorted(
            Finding.objects.search("social workers").values_list("inspection__source_name", "position")
        ),
    }


def test_a_batch_ingest_writes_the_same_rows_as_one_letter_at_a_time():
    paths = list(letter_files([SAMPLE_DIR]))
    outcomes = list(Ingestor().ingest_many(paths, batch=64))
    assert {outcome.status for outcome in outcomes} == {ADDED}
    in_bulk = _rows()
    assert in_bulk["findings"] and in_bulk["themes"] and in_bulk["inspectors"] and in_bulk["searchable"]

    Inspection.objects.all().delete()
    ingestor = Ingestor()
    for path in paths:
        assert ingestor.ingest_path(path).status == ADDED
    assert _rows() == in_bulk


def test_insert_rows_gives_ids_and_keeps_awkward_text_and_json(archive):
    letter = Inspection.objects.first()
    awkward = 'tab\there, new\nline, back\\slash, "quotes", \\N, comma, £ — ✓'
    findings = [
        Finding(
            inspection=letter,
            section="strength",
            position=1000 + index,
            text=f"{awkward} {index}",
            heading="",
            authority_id=letter.authority_id,
            year=letter.year,
            curated_fields=["text", 'a "quoted"\\ name'],
        )
        for index in range(3)
    ]
    insert_rows(Finding, findings)
    assert all(finding.pk is not None for finding in findings)
    assert len({finding.pk for finding in findings}) == 3
    stored = Finding.objects.filter(pk__in=[finding.pk for finding in findings]).order_by("position")
    assert [finding.text for finding in stored] == [f"{awkward} {index}" for index in range(3)]
    assert stored[0].curated_fields == ["text", 'a "quoted"\\ name']
    assert stored[0].origin == "parser" and stored[0].theme_mask == 0

    theme = Theme.objects.first()
    insert_rows(FindingTheme, [FindingTheme(finding_id=finding.pk, theme=theme) for finding in findings])
    assert FindingTheme.objects.filter(finding__in=findings, theme=theme).count() == 3
    # The next row the ORM writes takes an id of its own: the sequence moved past the ids given out.
    later = Finding.objects.create(
        inspection=letter, section="strength", position=2000, text="later", authority_id=letter.authority_id
    )
    assert later.pk not in {finding.pk for finding in findings}


def _history() -> list[tuple]:
    return sorted(
        Inspection.history.values_list(
            "source_name",
            "url_key",
            "authority_id",
            "letter_date",
            "history_type",
            "history_user",
            "history_change_reason",
        )
    )


def test_a_batch_ingest_writes_each_letter_s_history_row_as_one_letter_at_a_time_does():
    paths = list(letter_files([SAMPLE_DIR]))
    list(Ingestor().ingest_many(paths, batch=64))
    in_bulk = _history()
    assert len(in_bulk) == len(paths)
    assert {row[4:] for row in in_bulk} == {("+", None, None)}

    Inspection.objects.all().delete()
    Inspection.history.all().delete()
    ingestor = Ingestor()
    for path in paths:
        ingestor.ingest_path(path)
    assert _history() == in_bulk


def test_insert_links_writes_plain_rows_and_raises_django_s_error_on_a_refused_one(archive):
    from django.db import IntegrityError, transaction

    findings = list(Finding.objects.order_by("pk")[:3])
    theme = Theme.objects.exclude(pk__in=FindingTheme.objects.values("theme")).first() or Theme.objects.first()
    FindingTheme.objects.filter(theme=theme).delete()
    insert_links(FindingTheme, ["finding", "theme"], [(finding.pk, theme.pk) for finding in findings])
    assert sorted(FindingTheme.objects.filter(theme=theme).values_list("finding_id", flat=True)) == [
        finding.pk for finding in findings
    ]
    with pytest.raises(IntegrityError), transaction.atomic():  # the same link twice: the unique constraint
        insert_links(FindingTheme, ["finding", "theme"], [(findings[0].pk, theme.pk)])
    assert FindingTheme.objects.filter(theme=theme).count() == 3


def test_insert_rows_with_nothing_to_insert_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        insert_rows(Finding, [])
        insert_links(FindingTheme, ["finding", "theme"], [])


def test_a_batch_ingest_leaves_every_council_s_judgement_summary_current():
    # Only councils whose new letters state a grade are recounted after a batch: none is left behind.
    list(Ingestor().ingest_many(list(letter_files([SAMPLE_DIR])), batch=64))
    assert Inspection.objects.exclude(prior_grade="").exists()
    assert refresh_judgement_summaries() == 0


def test_a_row_the_database_refuses_raises_django_s_error_so_that_ingest_can_settle_it(archive):
    from django.db import IntegrityError, transaction

    letter = Inspection.objects.first()
    refused = Finding(
        inspection=letter, section="strength", position=-1, text="x", authority_id=letter.authority_id
    )  # the position's CHECK constraint
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Finding, [refused])
    assert not Finding.objects.filter(position=-1).exists()


def test_a_letter_the_database_refuses_in_a_batch_is_kept_aside_and_the_rest_are_added(monkeypatch):
    from letters.services import store
    from letters.services.ingest import REJECTED

    paths = list(letter_files([SAMPLE_DIR]))
    refused_name = paths[1].name
    real_columns = store.letter_columns

    def columns(inspection):  # one letter's findings break a CHECK constraint (a year below 0) on both databases
        values = real_columns(inspection)
        return {**values, "year": -1} if inspection.source_name == refused_name else values

    monkeypatch.setattr(store, "letter_columns", columns)
    outcomes = {Path(outcome.path).name: outcome for outcome in Ingestor().ingest_many(paths, batch=64)}
    assert outcomes[refused_name].status == REJECTED
    assert "the database refused this letter" in outcomes[refused_name].reasons[0]
    assert {outcome.status for name, outcome in outcomes.items() if name != refused_name} == {ADDED}
    assert Finding.objects.exclude(inspection__source_name=refused_name).count() > 0
    assert not Inspection.objects.filter(source_name=refused_name).exists()


def test_insert_new_rows_returns_the_ids_in_order_and_keeps_awkward_text_and_json(archive):
    from letters.services.store import NEW_FINDING_COLUMNS, letter_columns

    letter = Inspection.objects.first()
    awkward = 'tab\there, new\nline, back\\slash, "quotes", \\N, comma, £ — ✓'
    rows = [
        (
            letter.pk,
            1000 + index,
            "strength",
            f"{awkward} {index}",
            "a heading",
            "",
            5,
            "parser",
            ["text", 'a "quoted"\\ name'],
            *letter_columns(letter).values(),
        )
        for index in range(3)
    ]
    ids = insert_new_rows(Finding, NEW_FINDING_COLUMNS, rows)
    assert len(set(ids)) == 3 and None not in ids
    stored = Finding.objects.in_bulk(ids)
    assert [stored[pk].text for pk in ids] == [f"{awkward} {index}" for index in range(3)]
    assert [stored[pk].position for pk in ids] == [1000, 1001, 1002]
    assert stored[ids[0]].curated_fields == ["text", 'a "quoted"\\ name']
    assert stored[ids[0]].theme_mask == 5 and stored[ids[0]].authority_id == letter.authority_id
    assert Finding.objects.search("quotes").filter(pk__in=ids).count() == 3  # the database made their vectors
    later = Finding.objects.create(
        inspection=letter, section="strength", position=2000, text="later", authority_id=letter.authority_id
    )
    assert later.pk not in ids


def test_insert_new_rows_refuses_rows_without_a_required_column_before_writing(archive):
    from letters.services.store import NEW_FINDING_COLUMNS

    before = Finding.objects.count()
    with pytest.raises(ValueError, match="no value for .*curated_fields"):
        insert_new_rows(Finding, [column for column in NEW_FINDING_COLUMNS if column != "curated_fields"], [])
    assert Finding.objects.count() == before
