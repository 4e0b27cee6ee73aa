"""Tell a PDF's lines apart by their place on the page: body text, page furniture, footnotes.

Page furniture is what the layout repeats or pins to the margins: page numbers, running headers and footers
(the same text at the same height on several pages), Ofsted's address block (small print above the letter's first
line on page 1) and text too small to read. Footnotes are the small-print run at the foot of a page, below the
body text. Everything else is content, returned in reading order, page by page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from letters.parsing.pdf_lines import PdfLine

CONTENT, FURNITURE, FOOTNOTE, ADDRESS = "content", "furniture", "footnote", "address"

_PAGE_NUMBER = re.compile(r"^\W{0,3}(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\W{0,3}$", re.I)
_SUPERSCRIPT = re.compile(r"^(?:\d{1,2}|[*†‡§])$")
MARGIN_SHARE = 0.14  # running headers/footers live in the top or bottom 14% of a page
INVISIBLE_SIZE = 3.0  # points: text this small is hidden (tagging, white-on-white), not meant to be read


@dataclass(frozen=True)
class Classified:
    line: PdfLine
    role: str  # CONTENT, FURNITURE, FOOTNOTE or ADDRESS


def body_size(lines: list[PdfLine]) -> float:
    """The body font size: the size that most characters are printed in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def merge_fragments(lines: list[PdfLine]) -> list[PdfLine]:
    """Put each page's lines in top-down order, with superscript markers and same-baseline pieces joined."""
    pages: dict[int, list[PdfLine]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    merged: list[PdfLine] = []
    for page in sorted(pages):
        ordered = sorted(pages[page], key=lambda ln: (ln.top, ln.x0))
        markers = [ln for ln in ordered if _SUPERSCRIPT.match(ln.text)]
        kept = [ln for ln in ordered if not _SUPERSCRIPT.match(ln.text)]
        for marker in markers:
            host = _host(marker, kept)
            if host is None:
                kept.append(marker)
                continue
            index, at_end = host
            base = kept[index]
            joined = base.text + marker.text if at_end else marker.text + " " + base.text
            kept[index] = replace(base, text=joined, x0=min(base.x0, marker.x0), x1=max(base.x1, marker.x1))
        out: list[PdfLine] = []
        for line in sorted(kept, key=lambda ln: (ln.top, ln.x0)):
            if out and abs(out[-1].top - line.top) < 1.5 and 0 <= line.x0 - out[-1].x1 < 1.5 * line.size:
                last = out[-1]  # one printed line that PDFium gave in two pieces
                out[-1] = replace(last, text=f"{last.text} {line.text}", x1=line.x1)
                continue
            out.append(line)
        merged.extend(out)
    return merged


def _host(marker: PdfLine, lines: list[PdfLine]) -> tuple[int, bool] | None:
    """The line a superscript marker belongs to: raised above its baseline, touching its end or start."""
    for index, line in enumerate(lines):
        if line.size <= marker.size + 0.5 or not -0.5 <= line.top - marker.top < line.size * 0.8:
            continue
        if -2 <= marker.x0 - line.x1 < line.size:
            return index, True
        if -2 <= line.x0 - marker.x1 < line.size:
            return index, False
    return None


def classify(lines: list[PdfLine]) -> list[Classified]:
    """Each line with its role, in reading order."""
    if not lines:
        return []
    size = body_size(lines)
    page_count = max(line.page for line in lines) + 1
    repeated = _repeated_in_margins(lines, page_count)
    roles = []
    first_body_top = _first_body_top(lines, size)
    for line in lines:
        roles.append(_role(line, size, repeated, first_body_top))
    _mark_footnotes(lines, roles, size)
    return [Classified(line, role) for line, role in zip(lines, roles, strict=True)]


def _margin(line: PdfLine) -> bool:
    return line.top < line.page_height * MARGIN_SHARE or line.top > line.page_height * (1 - MARGIN_SHARE)


def _furniture_key(line: PdfLine) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.lower()), round(line.top / 6)


def _repeated_in_margins(lines: list[PdfLine], page_count: int) -> set[tuple[str, int]]:
    if page_count < 2:
        return set()
    pages: dict[tuple[str, int], set[int]] = {}
    for line in lines:
        if _margin(line):
            pages.setdefault(_furniture_key(line), set()).add(line.page)
    enough = max(2, round(0.3 * page_count))  # a heading may top two pages of a long report; a running header tops most
    return {key for key, seen in pages.items() if len(seen) >= enough}


def _first_body_top(lines: list[PdfLine], size: float) -> float:
    """Where the letter itself starts on page 1: its first line in the body font."""
    for line in lines:
        if line.page == 0 and abs(line.size - size) < 0.75 and not _PAGE_NUMBER.match(line.text):
            return line.top
    return 0.0


def _role(line: PdfLine, size: float, repeated: set[tuple[str, int]], first_body_top: float) -> str:
    if line.size < INVISIBLE_SIZE:
        return FURNITURE
    if _margin(line) and (_PAGE_NUMBER.match(line.text) or _furniture_key(line) in repeated):
        return FURNITURE
    if line.page == 0 and line.top < first_body_top and line.size < size - 0.75:
        return ADDRESS
    return CONTENT


def _mark_footnotes(lines: list[PdfLine], roles: list[str], size: float) -> None:
    """The run of small print at the foot of each page, below the last body-size line."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if roles[index] == CONTENT:
            by_page.setdefault(line.page, []).append(index)
    for indexes in by_page.values():
        run: list[int] = []
        for index in reversed(indexes):
            line = lines[index]
            if line.size < size - 0.75 and line.top > line.page_height * 0.45:
                run.append(index)
                continue
            break
        if run and len(run) < len(indexes):
            for index in run:
                roles[index] = FOOTNOTE
