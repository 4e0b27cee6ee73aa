"""The inspection frameworks under which Ofsted wrote to councils, and how a letter tells which it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FrameworkRecord:
    slug: str
    name: str
    short_name: str
    start_year: int
    end_year: int | None
    description: str


FRAMEWORKS: tuple[FrameworkRecord, ...] = (
    FrameworkRecord(
        "cra",
        "Unannounced inspection of contact, referral and assessment arrangements",
        "CRA",
        2009,
        2012,
        "Annual unannounced inspections of councils' front-door arrangements, reported by letter, ungraded.",
    ),
    FrameworkRecord(
        "slac",
        "Inspection of safeguarding and looked after children services",
        "SLAC",
        2009,
        2012,
        "Announced three-yearly inspections of safeguarding and services for looked after children, graded.",
    ),
    FrameworkRecord(
        "sif",
        "Single inspection framework (SIF)",
        "SIF",
        2013,
        2017,
        "Inspections of services for children in need of help and protection, children looked after and care "
        "leavers, with monitoring visits to councils judged inadequate.",
    ),
    FrameworkRecord(
        "ilacs",
        "Inspection of local authority children's services (ILACS)",
        "ILACS",
        2018,
        None,
        "Standard and short inspections, focused visits and monitoring visits, from January 2018.",
    ),
    FrameworkRecord(
        "jtai",
        "Joint targeted area inspection (JTAI)",
        "JTAI",
        2016,
        None,
        "Joint inspections with CQC, HMICFRS and HMI Probation of how agencies work together in an area.",
    ),
)
BY_SLUG = {framework.slug: framework for framework in FRAMEWORKS}

VISIT_TYPES = (
    (re.compile(r"joint targeted area inspection", re.I), "joint targeted area inspection"),
    (re.compile(r"unannounced inspection", re.I), "unannounced inspection"),
    (re.compile(r"monitoring visit", re.I), "monitoring visit"),
    (re.compile(r"focused visit", re.I), "focused visit"),
    (re.compile(r"assurance visit", re.I), "assurance visit"),
    (re.compile(r"short inspection", re.I), "short inspection"),
    (re.compile(r"inspection of (?:local authority )?children'?s services|standard inspection", re.I), "inspection"),
    (re.compile(r"inspection of (?:services for )?safeguarding and looked after children", re.I), "inspection"),
)


def find_visit_type(text: str) -> str | None:
    return next((visit_type for pattern, visit_type in VISIT_TYPES if pattern.search(text)), None)


_EXPLICIT = re.compile(
    r"(?:carried out|conducted|undertaken|was|were|is) (?:in line with|under|using|within) (?:the )?"
    r"(?P<named>.{3,120}?)(?:\)|\bframework\b)",
    re.I | re.S,
)


def _named(text: str) -> FrameworkRecord | None:
    """The framework a phrase names outright."""
    lowered = text.lower()
    if "joint targeted area inspection" in lowered:
        return BY_SLUG["jtai"]
    if re.search(r"contact,\s+referral\s+and\s+assessment", lowered):
        return BY_SLUG["cra"]
    if re.search(r"\bilacs\b|inspection of local authority children.s services", lowered):
        return BY_SLUG["ilacs"]
    if re.search(r"single inspection framework|\bsif\b", lowered):
        return BY_SLUG["sif"]
    if re.search(r"safeguarding and looked after children", lowered):
        return BY_SLUG["slac"]
    return None


def find_framework(text: str, visit_type: str | None, letter_date: date | None) -> FrameworkRecord | None:
    """The framework a letter names, or the one its kind of visit and date imply.

    ``text`` is the letter's title, then its opening. The title decides when it names a framework; then a sentence
    of the opening that says which framework the visit was carried out under; only then the kind of visit and
    the date. A mention of another inspection ("since the joint targeted area inspection in 2019") never decides.
    """
    title, _, opening = text.partition("\n")
    named = _named(title)
    if named:
        return named
    for match in _EXPLICIT.finditer(opening):
        named = _named(match.group("named") + " framework")
        if named:
            return named
    if visit_type == "joint targeted area inspection":
        return BY_SLUG["jtai"]
    if letter_date is None:
        return _named(opening) if visit_type is None else None
    if visit_type in ("focused visit", "assurance visit", "short inspection"):
        return BY_SLUG["ilacs"]
    if visit_type == "monitoring visit":
        return BY_SLUG["ilacs"] if letter_date >= date(2018, 1, 1) else BY_SLUG["sif"]
    if visit_type == "unannounced inspection" and letter_date.year <= 2013:
        return BY_SLUG["cra"]
    if visit_type == "inspection":
        return _named(opening) or (BY_SLUG["ilacs"] if letter_date >= date(2018, 1, 1) else None)
    return _named(opening)
