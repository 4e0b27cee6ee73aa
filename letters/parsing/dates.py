"""Dates as letters write them: '1 July 2010', 'on 2 and 3 June 2010', 'between 3 and 5 November 2020'."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
SINGLE_DATE = re.compile(rf"\b({DAY})\s+({MONTH})\s+({YEAR})\b", re.I)
WHOLE_LINE_DATE = re.compile(rf"^(?:date:?\s*)?({DAY})\s+({MONTH}),?\s+({YEAR})$", re.I)

_CONNECT = r"\s*(?:,\s*(?:and\s+)?|and|&|to|until|till|[-–—])\s*"
_DAY_MAYBE_MONTH = rf"{DAY}(?:\s+{MONTH}(?:\s+{YEAR})?)?"
VISIT_DATES = re.compile(
    rf"\b(?P<lead>on|between|from|during)\s+(?:the\s+)?(?P<expr>{_DAY_MAYBE_MONTH}(?:{_CONNECT}{_DAY_MAYBE_MONTH})*"
    rf"\s+{MONTH}\s+{YEAR}|{DAY}\s+{MONTH}\s+{YEAR})",
    re.I,
)
_TOKEN = re.compile(rf"({DAY})(?:\s+({MONTH}))?(?:\s+({YEAR}))?|(and|to|until|till|[-–—]|,|&)", re.I)


def make_date(day: str, month: str, year: str) -> date | None:
    """A date from its written parts, or None when it does not exist (31 February)."""
    try:
        return date(int(year), MONTHS[month.lower().rstrip(".")], int(re.sub(r"\D", "", day)))
    except (KeyError, ValueError):
        return None


def parse_single(text: str) -> date | None:
    match = SINGLE_DATE.search(text)
    return make_date(*match.groups()) if match else None


def expand_visit_dates(lead: str, expr: str) -> list[date]:
    """Every day of a visit from its wording: lists name days, ranges ('between', 'to', '–') fill them in."""
    parts: list[list[str | None]] = []  # [day, month, year]
    connectors: list[str] = []
    for match in _TOKEN.finditer(expr):
        if match.group(1):
            parts.append([match.group(1), match.group(2), match.group(3)])
        elif parts:
            connectors.append(match.group(4).lower())
    if not parts:
        return []
    month, year = None, None
    for part in reversed(parts):  # months and years carry backwards: "2 and 3 June 2010"
        month = part[1] or month
        year = part[2] or year
        part[1], part[2] = month, year
    days = [make_date(d, m, y) for d, m, y in parts if m and y]
    days = [d for d in days if d is not None]
    if len(days) != len(parts):
        return days
    is_range = lead.lower() in ("between", "from") or any(
        c in ("to", "until", "till", "-", "–", "—") for c in connectors
    )
    if is_range and len(days) == 2 and days[0] < days[1] and (days[1] - days[0]).days <= 31:
        return [days[0] + timedelta(n) for n in range((days[1] - days[0]).days + 1)]
    return sorted(set(days))


def find_visit_dates(text: str) -> list[date]:
    """The visit's days from the first dated phrase of a text (the letter's opening paragraph)."""
    match = VISIT_DATES.search(text)
    if not match:
        return []
    return expand_visit_dates(match.group("lead"), match.group("expr"))
