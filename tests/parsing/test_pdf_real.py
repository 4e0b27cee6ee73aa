"""The shared real documents read from their PDFs (../shared, skipped where absent): the same letter as text and
as PDF gives the same metadata; each finding is exactly one paragraph of the PDF's own geometry; JTAI letters and
reports give sensible blocks."""

import re

import pytest

from letters.parsing import parse
from letters.parsing.blocks import BULLET, HEADING, PARA
from letters.parsing.pdf import read_pdf
from tests.conftest import REAL_LETTERS_DIR, SHARED_DIR

PDF_DIR = SHARED_DIR / "real-letters-pdf"
PAIRS = [(p, REAL_LETTERS_DIR / f"{p.stem}.txt") for p in sorted(PDF_DIR.glob("*.pdf"))] if PDF_DIR.is_dir() else []
OTHER_PDFS = sorted((SHARED_DIR / "real-jtai").glob("*.pdf")) + sorted((SHARED_DIR / "real-reports").glob("*.pdf"))
needs_pairs = pytest.mark.skipif(not PAIRS, reason=f"no real letter PDFs at {PDF_DIR}")


def _metadata(letter) -> dict:
    people = [(re.sub(r"\W", "", i.name.lower()), i.lead) for i in letter.inspectors]
    return {
        "council": letter.authority.slug if letter.authority else None,
        "letter_date": letter.letter_date,
        "visit_dates": letter.visit_dates,
        "framework": letter.framework_slug,
        "visit_type": letter.visit_type,
        # The text conversion drops a hyphen at a line end ("Jenny-" / "ellen" -> "Jennyellen"); the PDF keeps it.
        "inspectors": people,
        "recipient": (letter.recipient_name, letter.recipient_role),
        "prior_judgement": (letter.prior_grade, letter.prior_month, letter.prior_area),
    }


@needs_pairs
@pytest.mark.parametrize("pdf, text", PAIRS, ids=[p.stem[:40] for p, _ in PAIRS])
def test_the_same_letter_as_text_and_as_pdf_gives_the_same_metadata(pdf, text):
    if not text.exists():
        pytest.skip(f"no text twin for {pdf.name}")
    from_pdf, from_text = parse(pdf.read_bytes()), parse(text.read_bytes())
    assert from_pdf.ok and from_text.ok
    assert _metadata(from_pdf) == _metadata(from_text)


def _squash(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


@needs_pairs
@pytest.mark.parametrize("pdf", [p for p, _ in PAIRS], ids=[p.stem[:40] for p, _ in PAIRS])
def test_every_finding_is_exactly_one_paragraph_of_the_pdfs_geometry(pdf):
    raw = pdf.read_bytes()
    paragraphs = {_squash(b.text) for b in read_pdf(raw).blocks if b.kind in (PARA, BULLET)}
    letter = parse(raw)
    assert letter.findings
    for finding in letter.findings:
        assert _squash(finding.text) in paragraphs, finding.text[:80]
    texts = [_squash(f.text) for f in letter.findings]
    assert len(texts) == len(set(texts))  # no paragraph twice
    assert not any(f.text.startswith("Ofsted will take the findings") for f in letter.findings)


@pytest.mark.skipif(not OTHER_PDFS, reason="no real JTAI letters or reports")
@pytest.mark.parametrize("pdf", OTHER_PDFS, ids=[p.stem[:40] for p in OTHER_PDFS])
def test_jtai_letters_and_reports_give_sensible_blocks(pdf):
    document = read_pdf(pdf.read_bytes())
    assert not document.error
    kinds = [b.kind for b in document.blocks]
    assert kinds.count(HEADING) >= 1
    assert kinds.count(PARA) + kinds.count(BULLET) >= 20
    for block in document.blocks:
        assert not re.fullmatch(r"\d{1,3}", block.text), "a page number left in the text"
        assert len(block.text) < 4000, "paragraphs run together"
