"""Read a PDF's text lines with their geometry (position, font size, weight) through PDFium (pypdfium2).

One ``PdfLine`` per printed line, in the page's top-down order. PDFium gives each page's text in one call with
its own line breaks; only the first and last character of each line are asked for their position and font, so
reading costs a few calls a line rather than a few a character (~100 letters/s on one core).
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_SOFT_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen at a line end, where it joined the two lines
_LINE_END = re.compile(f"[\r\n{_SOFT_HYPHEN}]")
_PDFIUM = threading.Lock()
MAX_PAGES = 200  # a letter has 2-12 pages, a report up to ~60; beyond this only the start is read


class PdfUnreadable(Exception):
    """The bytes are not a PDF that can be read (broken, encrypted, no pages)."""


@dataclass(frozen=True)
class PdfLine:
    page: int
    text: str
    x0: float  # left edge of the first character, in points from the page's left
    x1: float  # right edge of the last character
    top: float  # the baseline's distance from the top of the page, in points
    size: float  # font size of the character in the middle of the line
    bold: bool
    page_height: float


@dataclass(frozen=True)
class PdfPages:
    lines: list[PdfLine]
    page_count: int
    pages_read: int


def read_lines(raw: bytes) -> PdfPages:
    """Every text line of the document. Raises ``PdfUnreadable`` with PDFium's reason when it cannot be read.

    PDFium is not thread-safe: one document at a time per process (ingest workers are processes; a threaded web
    server re-parsing from the admin waits its turn)."""
    with _PDFIUM:
        return _read_lines(raw)


def _read_lines(raw: bytes) -> PdfPages:
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        raise PdfUnreadable(str(error).rstrip(".")) from error
    try:
        count = len(document)
        if count == 0:
            raise PdfUnreadable("it has no pages")
        lines: list[PdfLine] = []
        for index in range(min(count, MAX_PAGES)):
            page = document[index]
            try:
                lines.extend(_page_lines(page, index))
            finally:
                page.close()
        return PdfPages(lines=lines, page_count=count, pages_read=min(count, MAX_PAGES))
    finally:
        document.close()


def _page_lines(page: pdfium.PdfPage, index: int) -> list[PdfLine]:
    _, height = page.get_size()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters outside the BMP: ask for each one so indices stay aligned
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 32) for i in range(count))
            text = text.replace("\x02", _SOFT_HYPHEN)
        geometry = _Geometry(handle)
        lines: list[PdfLine] = []
        start = 0
        for match in _LINE_END.finditer(text + "\n"):
            end = match.start()
            line = _line(text, start, end, match.group() == _SOFT_HYPHEN, geometry, index, height)
            if line is not None:
                lines.append(line)
            start = end + 1
        return lines
    finally:
        textpage.close()


class _Geometry:
    """Position and font queries for single characters of one text page."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def box(self, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharBox(self.handle, index, self.left, self.right, self.bottom, self.top)
        return self.left.value, self.right.value

    def baseline(self, index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(self.handle, index, self.x, self.y)
        return self.y.value

    def size(self, index: int) -> float:
        """The printed font size: PDFium's size times the text matrix's vertical scale (``1 Tf`` + a matrix)."""
        size = pdfium_c.FPDFText_GetFontSize(self.handle, index)
        if pdfium_c.FPDFText_GetMatrix(self.handle, index, self.matrix):
            m = self.matrix
            scale = (m.c * m.c + m.d * m.d) ** 0.5
            if scale > 0:
                size *= scale
        return size

    def bold(self, index: int) -> bool:
        """Bold by the font's weight, or by its name where the PDF gives no weight (the standard 14 fonts)."""
        weight = pdfium_c.FPDFText_GetFontWeight(self.handle, index)
        if weight > 0:
            return weight >= 600
        length = pdfium_c.FPDFText_GetFontInfo(self.handle, index, self.name, len(self.name), self.flags)
        name = self.name.raw[: max(0, length - 1)].decode("latin-1").lower()
        return any(word in name for word in ("bold", "black", "heavy", "semibold", "demi"))


def _line(
    text: str, start: int, end: int, hyphen: bool, geometry: _Geometry, page: int, height: float
) -> PdfLine | None:
    first = start
    while first < end and text[first].isspace():
        first += 1
    last = end - 1
    while last > first and text[last].isspace():
        last -= 1
    if first >= end:
        return None
    content = text[first : last + 1].replace("\x00", "")
    if hyphen:
        content += "-"
    x0, _ = geometry.box(first)
    _, x1 = geometry.box(last)
    middle = (first + last) // 2
    while middle < last and text[middle].isspace():  # generated spaces carry no font
        middle += 1
    return PdfLine(
        page=page,
        text=content,
        x0=round(x0, 1),
        x1=round(x1, 1),
        top=round(height - geometry.baseline(first), 1),
        size=round(geometry.size(middle), 1),
        bold=geometry.bold(first) and geometry.bold(last) and geometry.bold(middle),
        page_height=height,
    )
