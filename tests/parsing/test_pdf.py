"""The PDF reader: paragraphs, bullets and headings from the layout; furniture and footnotes set aside; any
broken input an error value, never an exception. PDFs are built here with PDFium (no ../shared needed)."""

import random

from letters.parsing import parse
from letters.parsing.blocks import BULLET, HEADER, HEADING, PARA, SALUTATION
from letters.parsing.pdf import read_pdf
from tests.parsing.pdf_factory import FOOTNOTE, Line, build_pdf, focused_visit_letter, paragraph


def test_each_laid_out_paragraph_is_exactly_one_finding():
    raw, body = focused_visit_letter()
    letter = parse(raw)
    assert letter.ok, letter.errors
    assert [f.text for f in letter.findings] == body


def test_a_pdf_letter_gives_its_metadata_like_a_text_letter():
    letter = parse(focused_visit_letter()[0])
    assert letter.source_format == "pdf"
    assert letter.authority.slug == "stoke-on-trent"
    assert letter.letter_date.isoformat() == "2022-01-31"
    assert [d.isoformat() for d in letter.visit_dates] == ["2022-01-04", "2022-01-05"]
    assert letter.recipient_name == "Jo Bloggs"
    assert [i.name for i in letter.inspectors][:2] == ["Ann Smith", "Bob Jones"]
    assert letter.visit_type is not None


def test_sections_come_from_bold_headings_and_bullets_from_their_markers():
    letter = parse(focused_visit_letter()[0])
    sections = [f.section for f in letter.findings]
    assert sections == ["headline"] * 2 + ["area_for_improvement"] * 2 + ["narrative"] * 3


def test_page_numbers_and_footnotes_are_set_aside_with_their_text_and_the_address_block_is_not_a_header():
    raw, _ = focused_visit_letter()
    document = read_pdf(raw)
    reasons = {item.reason: item.text for item in document.set_aside}
    assert reasons["footnote"] == FOOTNOTE
    assert reasons["page_furniture"] == "2"
    header = [b.text for b in document.blocks if b.kind == HEADER]
    assert header[0] == "31 January 2022"
    assert not any("Piccadilly" in line for line in header)


def test_the_text_has_a_line_per_printed_line_and_a_blank_line_between_paragraphs():
    raw, _ = focused_visit_letter()
    text = read_pdf(raw).text
    first_line = "Leaders in Stoke-on-Trent have a clear understanding of the quality of practice for"
    assert f"Headline findings\n\n{first_line}\n" in text
    assert "\f" in text  # the page break
    assert parse(raw).verbatim_text == text


def test_block_kinds_follow_the_layout():
    raw, _ = focused_visit_letter()
    kinds = [b.kind for b in read_pdf(raw).blocks]
    assert kinds.count(SALUTATION) == 1
    assert kinds[kinds.index(SALUTATION) + 1] == HEADING  # the title
    assert kinds.count(BULLET) == 2
    assert PARA in kinds


def test_a_superscript_footnote_marker_stays_with_its_heading():
    raw, _ = focused_visit_letter()
    headings = [b.text for b in read_pdf(raw).blocks if b.kind == HEADING]
    assert "What needs to improve in this area of social work practice?1" in headings


def test_a_gap_wider_than_the_line_spacing_starts_a_paragraph_and_a_wrapped_line_does_not():
    lines = [
        Line("Dear Sam", top=100),
        *paragraph(["First paragraph runs over", "two lines."], top=130),
        *paragraph(["Second paragraph."], top=172),
    ]
    blocks = [b.text for b in read_pdf(build_pdf([lines])).blocks if b.kind == PARA]
    assert blocks == ["First paragraph runs over two lines.", "Second paragraph."]


def test_a_document_without_a_salutation_gives_its_title_and_bold_lines_as_blocks_of_their_own():
    lines = [
        Line("Inspection of Anytown local authority children's services", top=100, size=16, bold=True),
        Line("Overall effectiveness", top=140, bold=True),
        *paragraph(["Children are safer than at the last inspection.", "Leaders know their services."], top=168),
    ]
    blocks = read_pdf(build_pdf([lines])).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "Inspection of Anytown local authority children's services"),
        (PARA, "Overall effectiveness"),  # an unknown sub-heading: a paragraph of its own, as in the text path
        (PARA, "Children are safer than at the last inspection. Leaders know their services."),
    ]


def test_broken_truncated_empty_and_textless_pdfs_are_errors_not_exceptions():
    raw, _ = focused_visit_letter()
    for broken in (b"%PDF-1.7\nnot really a pdf", raw[: len(raw) // 3]):
        letter = parse(broken)
        assert not letter.ok
        assert letter.errors[0].startswith("the PDF cannot be read") or "no text" in letter.errors[0]
    textless = parse(build_pdf([[]]))
    assert textless.errors == ["the PDF holds no text (a scanned image?)"]


def test_a_pdf_that_is_not_an_ofsted_document_is_rejected():
    letter = parse(build_pdf([[Line("Shopping list", top=100), Line("Eggs and milk.", top=130)]]))
    assert not letter.ok
    assert "not an Ofsted document" in letter.errors[0]


def test_a_running_header_repeated_at_the_top_of_pages_is_set_aside_not_read_as_text():
    header = "Inspection of Anytown local authority children's services"
    pages = [
        [
            Line(header, top=40, size=9),
            Line("Dear Sam", top=120),
            *paragraph(["Ofsted inspectors found that children are seen", "quickly."], top=150),
        ],
        [Line(header, top=40, size=9), *paragraph(["Leaders know their services well."], top=120)],
        [Line(header, top=40, size=9), *paragraph(["Partners work together well."], top=120)],
    ]
    document = read_pdf(build_pdf(pages))
    assert not any(header in b.text for b in document.blocks)
    assert document.set_aside[-1].reason == "page_furniture"
    assert document.set_aside[-1].text.count(header) == 2  # the pages after the salutation's


def test_damaged_pdfs_never_raise():
    raw, _ = focused_visit_letter()
    rng = random.Random(11)
    for _ in range(40):
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 50)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = bytes(damaged[: rng.randint(5, len(damaged))])
        letter = parse(cut)  # must not raise
        assert letter.ok or letter.errors
