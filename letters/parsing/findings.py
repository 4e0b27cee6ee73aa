"""Walk a letter's body blocks through its headings and collect the findings and the visit's scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letters.parsing.blocks import BOILERPLATE, BULLET, HEADING, PARA, UNPLACED, Block, ends_sentence
from letters.parsing.headings import (
    IGNORE,
    SCOPE,
    heading_section,
    is_closing,
    is_sign_off,
    lead_in_section,
    split_closing,
)
from letters.parsing.result import SetAside

_SCOPE_SENTENCE = re.compile(
    r"^(?:during (?:the course of )?this visit,? )?inspectors (?:looked at|evaluated|reviewed|considered|focused on)\b"
    r"(?! a range of evidence)",
    re.I,
)
_INTRO = re.compile(r"^this letter (?:summarises|contains|sets out|reports)", re.I)


@dataclass
class Extracted:
    findings: list[tuple[str, str]] = field(default_factory=list)  # (section, text)
    scope: list[str] = field(default_factory=list)
    sign_off: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)  # body text kept out of the findings, with why
    unplaced_words: int = 0  # body words (after the first section opened) that no finding holds
    guessed_boundaries: int = 0  # paragraph boundaries the text could not show (full last lines)
    guessed_in: list[str] = field(default_factory=list)  # the blocks at or in which a boundary was guessed

    @property
    def coverage(self) -> float:
        """The share of body words that findings hold (the scope and text set aside as boilerplate, furniture or
        footnote are not body words; headings are structure)."""
        held = sum(_words(text) for _, text in self.findings)
        total = held + self.unplaced_words
        return held / total if total else 1.0


def _words(text: str) -> int:
    return len(text.split())


def is_subheading(block: Block) -> bool:
    text = block.text
    return block.kind == PARA and len(text.split()) <= 8 and not ends_sentence(text)


def extract(body: list[Block]) -> Extracted:
    """Findings by section, the scope, the sign-off text and what was set aside, from the blocks after the
    salutation. Works from blocks alone, whichever reader (text or PDF) built them."""
    out = Extracted()
    section: str | None = None
    opened = False  # a findings section has opened: from here on, text is body
    after_closing = False
    signing = False
    scope_list_open = False
    last_block_was_finding = False
    parts: list[list[str]] = []  # each finding's blocks, joined once at the end (joining as we go is quadratic)
    seen_opening = False
    pending_opening: list[str] = []  # opening prose outside the frame, set aside once a findings section opens
    for block in body:
        if signing:
            out.sign_off.append(block.text)
            continue
        if block.set_aside:
            out.set_aside.append(SetAside(block.set_aside, block.text))
            continue  # furniture and footnotes interrupt nothing: a finding may run on past them
        text = block.text
        if block.guessed_boundaries:
            out.guessed_boundaries += block.guessed_boundaries
            out.guessed_in.append(block.text)
        follows_finding, last_block_was_finding = last_block_was_finding, False
        if block.kind == HEADING:
            opens = heading_section(text)
            section = None if opens in (IGNORE, None) else opens
            opened = opened or (section not in (None, SCOPE))
            after_closing = after_closing and section is None
            continue
        if is_sign_off(text):
            signing = True
            out.sign_off.append(text)
            continue
        if is_closing(text):
            section, after_closing = None, True
            out.set_aside.append(SetAside(BOILERPLATE, text))
            continue
        lead_in = lead_in_section(text)
        if lead_in is not None:
            section = None if lead_in == IGNORE else lead_in
            opened = opened or section is not None
            continue
        if section is None or section == SCOPE:
            if _SCOPE_SENTENCE.match(text):
                out.scope.append(_first_sentences(text))
                scope_list_open = text.endswith(":")
            elif (block.kind == BULLET and (section == SCOPE or scope_list_open)) or (
                scope_list_open and not opened and _words(text) <= 30
            ):
                out.scope.append(text)  # an item of the scope's list (its glyph may have been lost)
            else:
                scope_list_open = not opened and text.endswith(":")  # "… This visit focused specifically on:"
                if opened:
                    # Prose after the closing or under a heading that opens no findings: kept, named.
                    out.set_aside.append(SetAside(BOILERPLATE if after_closing else UNPLACED, text))
                    out.unplaced_words += 0 if after_closing else _words(text)
                elif section is None and not _is_opening_frame(text, block, first=not seen_opening):
                    # Prose before the first findings heading that is not the letter's frame: a heading the
                    # parser did not know may have been missed, so it is named, not silently skipped.
                    pending_opening.append(text)
                seen_opening = True
            continue
        if is_subheading(block) or (text.endswith(":") and _words(text) <= 8):
            continue  # a sub-heading inside a section, or a short lead-in ("In particular:")
        text, closing = split_closing(text)
        if text:
            last_block_was_finding = not closing
            if follows_finding and out.findings[-1][0] == section and block.kind != BULLET and _continues(text):
                # The rest of the finding just before ("(outcome 3, national framework)", a sentence run on).
                parts[-1].append(text)
            else:
                out.findings.append((section, text))
                parts.append([text])
        if closing:
            out.set_aside.append(SetAside(BOILERPLATE, closing))
            section, after_closing = None, True
    out.findings = [(section, " ".join(pieces)) for (section, _), pieces in zip(out.findings, parts, strict=True)]
    if not out.findings:
        _narrative_fallback(body, out)
    elif pending_opening:
        out.set_aside[:0] = [SetAside(UNPLACED, text) for text in pending_opening]
        out.unplaced_words += sum(_words(text) for text in pending_opening)
    return out


# The opening's frame: what every letter of the family says before its findings (the title, what the letter is,
# who inspected, how, what the visit looked at, the arrangements it was carried out under).
_FRAME = re.compile(
    r"^(?:this letter|the letter|this (?:was the|is the|visit|inspection|focused|monitoring)|(?:the|our|this) "
    r"(?:focused |monitoring |recent |unannounced )?(?:visit|inspection) (?:was|is|took|focused|looked)|"
    r"(?:her|his) majesty.s|inspectors?\b|the (?:lead )?inspectors?|we\b|a range of evidence|the methodology|"
    r"throughout this letter|from the evidence|the inspection|during (?:this|the) (?:visit|inspection)|"
    r"in (?:this|the) (?:visit|inspection)|the areas? covered|the visit|the local authority (?:was|is) (?:judged|"
    r"subject)|since the local authority was judged|ofsted|the (?:delivery model|visit) was|due to|the lead|"
    r"(?:the )?covid|in line with|this (?:visit|inspection) was|these (?:visits|inspections)|"
    r"(?:i|we) would like to thank|thank you)",
    re.I,
)


def _is_opening_frame(text: str, block: Block, first: bool) -> bool:
    if first or block.kind == HEADING or is_subheading(block) or text.endswith(":"):
        return True
    return bool(_FRAME.match(text)) or bool(re.search(r"\bframework\b|\bmethodology\b", text, re.I))


def _first_sentences(text: str) -> str:
    """A scope sentence without the boilerplate that a wrapped conversion ran into it."""
    return re.split(r"(?<=[.:])\s+(?=This visit|Inspectors (?:looked at|considered) a range|The methodology)", text)[0]


def _continues(text: str) -> bool:
    return text[:1].islower() or (text[:1] == "(" and text[1:2].islower())


def _narrative_fallback(body: list[Block], out: Extracted) -> None:
    """No section headings: take the paragraphs between the opening and the closing as narrative."""
    started = False
    for block in body:
        if block.set_aside:
            continue
        text = block.text
        if is_sign_off(text):
            break
        if not started:
            started = bool(_INTRO.match(text))
            continue
        if block.kind == HEADING or is_closing(text) or text.endswith(":") or is_subheading(block):
            continue
        if _SCOPE_SENTENCE.match(text):
            continue
        text, closing = split_closing(text)
        if closing:
            out.set_aside.append(SetAside(BOILERPLATE, closing))
        if text:
            out.findings.append(("narrative", text))
    if out.findings:
        out.warnings.append("no section headings found: the paragraphs after the opening were taken as narrative")
