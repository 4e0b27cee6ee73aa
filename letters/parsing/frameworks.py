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
    for pattern, visit_type in VISIT_TYPES:
        if pattern.search(text):
            return visit_type
    return None


def find_framework(text: str, visit_type: str | None, letter_date: date | None) -> FrameworkRecord | None:
    """The framework a letter names, or the one its kind of visit and date imply."""
    lowered = text.lower()
    if "joint targeted area inspection" in lowered:
        return BY_SLUG["jtai"]
    if "contact, referral and assessment" in lowered or "contact, referral and\nassessment" in lowered:
        return BY_SLUG["cra"]
    if re.search(r"\bilacs\b|inspection of local authority children.s services", lowered):
        return BY_SLUG["ilacs"]
    if re.search(r"single inspection framework|\bsif\b", lowered):
        return BY_SLUG["sif"]
    if re.search(r"safeguarding and looked after children", lowered):
        return BY_SLUG["slac"]
    if letter_date is None:
        return None
    if visit_type in ("focused visit", "assurance visit", "short inspection"):
        return BY_SLUG["ilacs"]
    if visit_type == "monitoring visit":
        return BY_SLUG["ilacs"] if letter_date >= date(2018, 1, 1) else BY_SLUG["sif"]
    if visit_type == "unannounced inspection" and letter_date.year <= 2013:
        return BY_SLUG["cra"]
    return None
