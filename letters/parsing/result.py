"""The parser's output: plain dataclasses with a JSON-ready ``to_dict`` (the parse_letter contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SECTIONS = (
    "headline",
    "strength",
    "satisfactory",
    "area_for_development",
    "priority_action",
    "area_for_improvement",
    "narrative",
)


JUDGEMENT_AREAS = (
    "overall_effectiveness",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "children_in_care_and_care_leavers",  # ILACS until 2022
    "adoption",
    "lscb",
)


@dataclass
class ParsedFinding:
    section: str
    text: str
    themes: list[str] = field(default_factory=list)
    heading: str = ""  # the document's own heading above the finding, as written ("" where none)

    def to_dict(self) -> dict:
        return {"section": self.section, "text": self.text, "themes": list(self.themes), "heading": self.heading}


@dataclass
class SetAside:
    """Body text kept out of the findings, with the reason: nothing is dropped without a trace."""

    reason: str  # "boilerplate", "footnote", "page_furniture", "unplaced" (prose the parser could not place), …
    text: str

    def to_dict(self) -> dict:
        return {"reason": self.reason, "text": self.text}


@dataclass
class ParsedJudgement:
    area: str  # one of JUDGEMENT_AREAS
    grade: str  # "outstanding", "good", "requires_improvement" or "inadequate"

    def to_dict(self) -> dict:
        return {"area": self.area, "grade": self.grade}


@dataclass
class ParsedInspector:
    name: str
    lead: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "lead": self.lead}


@dataclass
class ParsedAuthority:
    name: str  # canonical name when resolved, else the name as the letter wrote it
    slug: str | None = None
    gss_code: str | None = None
    as_written: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "slug": self.slug, "gss_code": self.gss_code or None, "as_written": self.as_written}


@dataclass
class ParsedLetter:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""
    verbatim_text: str = ""  # the decoded file, untouched: verbatim_text.encode(encoding) == raw bytes
    authority: ParsedAuthority | None = None
    letter_date: date | None = None
    visit_dates: list[date] = field(default_factory=list)
    framework_slug: str | None = None
    framework_name: str | None = None
    visit_type: str | None = None
    title: str = ""
    recipient_name: str = ""
    recipient_role: str = ""
    inspectors: list[ParsedInspector] = field(default_factory=list)
    prior_grade: str | None = None
    prior_month: str | None = None  # "YYYY-MM"
    prior_area: str | None = None  # the judgement area the stated prior grade is for (overall_effectiveness, …)
    visit_ordinal: int | None = None
    scope: list[str] = field(default_factory=list)
    findings: list[ParsedFinding] = field(default_factory=list)
    cleaned_text: str = ""
    confidence: float = 0.0
    source_format: str = "text"  # "text" or "pdf"
    document_kind: str = "letter"  # or "report"
    judgements: list[ParsedJudgement] = field(default_factory=list)  # a report's graded judgements
    jtai_topic: str | None = None  # a joint targeted area inspection's topic slug (domestic-abuse, neglect, …)
    recipients: list[str] = field(default_factory=list)  # every addressee where a letter has several (JTAI)
    focus: list[str] = field(default_factory=list)  # the visit's focus slugs, from its scope
    coverage: float = 1.0  # the share of body words that findings (or the scope) hold
    guessed_boundaries: int = 0  # paragraph boundaries the text could not show (each named in a warning)
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "encoding": self.encoding,
            "confidence": round(self.confidence, 2),
            "authority": self.authority.to_dict() if self.authority else None,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "visit_dates": [d.isoformat() for d in self.visit_dates],
            "framework": {"slug": self.framework_slug, "name": self.framework_name} if self.framework_slug else None,
            "visit_type": self.visit_type,
            "title": self.title,
            "recipient": {"name": self.recipient_name, "role": self.recipient_role},
            "inspectors": [i.to_dict() for i in self.inspectors],
            "prior_judgement": (
                {"grade": self.prior_grade, "month": self.prior_month, "area": self.prior_area}
                if self.prior_grade
                else None
            ),
            "visit_ordinal": self.visit_ordinal,
            "scope": list(self.scope),
            "findings": [f.to_dict() for f in self.findings],
            "source_format": self.source_format,
            "document_kind": self.document_kind,
            "judgements": [j.to_dict() for j in self.judgements],
            "jtai_topic": self.jtai_topic,
            "recipients": list(self.recipients),
            "focus": list(self.focus),
            "coverage": round(self.coverage, 4),
            "guessed_boundaries": self.guessed_boundaries,
            "set_aside": [s.to_dict() for s in self.set_aside],
        }
