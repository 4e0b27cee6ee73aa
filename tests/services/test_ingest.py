import codecs
from datetime import date

import pytest

from letters.models import Finding, Inspection, InspectionInspector, Inspector, RejectedFile
from letters.services.ingest import ADDED, REJECTED, UNCHANGED, UPDATED, Ingestor, letter_files
from letters.services.store import _keys_on_days
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db
MONITORING = "001_a4209e73c953c179.txt"


def ingest(raw: bytes, name: str = "letter.txt"):
    return Ingestor().ingest_bytes(raw, source_name=name, source_path=f"/tmp/{name}")


def test_ingest_stores_the_letter_its_findings_themes_and_inspectors():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    outcome = ingest(raw, MONITORING)
    assert outcome.status == ADDED
    letter = Inspection.objects.get(pk=outcome.inspection_id)
    assert letter.authority.slug == "stoke-on-trent"
    assert letter.framework.slug == "ilacs"
    assert letter.url_key == "2022-01-31"
    assert letter.raw_text.encode(letter.encoding) == raw
    assert letter.findings.count() == 15
    assert letter.findings.filter(section="headline").count() == 1
    assert Finding.objects.filter(inspection=letter, themes__slug="domestic-abuse").exists()
    finding = letter.findings.first()
    assert (finding.authority_id, finding.year, finding.framework_id) == (
        letter.authority_id,
        2022,
        letter.framework_id,
    )
    leads = InspectionInspector.objects.filter(inspection=letter, lead=True).values_list("inspector__name", flat=True)
    assert list(leads) == ["Andrew Waugh"]


def test_same_bytes_twice_change_nothing():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    first = ingest(raw, MONITORING)
    before = Inspection.objects.get().updated_at
    assert ingest(raw, MONITORING).status == UNCHANGED
    assert Ingestor().ingest_bytes(raw, source_name="copy.txt", source_path="/x/copy.txt").status == UNCHANGED
    assert Inspection.objects.count() == 1
    assert Inspection.objects.get(pk=first.inspection_id).updated_at == before


def test_changed_file_with_the_same_name_updates_its_letter_and_keeps_its_url():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    first = ingest(raw, MONITORING)
    changed = raw.replace(b"Consent is, in most cases,", b"Consent is, in nearly all cases,")
    second = ingest(changed, MONITORING)
    assert second.status == UPDATED
    assert second.inspection_id == first.inspection_id
    letter = Inspection.objects.get()
    assert letter.url_key == "2022-01-31"
    assert letter.findings.filter(text__contains="in nearly all cases").exists()
    assert Finding.objects.count() == 15  # replaced, not duplicated
    assert Inspector.objects.count() == 2


def test_second_letter_of_a_council_on_the_same_day_gets_its_own_stable_url():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    ingest(raw, "a.txt")
    ingest(raw + b"\n", "b.txt")
    assert sorted(Inspection.objects.values_list("url_key", flat=True)) == ["2022-01-31", "2022-01-31-2"]


def test_a_batch_gives_a_council_s_further_letters_of_a_day_their_own_urls(tmp_path):
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    ingest(raw, "a.txt")  # already in the archive
    for name, tail in (("b.txt", b"\n"), ("c.txt", b"\n\n")):
        (tmp_path / name).write_bytes(raw + tail)
    outcomes = list(Ingestor().ingest_many(sorted(tmp_path.iterdir())))
    assert [outcome.status for outcome in outcomes] == [ADDED, ADDED]
    assert sorted(Inspection.objects.values_list("source_name", "url_key")) == [
        ("a.txt", "2022-01-31"),
        ("b.txt", "2022-01-31-2"),
        ("c.txt", "2022-01-31-3"),
    ]


def test_the_urls_taken_are_read_for_each_council_and_day_asked():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    ingest(raw, "a.txt")
    ingest(raw + b"\n", "b.txt")
    council = Inspection.objects.values_list("authority_id", flat=True).first()
    day = date(2022, 1, 31)
    assert _keys_on_days([(council, day)]) == {(council, "2022-01-31"), (council, "2022-01-31-2")}
    assert _keys_on_days([(council, date(2022, 2, 1)), (council + 1, day)]) == set()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "white space"),
        (b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary"),
        (b"<!DOCTYPE html><html><body>Ofsted</body></html>", "HTML"),
        (
            b"Victoria sponge: beat the butter and sugar, fold in the flour, bake for 25 minutes.",
            "not an Ofsted letter",
        ),
        (
            "Dear Sir\nFocused visit to Atlantis children’s services\nOfsted visited on 2 May 2020.".encode(),
            "not in the reference",
        ),
    ],
)
def test_bad_files_are_rejected_with_a_reason_and_kept(raw, reason):
    outcome = ingest(raw, "bad.txt")
    assert outcome.status == REJECTED
    assert any(reason in text for text in outcome.reasons), outcome.reasons
    assert Inspection.objects.count() == 0
    kept = RejectedFile.objects.get()
    assert bytes(kept.raw_bytes) == raw and kept.source_name == "bad.txt"


def test_other_encodings_and_line_endings_parse_the_same():
    raw = (SAMPLE_DIR / MONITORING).read_bytes()
    variants = {
        "bom.txt": codecs.BOM_UTF8 + raw,
        "crlf.txt": raw.replace(b"\n", b"\r\n") + b" ",
        "cp1252.txt": raw.decode("utf-8").replace("'", "’").encode("cp1252"),
    }
    for name, variant in variants.items():
        outcome = ingest(variant, name)
        assert outcome.status == ADDED, (name, outcome.reasons)
        letter = Inspection.objects.get(pk=outcome.inspection_id)
        assert letter.findings.count() == 15, name
        assert letter.raw_text.encode(letter.encoding) == variant


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a_bad.txt").write_bytes(b"\x00" * 100)
    for path in SAMPLE_DIR.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "notes.md").write_text("not a letter file")
    ingestor = Ingestor()
    statuses = [ingestor.ingest_path(path).status for path in letter_files([tmp_path])]
    assert statuses.count(REJECTED) == 1
    assert statuses.count(ADDED) == 5
    assert Inspection.objects.count() == 5
