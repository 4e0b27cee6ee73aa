"""Walk a letter's body blocks through its headings and collect the findings and the visit's scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letters.parsing.blocks import BULLET, HEADING, PARA, Block, ends_sentence
from letters.parsing.headings import IGNORE, SCOPE, heading_section, is_closing, is_sign_off, lead_in_section

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
    headings_seen: int = 0
    warnings: list[str] = field(default_factory=list)


def is_subheading(block: Block) -> bool:
    text = block.text
    return block.kind == PARA and len(text.split()) <= 8 and not ends_sentence(text)


def extract(body: list[Block]) -> Extracted:
    """Findings by section, the scope, and the sign-off text, from the blocks after the salutation."""
    out = Extracted()
    section: str | None = None
    signing = False
    scope_list_open = False
    last_block_was_finding = False
    parts: list[list[str]] = []  # each finding's blocks, joined once at the end (joining as we go is quadratic)
    for block in body:
        text = block.text
        follows_finding, last_block_was_finding = last_block_was_finding, False
        if signing:
            out.sign_off.append(text)
            continue
        if block.kind == HEADING:
            opened = heading_section(text)
            out.headings_seen += 1
            section = None if opened == IGNORE else opened
            continue
        if is_sign_off(text):
            signing = True
            out.sign_off.append(text)
            continue
        if is_closing(text):
            section = None
            continue
        lead_in = lead_in_section(text)
        if lead_in is not None:
            out.headings_seen += 1
            section = None if lead_in == IGNORE else lead_in
            continue
        if section is None or section == SCOPE:
            if _SCOPE_SENTENCE.match(text):
                out.scope.append(_first_sentences(text))
                scope_list_open = text.endswith(":")
            elif block.kind == BULLET and (section == SCOPE or scope_list_open):
                out.scope.append(text)
            else:
                scope_list_open = False
            continue
        if text.endswith(":") or is_subheading(block):
            continue  # the lead-in to a list, or a sub-heading inside a section
        last_block_was_finding = True
        if follows_finding and out.findings[-1][0] == section and _continues(text):
            # The rest of the finding just before ("(outcome 3, national framework)", a sentence run on).
            parts[-1].append(text)
            continue
        out.findings.append((section, text))
        parts.append([text])
    out.findings = [(section, " ".join(pieces)) for (section, _), pieces in zip(out.findings, parts, strict=True)]
    if not out.findings:
        _narrative_fallback(body, out)
    return out


def _first_sentences(text: str) -> str:
    """A scope sentence without the boilerplate that a wrapped conversion ran into it."""
    return re.split(r"(?<=[.:])\s+(?=This visit|Inspectors (?:looked at|considered) a range|The methodology)", text)[0]


def _continues(text: str) -> bool:
    return text[:1].islower() or (text[:1] == "(" and text[1:2].islower())


def _narrative_fallback(body: list[Block], out: Extracted) -> None:
    """No section headings: take the paragraphs between the opening and the closing as narrative."""
    started = False
    for block in body:
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
        out.findings.append(("narrative", text))
    if out.findings:
        out.warnings.append("no section headings found: the paragraphs after the opening were taken as narrative")
