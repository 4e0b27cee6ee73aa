import json
from io import StringIO

import pytest
from django.core.management import call_command

from letters.models import Finding, Inspection
from tests.conftest import SAMPLE_DIR

SEEDS = sorted(str(p) for p in SAMPLE_DIR.glob("*.txt"))


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_parse_letter_prints_the_contract_and_touches_no_table(django_assert_num_queries):
    with django_assert_num_queries(0):
        code, out, _ = run("parse_letter", *SEEDS)
    assert code == 0
    results = json.loads(out)
    assert [r["file"] for r in results] == SEEDS
    first = results[1]
    for key in (
        "file",
        "ok",
        "errors",
        "warnings",
        "authority",
        "letter_date",
        "visit_dates",
        "framework",
        "visit_type",
        "title",
        "recipient",
        "inspectors",
        "prior_judgement",
        "visit_ordinal",
        "findings",
    ):
        assert key in first
    assert set(first["authority"]) >= {"name", "slug", "gss_code"}
    assert set(first["framework"]) == {"slug", "name"}
    assert first["prior_judgement"] == {"grade": "inadequate", "month": "2019-03", "area": "overall_effectiveness"}
    assert set(first["findings"][0]) == {"section", "text", "themes", "heading"}
    assert first["document_kind"] == "letter" and first["source_format"] == "text"


def test_parse_letter_reports_an_unreadable_file():
    code, out, _ = run("parse_letter", "/no/such/file.txt")
    assert code == 0
    assert json.loads(out)[0]["ok"] is False


@pytest.mark.django_db
def test_ingest_letters_summarises_and_is_idempotent(tmp_path):
    code, out, err = run("ingest_letters", str(SAMPLE_DIR))
    assert code == 0
    assert "5 added, 0 updated, 0 unchanged, 0 rejected" in out
    assert "[5/5 100%]" in err
    code, out, _ = run("ingest_letters", str(SAMPLE_DIR))
    assert "0 added, 0 updated, 5 unchanged, 0 rejected" in out
    assert Inspection.objects.count() == 5


@pytest.mark.django_db
def test_ingest_letters_exits_non_zero_and_names_each_rejected_file(tmp_path):
    bad = tmp_path / "recipe.txt"
    bad.write_text("Beat the eggs and sugar.")
    code, out, err = run("ingest_letters", str(bad), SEEDS[0])
    assert code == 1
    assert f"rejected {bad}: not an Ofsted letter" in err
    assert "1 added, 0 updated, 0 unchanged, 1 rejected" in out


def test_ingest_letters_with_an_empty_folder_is_an_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no letter files"):
        call_command("ingest_letters", str(tmp_path))


@pytest.mark.django_db
def test_reparse_letters_rebuilds_findings_from_the_stored_raw_text():
    run("ingest_letters", str(SAMPLE_DIR))
    Finding.objects.filter(section="strength").delete()
    Inspection.objects.update(parser_version="0.0.1")
    code, out, _ = run("reparse_letters")
    assert code == 0
    assert "5 letters re-parsed, 0 left unchanged" in out
    assert Finding.objects.filter(section="strength").count() == 4 + 5 + 1 + 2
    assert set(Inspection.objects.values_list("parser_version", flat=True)) != {"0.0.1"}


@pytest.mark.django_db
def test_load_reference_data_command_reports_counts():
    code, out, _ = run("load_reference_data")
    assert code == 0 and "frameworks" in out
