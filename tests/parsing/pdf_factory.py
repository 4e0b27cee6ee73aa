"""Build small PDFs for tests with PDFium itself (pypdfium2): text lines at given places, in given fonts.

Lines are ``(text, x, top, size, bold)`` on a page, ``top`` the baseline's distance from the top of an A4 page.
"""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

A4 = (595.0, 842.0)


@dataclass(frozen=True)
class Line:
    text: str
    x: float = 72.0
    top: float = 100.0
    size: float = 12.0
    bold: bool = False


def build_pdf(pages: list[list[Line]]) -> bytes:
    document = pdfium.PdfDocument.new()
    for lines in pages:
        page = document.new_page(*A4)
        for line in lines:
            font = "Helvetica-Bold" if line.bold else "Helvetica"
            text_object = pdfium_c.FPDFPageObj_NewTextObj(document.raw, font.encode(), ctypes.c_float(line.size))
            encoded = (line.text + "\x00").encode("utf-16-le")
            buffer = ctypes.create_string_buffer(encoded, len(encoded))
            pdfium_c.FPDFText_SetText(text_object, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, line.x, A4[1] - line.top)
            pdfium_c.FPDFPage_InsertObject(page.raw, text_object)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        page.close()
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def paragraph(lines: list[str], *, top: float, x: float = 72.0, leading: float = 14.5, **style) -> list[Line]:
    """Lines of one paragraph, ``leading`` points apart."""
    return [Line(text, x=x, top=top + index * leading, **style) for index, text in enumerate(lines)]


HEADLINE = [
    ["Leaders in Stoke-on-Trent have a clear understanding of the quality of practice for", "children in need."],
    ["Most children are seen quickly and their needs are understood well, and managers", "oversee their plans."],
]
IMPROVE = [
    ["The timeliness of assessments for children in need, so that help is not delayed", "for them."],
    ["Management oversight of plans."],
]
FINDINGS = [
    ["Social workers know their children well and visit them often. They build trusting", "relationships."],
    ["Strategy meetings are held promptly and partners attend them. Decisions are clear", "and recorded."],
]
RUNS_OVER = ["Assessments are detailed and consider the history of the family, but some are", "not updated when"]
RUNS_OVER_NEXT = ["circumstances change, which leaves risk unclear for a small number of children."]
FOOTNOTE = "1 The areas for improvement have been cross-referenced with the national framework."


def focused_visit_letter() -> tuple[bytes, list[str]]:
    """A two-page focused visit letter laid out as Ofsted lays them out, and its body paragraphs as written."""
    page1 = [
        Line("Ofsted", top=45, size=9),
        Line("Piccadilly Gate", top=56, size=9),
        Line("T 0300 123 1231", x=170, top=56, size=8, bold=True),
        Line("Manchester M1 2WD", top=67, size=9),
        Line("31 January 2022", top=140),
        *paragraph(["Jo Bloggs", "Director of Children's Services", "Civic Centre", "Stoke-on-Trent"], top=170),
        Line("Dear Jo", top=250),
        Line("Focused visit to Stoke-on-Trent children's services", top=278, bold=True),
        *paragraph(
            [
                "This letter summarises the findings of the focused visit to Stoke-on-Trent children's",
                "services on 4 and 5 January 2022. His Majesty's Inspectors for this visit were Ann",
                "Smith and Bob Jones.",
            ],
            top=305,
        ),
        Line("Inspectors looked at the local authority's arrangements for children in need.", top=360),
        Line("Headline findings", top=390, bold=True),
        *paragraph(HEADLINE[0], top=418),
        *paragraph(HEADLINE[1], top=460),
        Line("What needs to improve in this area of social work practice?", top=502, bold=True),
        Line("1", x=404, top=498, size=8, bold=True),
        *_bullet(IMPROVE[0], top=528),
        *_bullet(IMPROVE[1], top=562),
        Line("Main findings", top=592, bold=True),
        *paragraph(FINDINGS[0], top=620),
        *paragraph(FINDINGS[1], top=662),
        *paragraph(RUNS_OVER, top=704),
        Line(FOOTNOTE, top=770, size=9),
    ]
    page2 = [
        Line("2", x=518, top=800),
        *paragraph(RUNS_OVER_NEXT, top=100),
        *paragraph(
            [
                "Ofsted will take the findings from this focused visit into account when planning",
                "your next inspection.",
            ],
            top=142,
        ),
        Line("Yours sincerely", top=185),
        Line("Ann Smith", top=214),
        Line("His Majesty's Inspector", top=228, bold=True),
    ]
    body = [
        *(" ".join(p) for p in HEADLINE),
        *(" ".join(p) for p in IMPROVE),
        *(" ".join(p) for p in FINDINGS),
        " ".join(RUNS_OVER + RUNS_OVER_NEXT),
    ]
    return build_pdf([page1, page2]), body


def _bullet(lines: list[str], *, top: float) -> list[Line]:
    first, *rest = lines
    return [Line(f"- {first}", x=72, top=top), *paragraph(rest, x=90, top=top + 14.5)]
