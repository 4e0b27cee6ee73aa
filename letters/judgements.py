"""Reads of judgements for pages: a council's judgement timeline and its statistical neighbours with their latest
grades (both from the summary services/judgements.py keeps on the council: no query), and themes per letter for
the comparison of councils. Plain rows for templates; a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.urls import reverse

from letters.letter_paths import letter_path
from letters.models import Authority, Finding, Grade, Inspection, JudgementArea, Theme

OVERALL = JudgementArea.OVERALL_EFFECTIVENESS.value
GRADE_LABELS = dict(Grade.choices)
AREA_LABELS = dict(JudgementArea.choices)


@dataclass(frozen=True)
class TimelineEntry:
    when: date
    area: str
    grade: str
    source: str  # "report" or "letter" (stated in a letter)
    url: str  # the document it comes from
    document: str  # how the document is named in the table

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS.get(self.grade, self.grade)

    @property
    def stated_in_letter(self) -> bool:
        return self.source == "letter"


@dataclass
class CouncilTimeline:
    authority: Authority
    entries: list[TimelineEntry] = field(default_factory=list)

    @property
    def overall(self) -> list[TimelineEntry]:
        return [entry for entry in self.entries if entry.area == OVERALL]

    @property
    def latest_overall(self) -> TimelineEntry | None:
        overall = self.overall
        return overall[-1] if overall else None


def _letter_url(slug: str, key: str) -> str:
    return letter_path(slug, key)


def timeline_of(authority: Authority) -> CouncilTimeline:
    """The council's judgements in date order, from its stored summary (no query)."""
    timeline = CouncilTimeline(authority)
    for row in (authority.judgement_summary or {}).get("timeline", []):
        try:
            when = date.fromisoformat(row["when"])
        except (KeyError, TypeError, ValueError):
            continue
        timeline.entries.append(
            TimelineEntry(
                when,
                row.get("area", OVERALL),
                row.get("grade", ""),
                row.get("source", "report"),
                _letter_url(authority.slug, row.get("key", "")),
                row.get("document", ""),
            )
        )
    return timeline


def timelines(authorities: list[Authority]) -> dict[int, CouncilTimeline]:
    return {authority.pk: timeline_of(authority) for authority in authorities}


@dataclass(frozen=True)
class NeighbourRow:
    rank: int
    slug: str
    name: str
    grade: str

    @property
    def url(self) -> str:
        return reverse("letters:council", kwargs={"slug": self.slug})

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS.get(self.grade, "")


def neighbours_of(authority: Authority) -> list[NeighbourRow]:
    """The council's statistical neighbours, closest first, with their latest overall judgements (no query: the
    list is kept in the council's judgement summary whenever a grade changes)."""
    rows = (authority.judgement_summary or {}).get("neighbours", [])
    return [NeighbourRow(row["rank"], row["slug"], row["name"], row.get("grade", "")) for row in rows]


@dataclass
class ThemeRates:
    """Findings per letter of each theme in each council, with the counts behind them."""

    councils: list[Authority]
    letter_counts: list[int]  # in the order of ``councils``
    rows: list[dict]  # {"theme": Theme, "cells": [{"rate", "count", "url"}]}


def theme_rates(councils: list[Authority]) -> ThemeRates:
    """Themes × councils as findings per letter (rates, so councils with more letters do not simply win), in three
    queries: the letters per council, the findings grouped by council and theme mask, and the themes."""
    ids = [council.pk for council in councils]
    letters = dict(
        Inspection.objects.filter(authority_id__in=ids).values_list("authority_id").annotate(n=Count("id")).order_by()
    )
    masks = (
        Finding.objects.filter(authority_id__in=ids)
        .values_list("authority_id", "theme_mask")
        .annotate(n=Count("id"))
        .order_by()
    )
    themes = list(Theme.objects.exclude(bit=None).order_by("position", "name"))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for authority_id, mask, n in masks:
        for theme in themes:
            if mask >> theme.bit & 1:
                counts[(theme.pk, authority_id)] += n
    findings_url = reverse("letters:findings")
    rows = []
    for theme in themes:
        cells = []
        for council in councils:
            count, letter_count = counts.get((theme.pk, council.pk), 0), letters.get(council.pk, 0)
            cells.append(
                {
                    "council": council,
                    "count": count,
                    "rate": round(count / letter_count, 2) if letter_count else None,
                    "url": f"{findings_url}?council={council.slug}&theme={theme.slug}",
                }
            )
        if any(cell["count"] for cell in cells):
            rows.append({"theme": theme, "cells": cells})
    return ThemeRates(councils, [letters.get(council.pk, 0) for council in councils], rows)
