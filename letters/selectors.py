"""Reads that views share: counts for the home page, a council's letters, a letter with its findings."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from letters.models import Authority, Finding, FindingTheme, Framework, Inspection, InspectionInspector, Section, Theme


def archive_counts() -> dict:
    years = Inspection.objects.aggregate(first=Min("year"), last=Max("year"))
    return {
        "letters": Inspection.objects.count(),
        "councils": Inspection.objects.values("authority").distinct().count(),
        "findings": Finding.objects.count(),
        "first_year": years["first"],
        "last_year": years["last"],
    }


def councils_with_counts():
    return Authority.objects.annotate(letter_count=Count("inspections")).order_by("short_name")


def themes_with_counts():
    return Theme.objects.annotate(finding_count=Count("finding_links")).order_by("position", "name")


def frameworks_with_counts():
    return Framework.objects.annotate(letter_count=Count("inspections")).order_by("start_year")


def _finding_count():
    """Findings per letter as a correlated count: reads each letter's findings by index, never the whole table."""
    findings = Finding.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    return Coalesce(Subquery(findings.annotate(n=Count("pk")).values("n")), 0)


def letters_for_list(queryset=None):
    """Letters with what a list row shows, in a fixed number of queries."""
    queryset = queryset if queryset is not None else Inspection.objects.all()
    return (
        queryset.select_related("authority", "framework")
        .annotate(finding_count=_finding_count())
        .defer("raw_text", "cleaned_text")
        .order_by("-letter_date", "id")
    )


def findings_for_letters(queryset):
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    return queryset.prefetch_related(Prefetch("theme_links", queryset=theme_links))


def letter_detail(council_slug: str, key: str) -> Inspection | None:
    inspectors = InspectionInspector.objects.select_related("inspector").order_by("position")
    findings = findings_for_letters(Finding.objects.order_by("position"))
    return (
        Inspection.objects.select_related("authority", "framework")
        .prefetch_related(Prefetch("inspector_links", queryset=inspectors), Prefetch("findings", queryset=findings))
        .filter(authority__slug=council_slug, url_key=key)
        .first()
    )


def findings_by_section(inspection: Inspection) -> list[tuple[str, list[Finding]]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in inspection.findings.all():
        grouped[finding.section].append(finding)
    return [(label, grouped[value]) for value, label in Section.choices if grouped.get(value)]


def neighbours(inspection: Inspection) -> tuple[Inspection | None, Inspection | None]:
    """The council's previous and next letters by date."""
    same_council = (
        Inspection.objects.filter(authority_id=inspection.authority_id)
        .only("url_key", "letter_date", "authority_id", "visit_type")
        .select_related("authority")
    )
    if inspection.letter_date is None:
        return None, None
    previous = same_council.filter(letter_date__lt=inspection.letter_date).order_by("-letter_date").first()
    following = same_council.filter(letter_date__gt=inspection.letter_date).order_by("letter_date").first()
    return previous, following


def council_findings_by_theme(authority: Authority) -> list[dict]:
    """Counts of a council's findings by theme and section, for its profile: read from the findings' theme bitmask
    (one grouped query over the council's findings, no join to the finding–theme links)."""
    themes = list(Theme.objects.exclude(bit=None).order_by("name").values_list("name", "slug", "bit"))
    table: dict[str, dict] = {}
    rows = Finding.objects.filter(authority=authority).values_list("section", "theme_mask").annotate(n=Count("id"))
    for section, mask, n in rows.order_by():
        for name, slug, bit in themes:
            if mask >> bit & 1:
                entry = table.setdefault(slug, {"name": name, "slug": slug, "sections": {}})
                entry["sections"][section] = entry["sections"].get(section, 0) + n
    return [table[slug] for _, slug, _ in themes if slug in table]


STRENGTH_SECTIONS = ("strength", "satisfactory")
WEAKNESS_SECTIONS = ("area_for_development", "area_for_improvement", "priority_action")


def council_profile_by_year(authority: Authority) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Per letter year: the council's strengths and its areas for development/improvement (one query)."""
    rows = (
        Finding.objects.filter(
            authority=authority, year__isnull=False, section__in=STRENGTH_SECTIONS + WEAKNESS_SECTIONS
        )
        .values_list("year", "section")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for year, section, n in rows:
        counts[year][0 if section in STRENGTH_SECTIONS else 1] += n
    years = sorted(counts)
    return years, [
        ("Strengths and practice meeting requirements", [counts[y][0] for y in years]),
        ("Areas for development or improvement", [counts[y][1] for y in years]),
    ]


def findings_per_year(queryset) -> list[tuple[str, int]]:
    rows = queryset.filter(year__isnull=False).values_list("year").annotate(n=Count("id")).order_by("year")
    return [(str(year), n) for year, n in rows]
