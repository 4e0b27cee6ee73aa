"""Read a letter or report from its PDF: the text, one line per printed line, and its blocks from the layout.

Paragraphs come from the line geometry rather than from guessing at wrapped text: a new paragraph starts where
the vertical gap between baselines is wider than the line spacing, where a line starts with a bullet glyph or a
number, where a hanging indent ends, and where the font changes to or from a bold heading. A paragraph that runs
over a page break is joined when its sentence plainly goes on. Page furniture and footnotes (``pdf_layout``) are
set aside with their text; Ofsted's address block is left out of the header.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from letters.parsing.blocks import BULLET, HEADER, HEADING, PARA, SALUTATION, Block, ends_sentence, is_furniture
from letters.parsing.headings import heading_section
from letters.parsing.normalise import BULLET_GLYPHS, normalise_characters
from letters.parsing.pdf_layout import ADDRESS, CONTENT, FOOTNOTE, Classified, body_size, classify, merge_fragments
from letters.parsing.pdf_lines import PdfLine, PdfUnreadable, read_lines
from letters.parsing.result import SetAside

_BULLET = re.compile(r"^(?:[" + re.escape(BULLET_GLYPHS + "‣⁃-–—−*") + r"]|o(?=\s))\s*(?=\S)")
_NUMBERED = re.compile(r"^(?:\d{1,2}[.)](?:\s+|(?=[A-Z]))|(?:\(\d{1,2}\)|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+)(?=\S)")
_SALUTATION = re.compile(r"^Dear\b")


@dataclass
class PdfDocument:
    text: str = ""  # one line per printed line, a blank line between paragraphs, a form feed between pages
    blocks: list[Block] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    page_count: int = 0
    error: str = ""  # why the PDF could not be read ("" when it could)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Para:
    kind: str
    lines: list[PdfLine]
    indent: float  # where the paragraph's continuation lines start (a bullet's hanging indent)


def read_pdf(raw: bytes) -> PdfDocument:
    """The document's text, blocks and set-aside text. Never raises: an unreadable PDF comes back with ``error``."""
    try:
        pages = read_lines(raw)
    except PdfUnreadable as error:
        return PdfDocument(error=f"the PDF cannot be read ({error})")
    except Exception as error:  # noqa: BLE001 - PDFium on hostile input: report, never raise
        return PdfDocument(error=f"the PDF cannot be read ({type(error).__name__}: {error})")
    document = PdfDocument(page_count=pages.page_count)
    if pages.pages_read < pages.page_count:
        document.warnings.append(f"the PDF has {pages.page_count} pages: only the first {pages.pages_read} were read")
    lines = merge_fragments([replace(line, text=normalise_characters(line.text)) for line in pages.lines])
    if not lines:
        document.error = "the PDF holds no text (a scanned image?)"
        return document
    classified = classify(lines)
    paragraphs = _paragraphs([c.line for c in classified if c.role == CONTENT], body_size(lines))
    document.blocks = _blocks(paragraphs)
    document.set_aside = _set_aside(classified, paragraphs)
    document.text = _text(classified, paragraphs)
    return document


def _leading(lines: list[PdfLine]) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    gaps: Counter[float] = Counter()
    for previous, line in zip(lines, lines[1:], strict=False):
        gap = line.top - previous.top
        if line.page == previous.page and 0 < gap < 3 * line.size:
            gaps[round(gap * 2) / 2] += 1
    # The commonest gap; on a tie (a short document) the narrowest, as paragraph gaps are the wider ones.
    return max(gaps.items(), key=lambda item: (item[1], -item[0]))[0] if gaps else 14.5


def _starts_item(text: str) -> bool:
    return bool(_BULLET.match(text) or _NUMBERED.match(text))


def _weak_marker(text: str) -> bool:
    """A dash or a number, which may also begin a wrapped line of running text ("– who …", "18. They …")."""
    return bool(_NUMBERED.match(text) or re.match(r"^[-–—−*o]\s", text))


def _is_heading_line(line: PdfLine, size: float) -> bool:
    return line.bold or line.size > size * 1.15


def _paragraphs(lines: list[PdfLine], size: float) -> list[_Para]:
    leading = _leading(lines)
    margin = _left_margin(lines)
    paragraphs: list[_Para] = []
    current: _Para | None = None
    previous: PdfLine | None = None
    salutation_seen = after_salutation = False
    for line in lines:
        item = _starts_item(line.text)
        if item and current is not None and previous is not None and _weak_marker(line.text):
            running = previous.page == line.page and line.top - previous.top <= leading * 1.3
            item = not (running and current.kind == PARA and not ends_sentence(previous.text))
        heading = _is_heading_line(line, size)
        salutation = not salutation_seen and bool(_SALUTATION.match(line.text))
        salutation_seen = salutation_seen or salutation
        if current is None or previous is None or salutation or after_salutation:
            new = True
        elif line.page != previous.page:
            new = not _runs_over_page(current, line, item, heading, size, margin)
        else:
            gap = line.top - previous.top
            new = (
                gap > leading * 1.3
                or gap < -1
                or item
                or heading != _is_heading_line(previous, size)
                or (current.kind == BULLET and line.x0 < current.indent - 6)
                or (abs(line.size - previous.size) > 1.5)
            )
        if new:
            kind = BULLET if item else PARA
            current = _Para(kind, [line], indent=line.x0)
            paragraphs.append(current)
        else:
            if len(current.lines) == 1:
                current.indent = line.x0
            current.lines.append(line)
        previous, after_salutation = line, salutation
    return paragraphs


def _left_margin(lines: list[PdfLine]) -> float:
    starts = Counter(round(line.x0) for line in lines)
    return starts.most_common(1)[0][0] if starts else 72.0


def _runs_over_page(current: _Para, line: PdfLine, item: bool, heading: bool, size: float, margin: float) -> bool:
    """Whether the first line of a page goes on with the paragraph that ended the page before."""
    last = current.lines[-1]
    if item or heading or _is_heading_line(last, size):
        return False
    if current.kind == BULLET and line.x0 < current.indent - 6:
        return False  # back at the margin: the list has ended
    first = line.text[:1]
    if not ends_sentence(last.text) or first.islower() or (first == "(" and line.text[1:2].islower()):
        return True
    return current.kind == BULLET and line.x0 > margin + 8 and abs(line.x0 - current.indent) < 6


def _blocks(paragraphs: list[_Para]) -> list[Block]:
    texts = [_strip_marker(p) for p in paragraphs]
    salutation = next((i for i, lines in enumerate(texts) if _SALUTATION.match(lines[0])), -1)
    blocks: list[Block] = []
    for index, (paragraph, lines) in enumerate(zip(paragraphs, texts, strict=True)):
        if index < salutation:
            blocks.extend(Block(HEADER, [line]) for line in lines if not is_furniture(line))
            continue
        if index == salutation:
            blocks.append(Block(SALUTATION, lines))
            continue
        kind = paragraph.kind
        if kind == PARA and _heading(paragraph, lines, blocks):
            kind = HEADING
        block = Block(kind, lines)
        block.widest_line = max(len(line) for line in lines)
        blocks.append(block)
    return blocks


def _heading(paragraph: _Para, lines: list[str], blocks: list[Block]) -> bool:
    """A bold or large paragraph of a few lines that names a section, or the document's title (the first block, or
    the first after the salutation). Other bold lines stay paragraphs, as in the text path's blocks: the findings
    walk skips a short one as a sub-heading and stays in its section (an unknown HEADING would close it)."""
    if len(lines) > 3 or not all(line.bold or line.size > paragraph.lines[0].size for line in paragraph.lines):
        return False
    text = " ".join(lines)
    if heading_section(text) is not None:
        return True
    after_salutation = bool(blocks) and blocks[-1].kind == SALUTATION
    return (after_salutation or not blocks) and not ends_sentence(text)


def _strip_marker(paragraph: _Para) -> list[str]:
    lines = [line.text for line in paragraph.lines]
    if paragraph.kind == BULLET:
        stripped = _BULLET.sub("", lines[0], count=1)
        lines[0] = stripped if stripped != lines[0] else _NUMBERED.sub("", lines[0], count=1)
    return lines


def _set_aside(classified: list[Classified], paragraphs: list[_Para]) -> list[SetAside]:
    """Furniture and footnotes after the salutation, each with its text (the address block is not body text)."""
    start = _salutation_position(paragraphs)
    out: list[SetAside] = []
    furniture: list[str] = []
    footnote: list[str] = []
    for item in classified:
        line = item.line
        if (line.page, line.top) < start or item.role in (CONTENT, ADDRESS):
            continue
        if item.role == FOOTNOTE:
            if footnote and re.match(r"^(?:\d{1,2}|[*†‡§])\s", line.text):
                out.append(SetAside("footnote", " ".join(footnote)))
                footnote = []
            footnote.append(line.text)
            continue
        if footnote:
            out.append(SetAside("footnote", " ".join(footnote)))
            footnote = []
        if line.text.strip():
            furniture.append(line.text)
    if footnote:
        out.append(SetAside("footnote", " ".join(footnote)))
    for item in out:  # small print at a page's foot that is Ofsted's address, not a note
        if item.reason == "footnote" and is_furniture(item.text):
            item.reason = "page_furniture"
    if furniture:
        out.append(SetAside("page_furniture", " · ".join(furniture)))
    return out


def _salutation_position(paragraphs: list[_Para]) -> tuple[int, float]:
    for paragraph in paragraphs:
        first = paragraph.lines[0]
        if _SALUTATION.match(first.text):
            return first.page, first.top
    return 0, -1.0


def _text(classified: list[Classified], paragraphs: list[_Para]) -> str:
    """Every line in reading order; a blank line where a paragraph (or a run of furniture) starts."""
    unit_of: dict[int, int] = {}
    for number, paragraph in enumerate(paragraphs):
        for line in paragraph.lines:
            unit_of[id(line)] = number
    pages: list[list[str]] = []
    previous_unit: object = None
    for item in classified:
        line = item.line
        while len(pages) <= line.page:
            pages.append([])
            previous_unit = None
        unit = unit_of.get(id(line), item.role)
        out = pages[line.page]
        if out and unit != previous_unit:
            out.append("")
        out.append(line.text)
        previous_unit = unit
    return "\n\f".join("\n".join(page) for page in pages) + "\n"
