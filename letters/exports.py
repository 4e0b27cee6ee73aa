"""Stream a search's full result set as CSV or JSON: no row limit, memory flat in the number of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from letters.models import FindingTheme

FINDING_COLUMNS = [
    "letter_date",
    "council",
    "council_slug",
    "gss_code",
    "framework",
    "visit_type",
    "section",
    "position",
    "themes",
    "text",
    "letter_url",
]
LETTER_COLUMNS = [
    "letter_date",
    "council",
    "council_slug",
    "gss_code",
    "framework",
    "visit_type",
    "title",
    "visit_dates",
    "prior_judgement",
    "visit_ordinal",
    "inspectors",
    "findings",
    "letter_url",
]
CHUNK = 2000


class _Echo:
    def write(self, value: str) -> str:
        return value


def finding_rows(queryset: QuerySet, base_url: str) -> Iterator[dict]:
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    rows = (
        queryset.select_related("inspection__authority", "inspection__framework")
        .defer("inspection__raw_text", "inspection__cleaned_text", "inspection__search_vector", "search_vector")
        .prefetch_related(Prefetch("theme_links", queryset=theme_links))
        .order_by("-year", "-inspection_id", "position")
    )
    for finding in rows.iterator(chunk_size=CHUNK):
        letter = finding.inspection
        yield {
            "letter_date": letter.letter_date.isoformat() if letter.letter_date else "",
            "council": letter.authority.name,
            "council_slug": letter.authority.slug,
            "gss_code": letter.authority.gss_code,
            "framework": letter.framework.short_name if letter.framework else "",
            "visit_type": letter.visit_type,
            "section": finding.section,
            "position": finding.position,
            "themes": [link.theme.slug for link in finding.theme_links.all()],
            "text": finding.text,
            "letter_url": base_url + letter.get_absolute_url() + f"#finding-{finding.position}",
        }


def letter_rows(queryset: QuerySet, base_url: str) -> Iterator[dict]:
    from django.db.models import Count

    from letters.models import InspectionInspector

    inspectors = InspectionInspector.objects.select_related("inspector").order_by("position")
    rows = (
        queryset.select_related("authority", "framework")
        .defer("raw_text", "cleaned_text", "search_vector")
        .annotate(finding_total=Count("findings"))
        .prefetch_related(Prefetch("inspector_links", queryset=inspectors))
        .order_by("-letter_date", "-id")
    )
    for letter in rows.iterator(chunk_size=CHUNK):
        yield {
            "letter_date": letter.letter_date.isoformat() if letter.letter_date else "",
            "council": letter.authority.name,
            "council_slug": letter.authority.slug,
            "gss_code": letter.authority.gss_code,
            "framework": letter.framework.short_name if letter.framework else "",
            "visit_type": letter.visit_type,
            "title": letter.title,
            "visit_dates": letter.visit_dates,
            "prior_judgement": f"{letter.prior_grade} ({letter.prior_month})" if letter.prior_grade else "",
            "visit_ordinal": letter.visit_ordinal,
            "inspectors": [
                link.inspector.name + (" (lead)" if link.lead else "") for link in letter.inspector_links.all()
            ],
            "findings": letter.finding_total,
            "letter_url": base_url + letter.get_absolute_url(),
        }


def as_csv(rows: Iterator[dict], columns: list[str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow(["; ".join(v) if isinstance(v, list) else v for v in (row[c] for c in columns)])


def as_json(rows: Iterator[dict]) -> Iterator[str]:
    yield "[\n"
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"
