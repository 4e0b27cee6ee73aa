"""The parser's one entry point: ``parse(raw: bytes) -> ParsedLetter``. Never raises on any input."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from letters.parsing import fields, jtai, reports
from letters.parsing.authorities import AuthorityIndex, AuthorityRecord, load_default_authorities
from letters.parsing.blocks import (
    BOILERPLATE,
    FOOTNOTE,
    HEADER,
    PAGE_FURNITURE,
    SALUTATION,
    UNPLACED,
    Block,
    build_blocks,
    is_furniture,
    is_standard_footnote,
)
from letters.parsing.dates import find_visit_dates
from letters.parsing.decode import decode, looks_binary
from letters.parsing.findings import Extracted, extract
from letters.parsing.focus import focus_of
from letters.parsing.frameworks import find_framework, find_visit_type
from letters.parsing.normalise import normalise
from letters.parsing.pdf import read_pdf
from letters.parsing.result import ParsedAuthority, ParsedFinding, ParsedInspector, ParsedLetter, SetAside
from letters.parsing.themes import ThemeMatcher, load_default_themes, rules_from_dicts

PARSER_VERSION = "1.2.0"  # 1.2: issue 11 text path (paragraphs from line widths, set-aside, coverage)
MAX_FINDINGS = 2_000  # real letters hold 5–40; more means the text is not a letter's findings
COVERAGE_FLOOR = 0.98  # below this share of body words in findings, a letter is flagged for review
MAX_CHARS = 2_000_000  # a letter is ~20 KB; beyond this only the start is parsed (the raw text is kept whole)

_OFSTED_MARKERS = re.compile(
    r"ofsted|majesty.s (?:chief )?inspector|\bHMI\b|unannounced inspection|monitoring visit|focused visit|"
    r"joint targeted area inspection|inspection of local authority children",
    re.I,
)


_INTRO = re.compile(r"summarises|findings of|letter (?:contains|sets out)", re.I)


@lru_cache(maxsize=1)
def default_authority_index() -> AuthorityIndex:
    return AuthorityIndex(load_default_authorities())


@lru_cache(maxsize=1)
def default_theme_matcher() -> ThemeMatcher:
    return ThemeMatcher(rules_from_dicts(load_default_themes()))


def parse(
    raw: bytes,
    *,
    authorities: AuthorityIndex | None = None,
    themes: ThemeMatcher | None = None,
) -> ParsedLetter:
    """Parse one letter's raw bytes. Problems come back as ``errors`` (not a letter) and ``warnings``."""
    letter = ParsedLetter()
    try:
        _parse_into(letter, raw, authorities or default_authority_index(), themes or default_theme_matcher())
    except Exception as error:  # noqa: BLE001 - the contract is "never raises"; say what broke instead
        letter.errors.append(f"the parser failed on this text ({type(error).__name__}: {error})")
    letter.confidence = _confidence(letter)
    return letter


def _parse_into(letter: ParsedLetter, raw: bytes, authorities: AuthorityIndex, themes: ThemeMatcher) -> None:
    if not raw:
        letter.errors.append("the file is empty")
        return
    if raw.startswith(b"%PDF-"):
        blocks = _pdf_blocks(letter, raw)
        if blocks is not None:
            _parse_blocks(letter, blocks, letter.verbatim_text, authorities, themes)
        return
    if looks_binary(raw):
        letter.errors.append("the file is binary, not text (it holds NUL or control bytes)")
        return
    decoded = decode(raw)
    letter.encoding = decoded.encoding
    letter.verbatim_text = decoded.verbatim
    letter.warnings.extend(decoded.warnings)
    text = decoded.text
    if not text.strip():
        letter.errors.append("the file holds only white space")
        return
    if len(text) > MAX_CHARS:
        letter.warnings.append(f"the text is {len(text):,} characters long: only the first {MAX_CHARS:,} were parsed")
        text = text[:MAX_CHARS]
    if re.match(r"\s*(?:<!doctype html|<html\b|<\?xml)", text, re.I):
        letter.errors.append("this is an HTML/XML page, not the text of a letter")
        return
    if not _OFSTED_MARKERS.search(text):
        letter.errors.append(
            "not an Ofsted letter: it mentions neither Ofsted, its inspectors, nor an inspection or visit"
        )
        return

    cleaned = normalise(text)
    _parse_blocks(letter, build_blocks(cleaned), cleaned, authorities, themes)


def _pdf_blocks(letter: ParsedLetter, raw: bytes) -> list[Block] | None:
    """A PDF's blocks from its layout (``pdf.read_pdf``), or None with an error when it is not a readable letter."""
    document = read_pdf(raw)
    letter.source_format, letter.encoding = "pdf", "pdf"
    if document.error:
        letter.errors.append(document.error)
        return None
    letter.verbatim_text = document.text
    letter.warnings.extend(document.warnings)
    letter.set_aside.extend(document.set_aside)
    if not _OFSTED_MARKERS.search(document.text):
        letter.errors.append("not an Ofsted document: it mentions neither Ofsted, its inspectors, nor an inspection")
        return None
    return document.blocks


def _parse_blocks(
    letter: ParsedLetter, blocks: list[Block], cleaned: str, authorities: AuthorityIndex, themes: ThemeMatcher
) -> None:
    """Everything after the blocks, the same for text and PDF: fields, findings, themes."""
    header = [b.text for b in blocks if b.kind == HEADER]
    salutation = next((b.text for b in blocks if b.kind == SALUTATION), "")
    body = [b for b in blocks if b.kind not in (HEADER, SALUTATION)]
    framing = [b for b in body if not b.set_aside]  # the blocks that fields read (no furniture, no footnotes)
    letter.cleaned_text = "\n\n".join(b.text for b in blocks if b.set_aside != PAGE_FURNITURE)
    if reports.looks_like_report(cleaned):
        return reports.parse_into(letter, blocks, authorities, themes)
    if reason := reports.rejection(cleaned, report_like=False):
        return letter.errors.append(reason)
    if not salutation:
        letter.warnings.append("no salutation ('Dear …') found: the header could not be told from the body")
    if len(re.findall(r"^[ \t]*Dear\b", cleaned, re.M)) > 1:
        letter.warnings.append(
            "the file seems to hold more than one letter (several 'Dear …' lines): the first was parsed"
        )

    letter.letter_date = fields.find_letter_date(header)
    if letter.letter_date is None:
        impossible = fields.find_impossible_date(header)
        letter.warnings.append(
            f"no letter date found in the header (the date '{impossible}' does not exist)"
            if impossible
            else "no letter date found in the header"
        )

    letter.title = _title(framing)
    intro = next(
        (b.text for b in framing[:12] if _INTRO.search(b.text)),
        framing[1].text if len(framing) > 1 else "",
    )
    opening = f"{letter.title}\n{intro}"
    letter.visit_dates = find_visit_dates(intro) or find_visit_dates(" ".join(b.text for b in framing[:6]))
    if not letter.visit_dates:
        letter.warnings.append("no visit dates found in the opening paragraph")
    elif letter.letter_date and letter.letter_date < letter.visit_dates[0]:
        letter.warnings.append(
            f"the letter is dated {letter.letter_date.isoformat()}, before the visit began "
            f"({letter.visit_dates[0].isoformat()}): check the letter date"
        )
    own_kind = re.search(r"(?:findings|outcome)s? of (?:the|a|an|this) .{0,80}", intro, re.I)
    letter.visit_type = (
        find_visit_type(letter.title)
        or find_visit_type(own_kind.group(0) if own_kind else "")
        or find_visit_type(opening)
    )
    if letter.visit_type is None:
        letter.warnings.append("the kind of visit or inspection is not named in the title or opening")
    framework = find_framework(
        letter.title.replace("\n", " ") + "\n" + "\n".join(b.text for b in framing[:10]),
        letter.visit_type,
        letter.letter_date,
    )
    if framework:
        letter.framework_slug, letter.framework_name = framework.slug, framework.name
    else:
        letter.warnings.append("the inspection framework could not be determined")

    record = _authority(letter, opening, header, authorities)
    council_words = [w for w in ([record.name, record.short_name, *record.aliases] if record else []) if w]
    recipient_lines = _recipient_lines(header, letter)
    letter.recipient_name, letter.recipient_role = fields.find_recipient(recipient_lines, salutation, council_words)

    extracted = extract(body)
    letter.warnings.extend(extracted.warnings)
    signatory = fields.find_signatory(" ".join(extracted.sign_off))
    body_text = "\n".join(b.text for b in framing)
    letter.inspectors = [ParsedInspector(n, lead) for n, lead in fields.find_inspectors(body_text, signatory)]
    if not letter.inspectors:
        letter.warnings.append("no inspector named")
    prior = fields.find_prior(opening + "\n" + body_text[:6000])
    if prior:
        letter.prior_grade, letter.prior_month, letter.prior_area = prior
    letter.visit_ordinal = fields.find_visit_ordinal(opening + "\n" + body_text[:4000])
    letter.scope = extracted.scope
    found = extracted.findings
    if len(found) > MAX_FINDINGS:
        letter.warnings.append(f"{len(found):,} findings found: only the first {MAX_FINDINGS:,} were kept")
        found = found[:MAX_FINDINGS]
    letter.findings = [ParsedFinding(section, text, themes.match(text)) for section, text in found]
    jtai.complete(letter, blocks, extracted.sign_off, authorities, themes)
    if letter.findings and not extracted.sign_off:
        letter.warnings.append("no sign-off ('Yours sincerely') found: the letter may be cut short")
    if not letter.findings:
        letter.warnings.append("no findings found")
    letter.focus = focus_of(letter.scope)
    _report_coverage(letter, extracted)


def _report_coverage(letter: ParsedLetter, extracted: Extracted) -> None:
    """Coverage, the text set aside, and warnings wherever words were left out or a boundary was guessed."""
    letter.set_aside = [*letter.set_aside, *extracted.set_aside]  # a PDF's furniture and footnotes come first
    letter.coverage = round(extracted.coverage, 4)
    prose = [s for s in extracted.set_aside if s.reason == UNPLACED or (s.reason != BOILERPLATE and _reads_as_prose(s))]
    if letter.findings and (letter.coverage < COVERAGE_FLOOR or prose):
        named = "; ".join(f"{s.reason}: '{_clip(s.text)}'" for s in prose) or "no block named"
        letter.warnings.append(f"findings hold {letter.coverage:.0%} of the body's words; set aside as prose: {named}")
    letter.guessed_boundaries = extracted.guessed_boundaries
    if extracted.guessed_boundaries:
        where = ", ".join(f"'{_clip(text, 40)}'" for text in extracted.guessed_in[:3])
        more = ", …" if len(extracted.guessed_in) > 3 else ""
        letter.warnings.append(
            f"{extracted.guessed_boundaries} paragraph boundar{'y' if extracted.guessed_boundaries == 1 else 'ies'} "
            f"could not be told from the text (a sentence ends a full line): guessed, at or in {where}{more}"
        )


def _reads_as_prose(aside: SetAside) -> bool:
    """Set-aside text that reads like a finding: several sentences of ordinary words, no link, no number alone."""
    text = aside.text
    if aside.reason == FOOTNOTE and is_standard_footnote(text):
        return False
    return len(text.split()) >= 25 and len(re.findall(r"[a-z][.!?](?:\s|$)", text)) >= 2 and "http" not in text


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title(body) -> str:
    for block in body[:4]:
        text = block.text
        if len(text) < 250 and not text.endswith(".") and find_visit_type(text):
            return text
    return next((b.text for b in body[:1] if len(b.text) < 250), "")


def _recipient_lines(header: list[str], letter: ParsedLetter) -> list[str]:
    """Address lines after the date line (or the header lines before it when the date comes last), never a line
    of Ofsted's own address block ("Manchester" alone where a letter has no recipient block)."""
    header = _without_ofsted_address(header)
    for index, line in enumerate(header):
        if fields.WHOLE_LINE_DATE.match(line.strip()):
            after = header[index + 1 :]
            return after or header[:index]
    return [line for line in header if not fields.SINGLE_DATE.search(line)]


_OFSTED_PLACES = re.compile(
    r"^(?:ofsted|manchester|london|bristol|nottingham|birmingham|york|leeds|"
    r"m1 2wd|m2 7la|bs1 6nl|wc2b 6se|ng1 6hj|sw1h 9ea)[ ,.]*$",  # the offices' towns and postcodes
    re.I,
)


def _without_ofsted_address(header: list[str]) -> list[str]:
    """The header without the lines of Ofsted's address block: its office towns alone on a line and whatever
    sits between them and the furniture lines that were already taken out (street, postcode)."""
    return [line for line in header if not _OFSTED_PLACES.match(line.strip()) and not is_furniture(line)]


def _authority(
    letter: ParsedLetter, opening: str, header: Iterable[str], authorities: AuthorityIndex
) -> AuthorityRecord | None:
    names = fields.council_names(letter.title, opening)
    on = letter.letter_date
    for name in names:
        record = authorities.resolve(name, on=on)
        if record:
            letter.authority = _as_parsed(record, name)
            return record
    for text in (opening, "\n".join(header)):
        record = authorities.search(text, on=on)
        if record:
            letter.authority = _as_parsed(record, names[0] if names else record.short_name)
            return record
    if names:
        letter.authority = ParsedAuthority(name=names[0], as_written=names[0])
        letter.errors.append(
            f"council '{names[0]}' is not in the reference data of English children's services authorities"
        )
    else:
        letter.errors.append("no council named (looked in the title, the opening paragraph and the address block)")
    return None


def _as_parsed(record: AuthorityRecord, as_written: str) -> ParsedAuthority:
    return ParsedAuthority(name=record.name, slug=record.slug, gss_code=record.gss_code or None, as_written=as_written)


def _confidence(letter: ParsedLetter) -> float:
    """How far the parse can be trusted, 0–1 in steps of 0.01: it falls with each missing field, each warning,
    each paragraph boundary or field that had to be guessed, and with the share of body words left out."""
    if letter.errors:
        return 0.0
    score = 1.0
    missing = (
        (0.3, letter.authority is None),
        (0.15, letter.letter_date is None),
        (0.1, not letter.visit_dates),
        (0.1, letter.visit_type is None),
        (0.05, letter.framework_slug is None),
        (0.12, not letter.inspectors),
        (0.31, not letter.findings),
    )
    score -= sum(weight for weight, is_missing in missing if is_missing)
    score -= 0.04 * len(letter.warnings)
    score -= min(0.1, 0.01 * letter.guessed_boundaries)  # beyond the warning itself: each guessed boundary may be wrong
    if letter.findings:
        score -= min(0.5, 2 * max(0.0, 1.0 - letter.coverage))  # 95% coverage costs 0.1, 75% costs 0.5
    return round(max(0.0, min(1.0, score)), 2)
