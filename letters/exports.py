"""Stream a search's full result set as CSV or JSON, in the search page's order: no row limit, memory flat in the
number of rows, a fixed number of queries per chunk of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from letters.csv_safety import safe_row
from letters.models import (
    Authority,
    Finding,
    FindingTheme,
    Framework,
    InspectionInspector,
    JudgementArea,
    Theme,
)
from letters.models.inspection import ofsted_provider_url

# The first columns are those of earlier exports, in the same order (scripts that read them by position keep
# working); the columns added since follow.
_LETTER_FIELDS = [
    "letter_date",
    "council",
    "council_slug",
    "gss_code",
    "framework",
    "visit_type",
]  # both lead with these
FINDING_COLUMNS = [
    *_LETTER_FIELDS,
    "section",
    "position",
    "themes",
    "text",
    "letter_url",
    "year",
    "region",
    "inspectors",
    "focus",
    "theme_names",
    "source_url",
]
LETTER_COLUMNS = [
    *_LETTER_FIELDS,
    "title",
    "visit_dates",
    "prior_judgement",
    "overall_judgement",
    "judgements",
    "jtai_topic",
    "visit_ordinal",
    "inspectors",
    "findings",
    "letter_url",
    "year",
    "region",
    "focus",
    "source_url",
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
    "inspection_id",
    "inspection__urn",
    "inspection__focus",
)
NEWEST_FINDINGS = ("-year", "-inspection_id", "position")


def _explicitly_ordered(queryset: QuerySet) -> bool:
    """Ordered by the caller (``order_by``), not merely by the model's default ordering."""
    return bool(queryset.query.order_by or queryset.query.extra_order_by)


def _inspector_names(inspection_ids) -> dict[int, list[str]]:
    """Each letter's inspectors in the letter's order, the lead marked: one query for a chunk of letters."""
    names: dict[int, list[str]] = {}
    links = (
        InspectionInspector.objects.filter(inspection_id__in=set(inspection_ids))
        .order_by("inspection_id", "position")
        .values_list("inspection_id", "inspector__name", "lead")
    )
    for inspection_id, name, lead in links:
        names.setdefault(inspection_id, []).append(name + (" (lead)" if lead else ""))
    return names


def _in_order(rows: QuerySet, ids: list[int] | None, key) -> Iterator:
    """The rows in the queryset's order, or in the order of ``ids`` (the search engine's relevance order), read one
    chunk of ids at a time."""
    if ids is None:
        yield from rows.iterator(chunk_size=CHUNK)
        return
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        found = {key(row): row for row in rows.filter(pk__in=part).order_by()}
        yield from (found[pk] for pk in part if pk in found)


def finding_rows(queryset: QuerySet, base_url: str, ids: list[int] | None = None) -> Iterator[dict]:
    """Rows as plain values, not model instances: the councils, frameworks and themes are read once, the theme links
    and the inspectors once per chunk of findings, and a letter's URL once per letter (its findings come together).

    The queryset's order is kept (the search page's sort, see ``browse.search_page.ordered_findings``); an unordered
    queryset is exported newest letters first; with ``ids``, the findings of the queryset in that order.
    """
    councils = {
        pk: (name, slug, gss, region)
        for pk, name, slug, gss, region in Authority.objects.values_list("pk", "name", "slug", "gss_code", "region")
    }
    frameworks = dict(Framework.objects.values_list("pk", "short_name"))
    themes = {
        pk: (position, name, slug)
        for pk, position, name, slug in Theme.objects.values_list("pk", "position", "name", "slug")
    }
    if not _explicitly_ordered(queryset):
        queryset = queryset.order_by(*NEWEST_FINDINGS)
    rows = queryset.values_list(*_FINDING_VALUES)
    chunk: list[tuple] = []
    for row in _in_order(rows, ids, key=lambda row: row[0]):
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
    inspectors = _inspector_names(row[9] for row in chunk)
    letter_url, last_letter = "", None
    for (
        pk,
        section,
        position,
        text,
        letter_date,
        visit_type,
        council_id,
        framework_id,
        url_key,
        letter_id,
        urn,
        focus,
    ) in chunk:
        name, slug, gss, region = councils[council_id]
        if (slug, url_key) != last_letter:
            last_letter = (slug, url_key)
            letter_url = base_url + reverse("letters:letter", kwargs={"council": slug, "key": url_key})
        tags = sorted(slugs_of.get(pk, []))
        yield {
            "letter_date": letter_date.isoformat() if letter_date else "",
            "year": letter_date.year if letter_date else None,
            "council": name,
            "council_slug": slug,
            "gss_code": gss,
            "region": region,
            "framework": frameworks.get(framework_id, ""),
            "visit_type": visit_type,
            "inspectors": inspectors.get(letter_id, []),
            "section": section,
            "position": position,
            "themes": [theme_slug for _, _, theme_slug in tags],
            "theme_names": [theme_name for _, theme_name, _ in tags],
            "text": text,
            "letter_url": f"{letter_url}#finding-{position}",
            "source_url": ofsted_provider_url(urn),
            "focus": list(focus or []),
        }


def letter_rows(queryset: QuerySet, base_url: str, ids: list[int] | None = None) -> Iterator[dict]:
    """Letters in the queryset's order (the page's sort; newest first when unordered; or that of ``ids``), their
    inspectors prefetched per chunk and their findings counted by a correlated subquery (never multiplied by a join)."""
    inspectors = InspectionInspector.objects.select_related("inspector").order_by("position")
    if not _explicitly_ordered(queryset):
        queryset = queryset.order_by("-letter_date", "-id")
    rows = (
        queryset.select_related("authority", "framework")
        .defer("raw_text", "cleaned_text", "search_vector")
        .annotate(finding_total=_finding_total())
        .prefetch_related(Prefetch("inspector_links", queryset=inspectors), "judgements")
    )
    for letter in _in_order(rows, ids, key=lambda letter: letter.pk):
        graded = {j.area: j.get_grade_display() for j in letter.judgements.all()}
        row = {
            "letter_date": letter.letter_date.isoformat() if letter.letter_date else "",
            "year": letter.year,
            "council": letter.authority.name,
            "council_slug": letter.authority.slug,
            "gss_code": letter.authority.gss_code,
            "region": letter.authority.region,
            "framework": letter.framework.short_name if letter.framework else "",
            "visit_type": letter.visit_type,
            "title": letter.title,
            "visit_dates": letter.visit_dates,
            "prior_judgement": f"{letter.prior_grade} ({letter.prior_month})" if letter.prior_grade else "",
            "overall_judgement": graded.get("overall_effectiveness", ""),
            "judgements": [f"{JudgementArea(area).label}: {grade}" for area, grade in graded.items()],
            "jtai_topic": letter.jtai_topic,
            "visit_ordinal": letter.visit_ordinal,
            "inspectors": [
                link.inspector.name + (" (lead)" if link.lead else "") for link in letter.inspector_links.all()
            ],
            "findings": letter.finding_total,
            "letter_url": base_url + letter.get_absolute_url(),
            "source_url": letter.source_url,
        }
        row["focus"] = list(letter.focus or [])
        yield row


def _finding_total():
    findings = Finding.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    return Coalesce(Subquery(findings.annotate(n=Count("pk")).values("n")), 0)


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
