"""Export and import of the whole archive as JSON Lines: a round trip loses nothing, curations included, and
importing twice changes nothing. Runs on SQLite and PostgreSQL alike (an export from one imports into the other
through the same code)."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from letters import search
from letters.models.authority import Authority, AuthorityAlias
from letters.models.curation import AuthorityRedirect, InspectorRedirect, SuppressedFinding
from letters.models.finding import Finding, FindingTheme
from letters.models.framework import Framework
from letters.models.inspection import Inspection, InspectionInspector, Inspector, ReviewStatus
from letters.models.rejection import RejectedFile
from letters.models.theme import Theme
from letters.services.archive_export import TYPES, export_archive
from letters.services.archive_import import ArchiveError, import_archive
from letters.services.count_tables import counts_are_current
from letters.services.curation import (
    add_finding,
    delete_findings,
    record_finding_edit,
    record_letter_edit,
    set_finding_themes,
)
from letters.services.theme_masks import mask_of
from tests.conftest import SAMPLE_DIR
from tests.test_commands import run as run_command

pytestmark = pytest.mark.django_db

STOKE = "001_a4209e73c953c179.txt"
NOT_COMPARED = {"id", "bit", "theme_mask"}  # database ids, and what is derived from them (checked separately)
EXPORTED_MODELS = [
    Authority,
    Authority.replaced_by.through,
    AuthorityAlias,
    AuthorityRedirect,
    Framework,
    Theme,
    Inspector,
    InspectorRedirect,
    Inspection,
    InspectionInspector,
    Finding,
    FindingTheme,
    SuppressedFinding,
    RejectedFile,
]


def natural_keys() -> dict[type[models.Model], dict[int, object]]:
    """Each row's natural key by id, for the models other rows point at."""
    findings = Finding.objects.values_list("id", "inspection__source_name", "position")
    return {
        Authority: dict(Authority.objects.values_list("id", "slug")),
        Framework: dict(Framework.objects.values_list("id", "slug")),
        Theme: dict(Theme.objects.values_list("id", "slug")),
        Inspector: dict(Inspector.objects.values_list("id", "slug")),
        Inspection: dict(Inspection.objects.values_list("id", "source_name")),
        Finding: {pk: f"{name}#{position}" for pk, name, position in findings},
    }


def words_of(vector: str) -> list[str]:
    """A tsvector's words without their positions: a letter's vector joins its findings' vectors where they are in its
    text (search/schema.py), so its positions depend on the findings present when it was made, its words do not."""
    return re.findall(r"'((?:[^']|'')*)'", vector)


def snapshot() -> dict[str, list[str]]:
    """Every row of every exported table, every column but ids (references as natural keys), as sorted JSON."""
    keys = natural_keys()
    tables = {}
    for model in EXPORTED_MODELS:
        rows = []
        for row in model.objects.all():
            values = {}
            for column in model._meta.concrete_fields:
                if column.name in NOT_COMPARED:
                    continue
                value = getattr(row, column.attname)
                if column.is_relation:
                    value = keys[column.related_model][value] if value is not None else None
                elif isinstance(value, memoryview | bytes):
                    value = bytes(value).hex()
                elif column.name == "search_vector" and value:
                    value = words_of(value)
                values[column.name] = value
            rows.append(json.dumps(values, sort_keys=True, default=str))
        tables[model._meta.label] = sorted(rows)
    return tables


def assert_same(before: dict, after: dict) -> None:
    """Equal tables; when not, name the first row lost and the columns in which its nearest new row differs."""
    for table, rows in before.items():
        if rows == after[table]:
            continue
        lost = [json.loads(row) for row in sorted(set(rows) - set(after[table]))]
        gained = [json.loads(row) for row in sorted(set(after[table]) - set(rows))]
        if not lost or not gained:
            pytest.fail(f"{table}: {len(lost)} rows lost, {len(gained)} gained")
        nearest = max(gained, key=lambda row: sum(row.get(k) == v for k, v in lost[0].items()))
        differ = {k: (str(v)[:60], str(nearest.get(k))[:60]) for k, v in lost[0].items() if nearest.get(k) != v}
        pytest.fail(f"{table}: {len(lost)} rows differ; first, (before, after): {differ}")


def flush_the_archive() -> None:
    """Delete every table the export holds, as on a deployment that has nothing yet."""
    Inspection.objects.all().delete()  # with findings, theme links, inspector links, suppressed findings
    Inspector.objects.all().delete()
    RejectedFile.objects.all().delete()
    Theme.objects.all().delete()
    Authority.objects.all().delete()  # with aliases, redirects and successor links
    Framework.objects.all().delete()
    assert not any(model.objects.exists() for model in EXPORTED_MODELS)


@pytest.fixture
def curated_archive(tmp_path):
    """The seed letters and one rejected file, then a curator's work of every kind."""
    for path in SAMPLE_DIR.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "recipe.txt").write_bytes(b"Beat the eggs \xff and the sugar.\n")
    assert run_command("ingest_letters", str(tmp_path), "--quiet")[0] == 1  # the recipe is rejected

    letter = Inspection.objects.get(source_name=STOKE)
    letter.recipient_role = "Director of Children's Services (curated)"
    letter.review_status = ReviewStatus.REVIEWED
    record_letter_edit(letter, ["recipient_role", "review_status"])

    edited = letter.findings.get(text__startswith="Consent is, in most cases")
    edited.text = "Consent is obtained by the referrer: zanzibarian wording a curator chose."
    edited.section = "area_for_improvement"
    record_finding_edit(edited, ["text", "section"])
    set_finding_themes(edited, [Theme.objects.get(slug="out-of-hours").pk])

    deleted = letter.findings.get(text__startswith="Partners and, when appropriate")
    delete_findings([deleted])

    added = Finding(inspection=letter, section="narrative", text="A curator's own finding about quokkas.")
    add_finding(added)

    stoke = Authority.objects.get(slug="stoke-on-trent")
    AuthorityAlias.objects.create(authority=stoke, name="The Potteries")
    AuthorityRedirect.objects.create(authority=stoke, old_slug="stoke")
    inspector = Inspector.objects.get(slug="andrew-waugh")
    InspectorRedirect.objects.create(inspector=inspector, old_slug="andy-waugh")
    theme = Theme.objects.get(slug="out-of-hours")
    theme.rules = {"include": [r"\bout of hours\b", r"\bquokkas?\b"], "exclude": []}
    theme.save()
    return {"letter": letter, "edited": edited.pk, "added": added.pk}


def test_a_round_trip_loses_nothing_and_curations_survive_a_reparse(curated_archive):
    before = snapshot()
    assert Authority.replaced_by.through.objects.exists()  # the reference data's successors are part of it
    lines = list(export_archive())
    exported = [json.loads(line)["type"] for line in lines]
    assert exported[0] == "archive" and set(exported[1:]) == set(TYPES)

    flush_the_archive()
    report = import_archive(lines)

    assert report.failed == []
    assert report.created == {kind: exported.count(kind) for kind in TYPES}
    assert_same(before, snapshot())
    for finding in Finding.objects.prefetch_related("themes"):
        assert finding.theme_mask == mask_of(theme.bit for theme in finding.themes.all())

    # Imported rows are in the search index (kept by the database's triggers).
    hits = search.match(Finding.objects.all(), "zanzibarian")
    assert list(hits.values_list("text", flat=True)) == [
        "Consent is obtained by the referrer: zanzibarian wording a curator chose."
    ]
    assert search.match(Inspection.objects.all(), "Stoke").filter(source_name=STOKE).exists()

    # The curations are imported as curations: a re-parse keeps them.
    assert run_command("reparse_letters", "--quiet")[0] == 0
    letter = Inspection.objects.get(source_name=STOKE)
    assert letter.recipient_role == "Director of Children's Services (curated)"
    assert letter.curated_fields == ["recipient_role"] and letter.review_status == ReviewStatus.REVIEWED
    edited = letter.findings.get(text__contains="zanzibarian")
    assert edited.section == "area_for_improvement"
    assert list(edited.themes.values_list("slug", flat=True)) == ["out-of-hours"]
    assert not letter.findings.filter(text__startswith="Partners and, when appropriate").exists()
    assert letter.findings.filter(text__contains="quokkas", origin="curator").exists()
    assert not letter.findings.filter(text__startswith="Consent is, in most cases").exists()


def test_importing_the_same_archive_twice_changes_nothing(curated_archive):
    lines = list(export_archive())
    flush_the_archive()
    import_archive(lines)
    after_first = snapshot()
    version = connection.cursor()
    version.execute("SELECT version FROM letters_dataversion WHERE id = 1")
    data_version = version.fetchone()[0]

    report = import_archive(lines)

    assert report.failed == [] and not report.created and not report.updated
    assert sum(report.unchanged.values()) == len(lines) - 1
    assert_same(after_first, snapshot())
    version.execute("SELECT version FROM letters_dataversion WHERE id = 1")
    assert version.fetchone()[0] == data_version  # nothing written, so no cache was made stale


def test_importing_over_a_changed_archive_puts_back_the_exported_state(curated_archive):
    before = snapshot()
    lines = list(export_archive())
    letter = Inspection.objects.get(source_name=STOKE)
    letter.title = "Changed after the export"
    letter.save()
    letter.findings.filter(position=1).update(text="Changed too.")
    FindingTheme.objects.filter(finding__inspection=letter).delete()
    InspectionInspector.objects.filter(inspection=letter, lead=False).delete()
    AuthorityAlias.objects.filter(name="The Potteries").delete()
    Authority.objects.get(slug="stoke-on-trent").redirects.all().delete()

    report = import_archive(lines)

    assert report.failed == [] and not report.created
    assert report.updated["letter"] == 1 and report.updated["authority"] == 1
    assert_same(before, snapshot())


def test_export_streams_in_chunks_without_a_query_per_record(curated_archive):
    with CaptureQueriesContext(connection) as few:
        lines = sum(1 for _ in export_archive())
    assert lines > 100
    # A handful of queries per chunk of rows (the rows, then their related rows), never one per record.
    assert len(few.captured_queries) < 40, len(few.captured_queries)


def test_records_that_name_what_is_not_there_are_reported_and_the_rest_imported(curated_archive):
    lines = list(export_archive())
    flush_the_archive()
    orphan = json.dumps({"type": "finding", "letter": "no-such-letter.txt", "position": 1, "section": "strength"})
    bad = [lines[0], "not json at all\n", json.dumps({"type": "gossip"}) + "\n", orphan + "\n", *lines[1:]]

    report = import_archive(bad)

    assert len(report.failed) == 3
    assert "not JSON" in report.failed[0] and "unknown record type 'gossip'" in report.failed[1]
    assert "letter 'no-such-letter.txt' is not in the archive" in report.failed[2]
    assert Inspection.objects.count() == 5 and Finding.objects.filter(text__contains="quokkas").exists()


def test_an_input_that_is_not_an_archive_is_refused():
    with pytest.raises(ArchiveError, match="first record must be the header"):
        import_archive(['{"type": "letter", "source_name": "x.txt"}\n'])
    with pytest.raises(ArchiveError, match="format 99"):
        import_archive(['{"type": "archive", "format": 99}\n'])
    with pytest.raises(ArchiveError, match="empty"):
        import_archive([])


def test_the_commands_export_to_a_file_or_standard_output_and_import_it_again(curated_archive, tmp_path):
    out = tmp_path / "archive.jsonl"
    code, _, err = run_command("export_archive", str(out))
    assert code == 0 and "exported " in err and " letter" in err
    assert not (tmp_path / "archive.jsonl.partial").exists()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["type"] == "archive"
    assert sum(json.loads(line)["type"] == "letter" for line in lines) == 5

    code, printed, _ = run_command("export_archive", "-", "--quiet")
    assert code == 0 and printed.splitlines()[1:] == lines[1:]  # the same records, another header time

    flush_the_archive()
    code, summary, _ = run_command("import_archive", str(out), "--quiet")
    assert code == 0 and counts_are_current()  # the facet count tables follow the imported data
    assert "letter: 5 created, 0 updated, 0 unchanged" in summary and summary.rstrip().endswith("s)")
    code, summary, _ = run_command("import_archive", str(out), "--quiet")
    assert code == 0 and "letter: 0 created, 0 updated, 5 unchanged" in summary and "0 failed" in summary

    out.write_text(lines[0] + "\n" + '{"type": "finding", "letter": "nowhere.txt", "position": 1}\n')
    code, summary, err = run_command("import_archive", str(out))
    assert code == 1 and "failed line 2: finding nowhere.txt #1" in err and "1 failed" in summary
