"""Joint targeted area inspection (JTAI) letters: topic, recipients, council, signatories, opening and headings.

A JTAI letter goes from Ofsted, the CQC, HMICFRS and HMI Probation to every leader of a local partnership
(council, police, health, probation): its address block names several recipients, one a line (long ones
wrapped). Its title reads "Joint targeted area inspection of the multi-agency response to <topic> in <council>"
(2016–2020) or "Joint targeted area inspection of <council>" with the topic in the opening (2021–). The
2016–2020 letters open with an untitled summary before their first heading and are signed by the four
inspectorates' directors in a table; later ones name the directors one under another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from letters.parsing.authorities import AuthorityIndex, AuthorityRecord
from letters.parsing.blocks import HEADER, HEADING, SALUTATION, Block, ends_sentence
from letters.parsing.headings import heading_section
from letters.parsing.normalise import collapse_whitespace
from letters.parsing.result import ParsedAuthority, ParsedFinding, ParsedInspector, ParsedLetter
from letters.parsing.themes import ThemeMatcher

# The topic a letter's own words name, most specific first: the 'deep dive' decides where there is one.
TOPICS: tuple[tuple[str, str], ...] = (
    (r"mental health", "childrens-mental-health"),
    (r"domestic (?:abuse|violence)", "domestic-abuse"),
    (r"serious youth violence", "serious-youth-violence"),
    (r"sexual abuse in the family|child sexual abuse|intra-familial", "child-sexual-abuse"),
    (r"(?:sexual|criminal) exploitation|\bexploitation\b", "child-exploitation"),
    (r"disabilit|special educational needs|\bSEND\b", "children-with-disabilities"),
    (r"early help|children and families\b.{0,40}\bwho need help", "early-help"),
    (r"neglect", "neglect"),
    (r"identification of initial need and risk|initial need and risk|front door", "initial-need-and-risk"),
    (r"children in care|looked after", "children-in-care"),
)
_TOPIC_RES = [(re.compile(pattern, re.I), slug) for pattern, slug in TOPICS]

INSPECTORATES: tuple[tuple[str, str], ...] = (
    (r"\bOfsted\b", "Ofsted"),
    (r"Care Quality Commission|\bCQC\b", "Care Quality Commission"),
    (r"HMICFRS|HMIC\b|HMI Constabulary|Inspectorate of Constabulary|Inspector of Constabulary", "HMICFRS"),
    (r"HMI Probation|HMIP\b|Inspectorate of Probation|Chief Inspector of Probation", "HMI Probation"),
)

_DEEP_DIVE = re.compile(
    r"deep dive.{0,12}? (?:focus )?on (?P<topic>.{5,200}?)(?:\.(?=\s+(?-i:[A-Z])|\s*$)|$)", re.I | re.S
)
_RESPONSE = re.compile(r"multi-agency response to (?P<topic>.{3,200}?)(?:\.|$)", re.I | re.S)
_TITLE = re.compile(r"^joint targeted area inspection\b", re.I)
_COUNCIL_IN = (
    re.compile(
        r"multi-agency response to .{3,160}? in (?P<name>(?:the )?[A-Z][\w'’,&. -]{2,80}?)(?:\.\d?|$|,| between)"
    ),
    re.compile(r"joint targeted area inspection of (?!the multi)(?P<name>[A-Z][\w'’,&. -]{2,80}?)(?:\.|$|,| between)"),
    re.compile(r"(?:work of individual agencies|service leaders) in (?P<name>[A-Z][\w'’&. -]{2,60}?)(?:\.|$|,)"),
)
_INTRO = re.compile(
    r"undertook a joint inspection|outlines our findings|this letter (?:to all|summarises)|this jtai includes|"
    r"deep dive|will be referred to as|in this inspection, the evaluation|this inspection took place|"
    r"it was carried out by inspectors|was conducted under section|this inspection included|"
    r"the evaluation of the multi-agency",
    re.I,
)
_NAME_LINE = re.compile(
    r"^(?:(?:Dr|Sir|Dame|Mr|Mrs|Ms|Professor)\.? )?[A-Z][a-z'’-]+(?: (?:[A-Z][a-z'’-]+|O['’][A-Z][a-z]+|de|van)){1,3}"
    r"(?:,? (?:CBE|OBE|MBE|QPM|DBE|KPM|BSc|MB|ChB|MSc|DCH|FRCA|FRCP|MA|PhD)\b)*(?: [A-Z]{2,5})*$"
)
_NOT_A_NAME = re.compile(
    r"Inspector|Director|Commission|Constabulary|Probation|Ofsted|Quality|Care|Chief|Deputy|Assistant|National|"
    r"Social|Health|Services|Regulation|Majesty|Yours|Sincerely|Police|Council|Partnership",
)


def complete(
    letter: ParsedLetter,
    blocks: Sequence[Block],
    sign_off: Sequence[str],
    authorities: AuthorityIndex,
    themes: ThemeMatcher,
) -> None:
    """Add what a JTAI letter carries beyond a letter's fields; a no-op for other letters."""
    if letter.framework_slug != "jtai":
        return
    body = [b for b in blocks if b.kind not in (HEADER, SALUTATION)]
    header = [b.text for b in blocks if b.kind == HEADER]
    opening = _opening_text(body)
    letter.jtai_topic = find_topic(opening)
    if letter.jtai_topic is None:
        letter.warnings.append("the JTAI letter's topic ('the multi-agency response to …') was not found")
    letter.recipients = find_recipients(header)
    _fix_council(letter, opening, header, authorities)
    people = signatories(sign_off)
    if people:
        letter.inspectors = [ParsedInspector(name, index == 0) for index, name in enumerate(people)]
    else:
        letter.inspectors = [ParsedInspector(name) for name in inspectorates(opening + "\n" + "\n".join(sign_off))]
    letter.warnings[:] = [w for w in letter.warnings if w != "no inspector named" or not letter.inspectors]
    _headings_and_opening(letter, body, themes)


def _opening_text(body: Sequence[Block]) -> str:
    texts: list[str] = []
    for block in body[:12]:
        texts.append(block.text)
    return "\n".join(texts)


def find_topic(text: str) -> str | None:
    """The topic slug from the deep-dive sentence, else from 'the multi-agency response to …'."""
    flat = collapse_whitespace(text)
    for phrase in (_DEEP_DIVE, _RESPONSE):
        for match in phrase.finditer(flat):
            for pattern, slug in _TOPIC_RES:
                if pattern.search(match.group("topic")):
                    return slug
    if re.search(r"multi-agency response to abuse and neglect", flat, re.I):
        return "neglect"
    return None


def find_recipients(header: Sequence[str]) -> list[str]:
    """Every addressee in the address block, one a line, wrapped lines joined back to the line they continue."""
    lines = [line.strip() for line in header if line.strip()]
    lines = [line for line in lines if not re.fullmatch(r"(?:date:?\s*)?\d{1,2}(?:st|nd|rd|th)? \w+ \d{4}", line)]
    if not lines:
        return []
    width = max(len(line) for line in lines)
    recipients: list[str] = []
    for line in lines:
        if recipients and _continues(recipients[-1], line, width):
            recipients[-1] = f"{recipients[-1]} {line}"
        else:
            recipients.append(line)
    return [r for r in recipients if len(r) > 3]


def _continues(previous: str, line: str, width: int) -> bool:
    if line[:1].islower() or previous.endswith((",", "&", "-", " and", " of", " for", " the")):
        return True
    first_word = line.split(" ", 1)[0]
    if re.match(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Cllr|Councillor|Professor)\.? ", line):
        return False
    person = re.match(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}(?=,| [A-Z][a-z]+ (?:Director|Manager|Chair|Head))", line)
    starts_person = bool(person) and not _ORGANISATION_WORD.search(person.group(0))
    return not starts_person and len(previous) + 1 + len(first_word) > 0.85 * width and width > 50


_ORGANISATION_WORD = re.compile(
    r"\b(?:Service|Services|Probation|Police|Council|Group|Trust|Board|Team|Division|Commissioning|NHS|Care|"
    r"Partnership|Constabulary|Company|Authority|Unit|Office|Health|Borough|County|City|Foundation|Community)\b"
)


def signatories(sign_off: Sequence[str]) -> list[str]:
    """The people who signed, by name (the directors' table in 2016–2020 letters, one under another later)."""
    people: list[str] = []
    for text in sign_off:
        pieces = re.split(r"\s{2,}|\t", text.strip())
        words = text.split()
        if len(words) == 4 and all(w[:1].isupper() for w in words) and not _NOT_A_NAME.search(text):
            pieces = [" ".join(words[:2]), " ".join(words[2:])]  # two signatures side by side in a table row
        for piece in pieces:
            name = re.sub(r",? (?:CBE|OBE|MBE|QPM|DBE|KPM)\b.*$", "", piece.strip(" ,"))
            name = re.sub(r"(?: (?:BSc|MB|ChB|MSc|DCH|FRCA|FRCP|MA|PhD|MRCP))+$", "", name)
            if _NAME_LINE.match(piece.strip(" ,")) and not _NOT_A_NAME.search(name) and name not in people:
                people.append(name)
    return people


def inspectorates(text: str) -> list[str]:
    return [name for pattern, name in INSPECTORATES if re.search(pattern, text)]


def _fix_council(letter: ParsedLetter, opening: str, header: Sequence[str], authorities: AuthorityIndex) -> None:
    if letter.authority is not None and letter.authority.slug:
        return
    flat = collapse_whitespace(opening)
    on = letter.letter_date
    names = [
        re.sub(r"^the ", "", m.group("name").strip(" ,."), flags=re.I) for p in _COUNCIL_IN for m in p.finditer(flat)
    ]
    for name in names:
        record = authorities.resolve(name, on=on) or authorities.search(name, on=on)
        if record:
            return _set_council(letter, record, name)
    record = authorities.search(flat, on=on) or authorities.search("\n".join(header), on=on)
    if record:
        _set_council(letter, record, record.short_name or record.name)


def _set_council(letter: ParsedLetter, record: AuthorityRecord, as_written: str) -> None:
    letter.authority = ParsedAuthority(
        name=record.name, slug=record.slug, gss_code=record.gss_code or None, as_written=as_written
    )
    letter.errors[:] = [e for e in letter.errors if not e.startswith(("no council named", "council '"))]


def _is_heading(block: Block) -> bool:
    if block.kind == HEADING:
        return True
    text = block.text
    return (
        block.kind == "para"
        and len(text) < 120
        and len(text.split()) <= 12
        and text[:1].isupper()
        and not ends_sentence(text)
        and not text.endswith(",")
    )


def _headings_and_opening(letter: ParsedLetter, body: Sequence[Block], themes: ThemeMatcher) -> None:
    """Each finding's heading as the letter writes it, and the untitled opening summary as headline findings."""
    heading_of: dict[str, str] = {}
    heading = ""
    opening: list[str] = []
    in_opening = True
    for index, block in enumerate(body):
        text = block.text
        if index == 0 and _TITLE.match(text):
            continue
        if _is_heading(block) and not (index == 1 and text[:1].islower()):
            if heading_section(text) is not None or block.kind == HEADING or len(text.split()) >= 2:
                heading = re.sub(r"[\s:?]*\d{0,2}$", "", text).strip() or text
                in_opening = False
            continue
        if block.kind == "para" and index == 1 and text[:1].islower():
            continue  # the title's wrapped second line
        heading_of.setdefault(text[:200], heading)
        if in_opening and opening and (text[:1].islower() or opening[-1].endswith((":", ";"))):
            opening[-1] = f"{opening[-1]} {text}"  # a list run on from its lead-in
        elif in_opening:
            opening.append(text)
    for finding in letter.findings:
        if not finding.heading:
            finding.heading = heading_of.get(finding.text[:200], "") or _prefix_heading(finding.text, heading_of)
    taken = {f.text[:200] for f in letter.findings}
    summary: list[ParsedFinding] = []
    for text in opening:
        kept = _without_intro(text)
        if kept and kept[:200] not in taken and text[:200] not in taken and len(kept) > 60:
            summary.append(ParsedFinding("headline", kept, themes.match(kept), ""))
    if summary and not any(f.section == "headline" for f in letter.findings):
        letter.findings[:0] = summary


def _prefix_heading(text: str, heading_of: dict[str, str]) -> str:
    for key, heading in heading_of.items():
        if text.startswith(key[:80]):
            return heading
    return ""


def _without_intro(text: str) -> str:
    """A paragraph of the opening without the sentences that introduce the inspection rather than judge."""
    sentences = re.split(r"(?<=[a-z0-9)’'][.!?])\s*(?=[A-Z])", text)
    kept = [s for s in sentences if not _INTRO.search(s) and not re.match(r"^\d{0,2}\s*This joint inspection", s)]
    return re.sub(r"(?<=[a-z])\.\d{1,2}(?=\s|$)", ".", " ".join(kept)).strip()
