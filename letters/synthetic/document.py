"""The letter as logical blocks, between the formats (which write them) and the layout (which lays them out).

Kinds (``Kind``): ``FURNITURE`` (Ofsted's letterhead lines), ``LINE`` (a header line: the date), ``ADDRESS`` (the
recipient block's lines), ``SALUTATION``, ``TITLE``, ``PARA``, ``HEADING``, ``BULLET``, ``SIGN`` (sign-off
lines) and ``COPY`` (the copy list's lines). ``finding`` marks blocks whose text is a finding of the truth;
``ocr`` marks boilerplate where OCR slips may be introduced; ``group`` numbers the bullets of one list.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    FURNITURE = "furniture"
    LINE = "line"
    ADDRESS = "address"
    SALUTATION = "salutation"
    TITLE = "title"
    PARA = "para"
    HEADING = "heading"
    BULLET = "bullet"
    SIGN = "sign"
    COPY = "copy"


MULTILINE_KINDS = frozenset((Kind.FURNITURE, Kind.ADDRESS, Kind.SIGN, Kind.COPY))


class Block:
    __slots__ = ("kind", "text", "lines", "finding", "ocr", "group", "footnote")

    def __init__(
        self,
        kind: str,
        text: str = "",
        lines: list[str] | None = None,
        *,
        finding: bool = False,
        ocr: bool = False,
        group: int = 0,
        footnote: str | None = None,
    ):
        self.kind = kind
        self.text = text
        self.lines = lines if lines is not None else []
        self.finding = finding
        self.ocr = ocr
        self.group = group
        self.footnote = footnote  # text of a footnote whose number is stuck to this heading

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        body = self.text if self.kind not in MULTILINE_KINDS else " / ".join(self.lines)
        return f"Block({self.kind}, {body[:50]!r})"


class Builder:
    """Collects blocks; numbers bullet groups."""

    def __init__(self):
        self.blocks: list[Block] = []
        self._group = 0

    def add(self, kind: str, text: str = "", **kwargs) -> Block:
        block = Block(kind, text, **kwargs)
        self.blocks.append(block)
        return block

    def lines(self, kind: str, lines: list[str]) -> Block:
        return self.add(kind, lines=list(lines))

    def bullets(self, texts, *, finding: bool = True) -> None:
        self._group += 1
        for text in texts:
            self.add(Kind.BULLET, text, finding=finding, group=self._group)

    def paras(self, texts, *, finding: bool = True) -> None:
        for text in texts:
            self.add(Kind.PARA, text, finding=finding)
