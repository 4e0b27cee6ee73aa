"""Stream a search's full result set as CSV or JSON: no row limit, memory flat in the number of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from letters.csv_safety import safe_row
from letters.models import Authority, FindingTheme, Framework, Theme

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


_FINDING_VALUES = (
    "pk",
    "section",
    "position",
    "text",
    "inspection__letter_date",
    "inspection__visit_type",
    "inspection__authority_id",
    "inspection__framework_id",
    "inspection__url_key",
)


def finding_rows(queryset: QuerySet, base_url: str) -> Iterator[dict]:
    """Rows as plain values, not model instances: the councils, frameworks and themes are read once, the theme links
    once per chunk of findings, and a letter's URL once per letter (its findings come together)."""
    councils = {
        pk: (name, slug, gss) for pk, name, slug, gss in Authority.objects.values_list("pk", "name", "slug", "gss_code")
    }
    frameworks = dict(Framework.objects.values_list("pk", "short_name"))
    themes = {
        pk: (position, name, slug)
        for pk, position, name, slug in Theme.objects.values_list("pk", "position", "name", "slug")
    }
    rows = queryset.order_by("-year", "-inspection_id", "position").values_list(*_FINDING_VALUES)
    chunk: list[tuple] = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield from _finding_chunk(chunk, councils, frameworks, themes, base_url)
            chunk = []
    yield from _finding_chunk(chunk, councils, frameworks, themes, base_url)


def _finding_chunk(chunk: list[tuple], councils: dict, frameworks: dict, themes: dict, base_url: str) -> Iterator[dict]:
    if not chunk:
        return
    slugs_of: dict[int, list] = {}
    links = FindingTheme.objects.filter(finding_id__in=[row[0] for row in chunk]).values_list("finding_id", "theme_id")
    for finding_id, theme_id in links.order_by():
        slugs_of.setdefault(finding_id, []).append(themes[theme_id])
    letter_url, last_letter = "", None
    for pk, section, position, text, letter_date, visit_type, council_id, framework_id, url_key in chunk:
        name, slug, gss = councils[council_id]
        if (slug, url_key) != last_letter:
            last_letter = (slug, url_key)
            letter_url = base_url + reverse("letters:letter", kwargs={"council": slug, "key": url_key})
        yield {
            "letter_date": letter_date.isoformat() if letter_date else "",
            "council": name,
            "council_slug": slug,
            "gss_code": gss,
            "framework": frameworks.get(framework_id, ""),
            "visit_type": visit_type,
            "section": section,
            "position": position,
            "themes": [theme_slug for _, _, theme_slug in sorted(slugs_of.get(pk, []))],
            "text": text,
            "letter_url": f"{letter_url}#finding-{position}",
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
        yield writer.writerow(safe_row(["; ".join(v) if isinstance(v, list) else v for v in (row[c] for c in columns)]))


def as_json(rows: Iterator[dict]) -> Iterator[str]:
    yield "[\n"
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"
