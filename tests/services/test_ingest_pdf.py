"""PDF ingestion: the PDF's bytes kept (and served, exported, re-parsed from), its text as the letter's raw text,
other files in a folder listed as skipped, a letter's text and PDF kept as one letter; coverage and set-aside
text stored and shown to curators."""

import hashlib
import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from letters.models import Inspection, OriginalFile, ReviewStatus
from letters.parsing import parse
from letters.services.archive_export import export_archive
from letters.services.archive_import import import_archive
from letters.services.ingest import ADDED, REJECTED, UNCHANGED, UPDATED, Ingestor, SkippedFile, letter_files
from letters.services.reparse import reparse_letters
from letters.services.store import LOW_CONFIDENCE, Lookups, store_new_letters
from tests.parsing.pdf_factory import focused_visit_letter

pytestmark = pytest.mark.django_db
NAME = "stoke_focused_visit.pdf"


def ingest(raw: bytes, name: str = NAME):
    return Ingestor().ingest_bytes(raw, source_name=name, source_path=f"/tmp/{name}")


@pytest.fixture
def pdf_letter():
    raw, body = focused_visit_letter()
    outcome = ingest(raw)
    assert outcome.status == ADDED, outcome.reasons
    return raw, body, Inspection.objects.get(pk=outcome.inspection_id)


def test_a_pdf_is_stored_with_its_bytes_apart_and_its_text_as_the_raw_text(pdf_letter):
    raw, body, letter = pdf_letter
    assert letter.sha256 == hashlib.sha256(raw).hexdigest()
    assert letter.encoding == "pdf" and letter.read_from_pdf
    assert letter.raw_text == parse(raw).verbatim_text
    assert "Headline findings" in letter.raw_text
    original = OriginalFile.objects.get(inspection=letter)
    assert bytes(original.content) == raw and original.size == len(raw)
    assert original.media_type == "application/pdf"
    assert list(letter.findings.order_by("position").values_list("text", flat=True)) == body


def test_coverage_and_set_aside_text_are_stored(pdf_letter):
    _, _, letter = pdf_letter
    # The PDF's own furniture and footnote, and the closing boilerplate the body's reading sets aside.
    assert {item["reason"] for item in letter.set_aside} == {"footnote", "page_furniture", "boilerplate"}
    assert 0.0 <= letter.coverage <= 1.0


def test_the_same_pdf_again_changes_nothing(pdf_letter):
    raw, _, letter = pdf_letter
    assert ingest(raw).status == UNCHANGED
    assert OriginalFile.objects.count() == 1


def test_the_letter_page_links_the_original_pdf_which_is_served_as_a_pdf(client, pdf_letter):
    raw, _, letter = pdf_letter
    page = client.get(letter.get_absolute_url()).content.decode()
    url = f"/councils/{letter.authority.slug}/letters/{letter.url_key}/original.pdf"
    assert f'href="{url}"' in page and "Original PDF" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{NAME}"'
    assert response.content == raw


def test_a_letter_read_from_text_has_no_original_pdf(client, pdf_letter):
    _, _, letter = pdf_letter
    OriginalFile.objects.all().delete()
    url = f"/councils/{letter.authority.slug}/letters/{letter.url_key}/original.pdf"
    assert client.get(url).status_code == 404


def test_set_aside_text_is_shown_to_curators_and_not_to_the_public(client, pdf_letter):
    _, _, letter = pdf_letter
    assert "Text set aside" not in client.get(letter.get_absolute_url()).content.decode()
    client.force_login(User.objects.create_user("cura", password="pw-for-tests-only", is_staff=True))
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Text set aside from the findings" in page
    assert "cross-referenced with the national framework" in page


def test_the_admin_change_page_shows_the_set_aside_text(client, pdf_letter):
    _, _, letter = pdf_letter
    client.force_login(User.objects.create_superuser("boss", password="pw-for-tests-only"))
    page = client.get(f"/admin/letters/inspection/{letter.pk}/change/").content.decode()
    assert "Text set aside" in page and "cross-referenced with the national framework" in page
    assert "Original PDF" in page


def test_reparse_reads_the_stored_pdf_again(pdf_letter):
    _, body, letter = pdf_letter
    Inspection.objects.filter(pk=letter.pk).update(raw_text="damaged", parser_version="0")
    outcomes = list(reparse_letters())
    assert [o.ok for o in outcomes] == [True]
    letter.refresh_from_db()
    assert list(letter.findings.order_by("position").values_list("text", flat=True)) == body
    assert "Headline findings" in letter.raw_text


def test_export_and_import_carry_the_pdf(pdf_letter):
    raw, _, letter = pdf_letter
    lines = list(export_archive())
    Inspection.objects.all().delete()
    assert not OriginalFile.objects.exists()
    report = import_archive(lines)
    assert report.failed == []
    again = Inspection.objects.get(source_name=NAME)
    assert bytes(again.original_file.content) == raw
    assert import_archive(lines).updated == {}  # a second import writes nothing


def test_a_broken_pdf_is_rejected_with_a_clear_reason():
    outcome = ingest(b"%PDF-1.7\n1 0 obj broken", "broken.pdf")
    assert outcome.status == REJECTED
    assert outcome.reasons[0].startswith("the PDF cannot be read")


def test_a_folder_gives_its_pdfs_and_lists_other_files_as_skipped_with_the_reason(tmp_path):
    raw, _ = focused_visit_letter()
    (tmp_path / "a.pdf").write_bytes(raw)
    (tmp_path / "a.txt").write_text("the same letter as text")
    (tmp_path / "b.txt").write_text("another letter")
    (tmp_path / "page.html").write_text("<html></html>")
    skipped: list[SkippedFile] = []
    found = [path.name for path in letter_files([tmp_path], skipped)]
    assert found == ["a.pdf", "b.txt"]
    reasons = {item.path.name: item.reason for item in skipped}
    assert reasons["page.html"].startswith("a .html file, not a letter")
    assert "a.pdf" in reasons["a.txt"]


def test_ingest_letters_reports_skipped_files_on_stderr_and_in_the_summary(tmp_path):
    raw, _ = focused_visit_letter()
    (tmp_path / NAME).write_bytes(raw)
    (tmp_path / "notes.html").write_text("<p>notes</p>")
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_letters", str(tmp_path), stdout=out, stderr=err)
    assert f"skipped {tmp_path / 'notes.html'}: a .html file, not a letter" in err.getvalue()
    assert "1 added" in out.getvalue() and "1 other files skipped" in out.getvalue()
    assert OriginalFile.objects.count() == 1


def test_a_letters_pdf_after_its_text_takes_the_texts_place_as_one_letter(pdf_letter):
    raw, _, letter = pdf_letter
    text_name = NAME.replace(".pdf", ".txt")
    Inspection.objects.filter(pk=letter.pk).update(source_name=text_name, encoding="utf-8", sha256="0" * 64)
    OriginalFile.objects.all().delete()
    outcome = ingest(raw)
    assert outcome.status == UPDATED and outcome.inspection_id == letter.pk
    letter.refresh_from_db()
    assert letter.source_name == NAME and letter.read_from_pdf
    assert Inspection.objects.count() == 1 and OriginalFile.objects.count() == 1
    again = ingest(b"text of the same letter", text_name)
    assert again.status == UNCHANGED and NAME in again.warnings[0]


def test_low_coverage_puts_a_letter_in_the_review_queue(pdf_letter):
    raw, _, _ = pdf_letter
    Inspection.objects.all().delete()
    parsed = parse(raw)
    assert not parsed.warnings and parsed.confidence >= LOW_CONFIDENCE
    parsed.coverage = 0.9
    [letter] = store_new_letters([(parsed, hashlib.sha256(raw).hexdigest(), NAME)], lookups=Lookups.load())
    letter.refresh_from_db()
    assert letter.review_status == ReviewStatus.NEEDS_REVIEW and letter.coverage == 0.9


def test_parse_letter_reads_a_pdf_and_reports_its_set_aside_text(tmp_path):
    raw, body = focused_visit_letter()
    path = tmp_path / NAME
    path.write_bytes(raw)
    out = io.StringIO()
    call_command("parse_letter", str(path), stdout=out)
    [record] = json.loads(out.getvalue())
    assert record["ok"] and record["source_format"] == "pdf"
    assert [f["text"] for f in record["findings"]] == body
    assert {"reason": "page_furniture", "text": "2"} in record["set_aside"]


@pytest.mark.parametrize(
    ("warnings", "guessed", "queued"),
    [
        (["2 paragraph boundaries could not be told from the text (…): guessed, at or in '…'"], 2, False),
        (["2 paragraph boundaries could not be told …", "no inspector named"], 2, True),
        (["no inspector named"], 0, True),
    ],
)
def test_a_guessed_paragraph_boundary_alone_keeps_a_letter_out_of_the_review_queue(
    pdf_letter, warnings, guessed, queued
):
    raw, _, _ = pdf_letter
    Inspection.objects.all().delete()
    parsed = parse(raw)
    parsed.warnings, parsed.guessed_boundaries, parsed.confidence = warnings, guessed, 0.9
    [letter] = store_new_letters([(parsed, hashlib.sha256(raw).hexdigest(), NAME)], lookups=Lookups.load())
    letter.refresh_from_db()
    assert (letter.review_status == ReviewStatus.NEEDS_REVIEW) is queued


@pytest.mark.parametrize("text_first", [True, False])
def test_a_letters_text_and_pdf_in_two_folders_of_one_ingest_are_one_letter(tmp_path, text_first):
    raw, _ = focused_visit_letter()
    texts, pdfs = tmp_path / ("a" if text_first else "b"), tmp_path / ("b" if text_first else "a")
    texts.mkdir()
    pdfs.mkdir()
    (texts / NAME.replace(".pdf", ".txt")).write_bytes(parse(raw).verbatim_text.encode())
    (pdfs / NAME).write_bytes(raw)
    call_command("ingest_letters", str(tmp_path / "a"), str(tmp_path / "b"), "--quiet", stderr=io.StringIO())
    [letter] = Inspection.objects.all()
    assert letter.source_name == NAME and letter.read_from_pdf and OriginalFile.objects.count() == 1
