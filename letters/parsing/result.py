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


@dataclass
class ParsedFinding:
    section: str
    text: str
    themes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"section": self.section, "text": self.text, "themes": list(self.themes)}


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
    visit_ordinal: int | None = None
    scope: list[str] = field(default_factory=list)
    findings: list[ParsedFinding] = field(default_factory=list)
    cleaned_text: str = ""
    confidence: float = 0.0

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
            "prior_judgement": ({"grade": self.prior_grade, "month": self.prior_month} if self.prior_grade else None),
            "visit_ordinal": self.visit_ordinal,
            "scope": list(self.scope),
            "findings": [f.to_dict() for f in self.findings],
        }
