"""Lay blocks out as a converter would: pdftotext-style hard wrapping or one paragraph per line, bullet
markers, page breaks with their furniture, footnotes at page feet.

``Style`` holds the per-letter choices (made in ``noise.py``); ``layout`` returns the text and the names of
the noise kinds that really happened (a kind that was chosen but found nothing to act on is not reported).
Nothing here changes a word of a finding except the two pdftotext habits that move hyphens: a hyphenated word
split by a page break ("out-" / "of-hours") and a word hyphenated at a line end joined up ("decisionmaking").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random

from letters.synthetic.document import Block, Kind

INLINE_BULLET = "\u25aa"  # ▪ as HTML converters leave it


@dataclass
class Style:
    width: int | None = None  # None: one paragraph per line
    gap: bool = True  # blank line between body blocks
    heading_gap: bool = True
    marker: str = "- "
    lost_markers: float = 0.0
    lost_marker_space: bool = False
    marker_alone: float = 0.0
    indent_continuation: bool = False
    run_together: bool = False
    page_every: int = 0  # lines per page (wrapped) or characters per page (unwrapped); 0: no page breaks
    formfeed: bool = False
    page_numbers: bool = False
    investor: bool = False
    footer: str = ""  # "", "page_of", "dashes"
    break_blanks: int = 3
    hyphen_break: bool = False
    dehyphenate: float = 0.0
    html_list: float = 0.0
    stuck_heading: float = 0.0
    heading_bullet: float = 0.0
    markdown_bold: bool = False
    footnote: bool = False
    force: frozenset = frozenset()  # kinds asked for explicitly: applied at their first chance, whatever the odds


class _Break:
    __slots__ = ("hyphen",)

    def __init__(self, hyphen: bool = False):
        self.hyphen = hyphen


class _Footnote:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{2,})-([a-z]{2,})")


def wrap(
    text: str,
    width: int,
    first: str = "",
    rest: str = "",
    dehyphenate: float = 0.0,
    rng: Random | None = None,
    applied: set | None = None,
) -> list[str]:
    """Greedy wrap at ``width``; with ``dehyphenate``, a hyphenated word that straddles the margin is joined
    up and kept on the line, as pdftotext does ("decision-" + "making" -> "decisionmaking")."""
    lines: list[str] = []
    current = first
    empty = True
    for word in text.split(" "):
        if not word:
            continue
        if empty:
            current += word
            empty = False
            continue
        if len(current) + 1 + len(word) <= width:
            current += " " + word
            continue
        if dehyphenate and rng is not None:
            cut = word.find("-")
            if (
                1 < cut < len(word) - 2
                and word[:cut].isalpha()
                and word[cut + 1].isalpha()
                and len(current) + cut + 2 <= width
                and rng.random() < dehyphenate
            ):
                lines.append(current + " " + word[:cut] + word[cut + 1 :])
                if applied is not None:
                    applied.add("dehyphenate")
                current, empty = rest, True
                continue
        lines.append(current)
        current = rest + word
    if not empty or not lines:
        lines.append(current)
    return lines


class _Writer:
    def roll(self, kind: str, probability: float) -> bool:
        """Whether to apply ``kind`` now: by the odds, or because it was asked for and has not happened."""
        if not probability:
            return False
        if kind in self.style.force and kind not in self.applied:
            return True
        return self.rng.random() < probability

    def __init__(self, style: Style, rng: Random):
        self.style = style
        self.rng = rng
        self.out: list = []  # str | _Break | _Footnote
        self.finding_line: list[bool] = []
        self.applied: set[str] = set()

    def line(self, text: str, finding: bool = False) -> None:
        self.out.append(text)
        self.finding_line.append(finding)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.line("")

    def text(self, text: str, finding: bool, first: str = "", rest: str = "") -> None:
        width = self.style.width
        if width is None:
            self.line(first + text, finding)
            return
        for line in wrap(text, width, first, rest, self.style.dehyphenate, self.rng, self.applied):
            self.line(line, finding)


def _run_together(lines: list[str], keep_tail: int) -> list[str]:
    filled = [line for line in lines if line]
    if len(filled) <= keep_tail + 1:
        return [" ".join(filled)]
    head = filled[: len(filled) - keep_tail]
    return [" ".join(head), *filled[len(filled) - keep_tail :]]


def _header(w: _Writer, block: Block) -> None:
    style, rng = w.style, w.rng
    unwrapped = style.width is None
    if block.kind == Kind.FURNITURE:
        lines = _run_together(block.lines, rng.choice((0, 1, 2))) if style.run_together else block.lines
        if style.run_together:
            w.applied.add("run_together_header")
        for line in lines:
            w.line(line)
        w.blank(rng.choice((2, 3, 4)) if unwrapped else rng.choice((1, 1, 2)))
    elif block.kind == Kind.LINE:
        w.line(block.text)
        if unwrapped or rng.random() < 0.4:
            w.blank()
    elif block.kind == Kind.ADDRESS:
        for line in [" ".join(block.lines)] if style.run_together else block.lines:
            w.line(line)
        if unwrapped or rng.random() < 0.3:
            w.blank()


def _bullet_group(w: _Writer, group: list[Block], marker: str) -> None:
    style, rng = w.style, w.rng
    if not group:
        return
    if style.width is None and w.roll("html_list", style.html_list):
        w.applied.add("html_list")
        variant = rng.choice(("inline", "inline", "li", "li_open"))
        texts = [b.text for b in group]
        if variant == "li":
            w.line("<ul>")
            for text in texts:
                w.line(f"<li>{text}</li>", True)
            w.line("</ul>")
            return
        if variant == "li_open":
            for text in texts:
                w.line(f"<li>{text}", True)
            return
        keep = len(texts) if len(texts) < 3 or rng.random() < 0.6 else rng.randint(1, len(texts) - 1)
        lead = '<ul style="list-style-type: none">' + rng.choice(("", " ")) + INLINE_BULLET + " "
        w.line(lead + f" {INLINE_BULLET} ".join(texts[:keep]), True)
        if keep == len(texts):
            return
        w.blank()
        group = group[keep:]
    rest = "  " if style.indent_continuation else ""
    for block in group:
        if w.roll("lost_markers", style.lost_markers):
            w.applied.add("lost_markers")
            w.text(block.text, block.finding, " " if style.lost_marker_space else "", rest)
        elif w.roll("marker_alone", style.marker_alone):
            w.applied.add("marker_alone")
            w.line(marker.strip())
            w.blank()
            w.text(block.text, block.finding, "", rest)
            if style.width is not None:
                w.blank()
        else:
            w.text(block.text, block.finding, marker, rest)


def layout(blocks: list[Block], style: Style, rng: Random) -> tuple[str, set[str]]:
    w = _Writer(style, rng)
    unwrapped = style.width is None
    index = 0
    pending_heading_bullet = False
    while index < len(blocks):
        block = blocks[index]
        kind = block.kind
        if kind in (Kind.FURNITURE, Kind.LINE, Kind.ADDRESS):
            _header(w, block)
        elif kind in (Kind.SALUTATION, Kind.TITLE):
            w.text(block.text, False)  # a long title wraps in pdftotext output
            if unwrapped or rng.random() < 0.15:
                w.blank()
        elif kind == Kind.HEADING:
            text = block.text
            if block.footnote and style.footnote:
                text += "1"
                w.applied.add("footnote")
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            previous = w.out[-2] if len(w.out) >= 2 and w.out[-1] == "" else None
            if (
                unwrapped
                and isinstance(previous, str)
                and previous.endswith(".")
                and w.roll("stuck_heading", style.stuck_heading)
            ):
                w.out[-2] = previous + " " + text
                w.applied.add("stuck_heading")
            elif (
                unwrapped
                and following is not None
                and following.kind == Kind.BULLET
                and w.roll("heading_bullet", style.heading_bullet)
            ):
                pending_heading_bullet = True
                w.applied.add("heading_bullet")
                w.line(text)
            else:
                if not unwrapped and style.heading_gap and w.out and w.out[-1] != "":
                    w.blank()
                w.text(text, False)
                if unwrapped:
                    w.blank()
            if block.footnote and style.footnote:
                w.out.append(_Footnote(block.footnote))
                w.finding_line.append(False)
        elif kind == Kind.PARA:
            w.text(block.text, block.finding)
            if unwrapped or style.gap:
                w.blank()
        elif kind == Kind.BULLET:
            group = [block]
            while (
                index + 1 < len(blocks)
                and blocks[index + 1].kind == Kind.BULLET
                and blocks[index + 1].group == block.group
            ):
                index += 1
                group.append(blocks[index])
            if pending_heading_bullet:
                pending_heading_bullet = False
                heading = w.out.pop()
                w.finding_line.pop()
                w.line(f"{heading} - {group[0].text}", group[0].finding)
                group = group[1:]
            _bullet_group(w, group, style.marker)
            if unwrapped or style.gap:
                w.blank()
        elif kind == Kind.SIGN:
            lines = list(block.lines)
            if style.markdown_bold:
                w.applied.add("markdown_bold")
                for majesty in ("Her", "His"):
                    role = f"{majesty} Majesty's Inspector"
                    if lines[-1].endswith(role):
                        lines[-1] = lines[-1][: -len(role)] + f"**{role}**"
            for line in lines:
                w.line(line)
            w.blank()
        elif kind == Kind.COPY:
            lines = [" ".join(line for line in block.lines if line)] if style.run_together else block.lines
            for line in lines:
                w.line(line)
        index += 1
    if style.page_every:
        _insert_breaks(w)
    return _render(w), w.applied


# --- page breaks ----------------------------------------------------------------------------------------


def _insert_breaks(w: _Writer) -> None:
    style, rng = w.style, w.rng
    lines, finding = w.out, w.finding_line
    if style.hyphen_break:
        candidates = [
            i for i, line in enumerate(lines) if finding[i] and isinstance(line, str) and _HYPHENATED.search(line)
        ]
        if candidates:
            at = rng.choice(candidates)
            match = rng.choice(list(_HYPHENATED.finditer(lines[at])))
            cut = match.start(2)
            head, tail = lines[at][:cut], lines[at][cut:]
            lines[at : at + 1] = [head, _Break(hyphen=True), tail]
            finding[at : at + 1] = [True, False, True]
            w.applied.add("hyphen_break")
    out: list = []
    out_finding: list[bool] = []
    budget = _page_budget(style, rng, first=True)
    used = 0
    for line, is_finding in zip(lines, finding, strict=True):
        if isinstance(line, _Break):
            out.append(line)
            out_finding.append(False)
            used = 0
            continue
        if isinstance(line, _Footnote):
            out.append(line)
            out_finding.append(False)
            continue
        cost = 1 if style.width is not None else max(len(line), 60) + 1
        if used + cost > budget and used > 0:
            if style.width is None and len(line) > 200 and rng.random() < 0.7:
                cut = line.find(" ", int(len(line) * rng.uniform(0.3, 0.7)))
                if cut > 0:
                    out.extend([line[:cut], _Break(), line[cut + 1 :]])
                    out_finding.extend([is_finding, False, is_finding])
                    used = len(line) - cut
                    budget = _page_budget(style, rng)
                    continue
            out.append(_Break())
            out_finding.append(False)
            used = 0
            budget = _page_budget(style, rng)
        out.append(line)
        out_finding.append(is_finding)
        used += cost
    w.out, w.finding_line = out, out_finding
    w.applied.add("page_break")


def _page_budget(style: Style, rng: Random, first: bool = False) -> int:
    if style.width is not None:
        return style.page_every + rng.randint(-3, 3) + (4 if first else 0)
    return int(style.page_every * rng.uniform(0.85, 1.15))


def _render(w: _Writer) -> str:
    style, rng = w.style, w.rng
    pages = 1 + sum(1 for line in w.out if isinstance(line, _Break) and not line.hyphen)
    parts: list[str] = []
    page = 1
    footnote: _Footnote | None = None
    prefix = ""

    def emit(text: str) -> None:
        nonlocal prefix
        parts.append(prefix + text)
        prefix = ""

    def foot(text: str) -> None:
        width = (style.width or 96) + 12
        emit("")
        for line in wrap(text, width):
            emit(line)
        w.applied.add("footnote")

    for line in w.out:
        if isinstance(line, _Footnote):
            footnote = line
            continue
        if not isinstance(line, _Break):
            emit(line)
            continue
        if line.hyphen:
            for _ in range(rng.randint(2, 4)):
                emit("")
            if style.formfeed:
                prefix = "\f"
            continue
        if footnote is not None:
            foot(footnote.text)
            footnote = None
        _page_foot(emit, style, rng, page, pages)
        if style.formfeed:
            prefix = "\f"
        page += 1
    if footnote is not None:
        foot(footnote.text)
    if style.page_every and pages > 1:
        _page_foot(emit, style, rng, page, pages)
    if style.formfeed:
        emit("")
        parts[-1] = "\f"
    return "\n".join(parts) + "\n"


def _page_foot(emit, style: Style, rng: Random, page: int, pages: int) -> None:
    if style.width is not None and style.formfeed:
        if rng.random() < 0.6:
            emit("")
    else:
        for _ in range(style.break_blanks):
            emit("")
    if style.page_numbers and (page > 1 or rng.random() < 0.5):
        emit(str(page))
        emit("")
    if style.footer == "page_of":
        emit(f"Page {page} of {pages}")
        emit("")
    elif style.footer == "dashes":
        emit(f"- {page} -")
        emit("")
    if style.investor:
        emit("INVESTOR IN PEOPLE")
        emit("")
