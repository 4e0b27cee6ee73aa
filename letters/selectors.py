"""Reads of the pages other than the searches (home, councils, a council, a letter, a theme): the archive's totals,
a council's letters and profile, a letter with its findings. No request objects; plain rows and querysets."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce

from letters.models import (
    Authority,
    Finding,
    FindingFacetCount,
    FindingTheme,
    Framework,
    Inspection,
    InspectionInspector,
    OriginalFile,
    Section,
    Theme,
    ThemeFacetCount,
    UnfilteredFacetCounts,
)


def stored_counts(tables_current: bool) -> dict[str, dict] | None:
    """The archive's totals (letters per council and framework, findings per theme, years) as the count tables last
    stored them: {"letters": counts, "findings": counts}, or None when a write has happened since they were built
    (``tables_current`` false: then the callers count live)."""
    if not tables_current:
        return None
    rows = dict(UnfilteredFacetCounts.objects.values_list("table", "counts"))
    letters, findings = rows.get("letters_inspection"), rows.get("letters_finding")
    if letters is None or findings is None:
        return None
    return {"letters": letters, "findings": findings}


def _summary(stored: dict) -> dict:
    years = [int(year) for year, n in stored["letters"].get("year", {}).items() if year and n]
    return {
        "letters": sum(stored["letters"].get("council", {}).values()),
        "councils": sum(1 for n in stored["letters"].get("council", {}).values() if n),
        "findings": sum(stored["findings"].get("section", {}).values()),
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
    }


def _with_counts(objects, counts: dict, attribute: str) -> list:
    """The objects with ``attribute`` set from {str(pk): n} (0 when absent)."""
    objects = list(objects)
    for obj in objects:
        setattr(obj, attribute, counts.get(str(obj.pk), 0))
    return objects


def archive_counts(stored: dict | None = None) -> dict:
    if stored is not None:
        return _summary(stored)
    years = Inspection.objects.aggregate(first=Min("year"), last=Max("year"))
    return {
        "letters": Inspection.objects.count(),
        "councils": Inspection.objects.values("authority").distinct().count(),
        "findings": Finding.objects.count(),
        "first_year": years["first"],
        "last_year": years["last"],
    }


def councils_with_counts(stored: dict | None = None):
    if stored is not None:
        councils = Authority.objects.order_by("short_name", "pk")
        return _with_counts(councils, stored["letters"].get("council", {}), "letter_count")
    return Authority.objects.annotate(letter_count=Count("inspections")).order_by("short_name", "pk")


def themes_with_counts(stored: dict | None = None):
    themes = Theme.objects.order_by("position", "name")
    if stored is not None and not themes.filter(bit=None).exists():
        return _with_counts(themes, stored["findings"].get("theme", {}), "finding_count")
    return themes.annotate(finding_count=Count("finding_links"))


def frameworks_with_counts(stored: dict | None = None):
    if stored is not None:
        frameworks = Framework.objects.order_by("start_year", "pk")
        return _with_counts(frameworks, stored["letters"].get("framework", {}), "letter_count")
    return Framework.objects.annotate(letter_count=Count("inspections")).order_by("start_year", "pk")


def _finding_count():
    """Findings per letter as a correlated count: reads each letter's findings by index, never the whole table."""
    findings = Finding.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    return Coalesce(Subquery(findings.annotate(n=Count("pk")).values("n")), 0)


# What a list row never shows, and costs to read: the texts, the ~4 KB search vector (~20 KB once read as text), the
# parse records and the council's judgement summary (its whole timeline, once for every row).
_NOT_LISTED = ("raw_text", "cleaned_text", "search_vector", "set_aside", "parse_warnings")
_NOT_LISTED += ("authority__judgement_summary",)


def letters_for_list(queryset=None):
    """Letters with what a list row shows, in a fixed number of queries."""
    queryset = queryset if queryset is not None else Inspection.objects.all()
    return (
        queryset.select_related("authority", "framework")
        .annotate(finding_count=_finding_count())
        .defer(*_NOT_LISTED)
        .order_by("-letter_date", "id")
    )


def findings_for_letters(queryset):
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    return queryset.prefetch_related(Prefetch("theme_links", queryset=theme_links))


def letter_detail(council_slug: str, key: str, *, curator: bool = False) -> Inspection | None:
    """A letter with what its page shows; the text set aside from its findings only for curators."""
    inspectors = InspectionInspector.objects.select_related("inspector").order_by("position")
    findings = findings_for_letters(Finding.objects.order_by("position").defer("search_vector"))
    return (
        Inspection.objects.select_related("authority", "framework")
        .defer("raw_text", "search_vector", *([] if curator else ["set_aside"]))  # the vector is ~4 KB, ~20 KB as text
        .prefetch_related(Prefetch("inspector_links", queryset=inspectors), Prefetch("findings", queryset=findings))
        .filter(authority__slug=council_slug, url_key=key)
        .first()
    )


def original_file(council_slug: str, key: str) -> OriginalFile | None:
    """The PDF a letter was read from (None for a letter read from text)."""
    return (
        OriginalFile.objects.select_related("inspection")
        .only("content", "media_type", "inspection__source_name")
        .filter(inspection__authority__slug=council_slug, inspection__url_key=key)
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


def council_findings_by_theme(authority: Authority, *, tables_current: bool = False) -> list[dict]:
    """Counts of a council's findings by theme and section, for its profile: from the theme count table when it
    is current, else read from the findings' theme bitmask (one grouped query over the council's findings, no join
    to the finding–theme links)."""
    themes = list(Theme.objects.exclude(bit=None).order_by("name").values_list("name", "slug", "bit", "pk"))
    table: dict[str, dict] = {}

    def add(name, slug, section, n):
        entry = table.setdefault(slug, {"name": name, "slug": slug, "sections": {}})
        entry["sections"][section] = entry["sections"].get(section, 0) + n

    if tables_current:
        by_id = {pk: (name, slug) for name, slug, _, pk in themes}
        rows = ThemeFacetCount.objects.filter(authority_id=authority.pk).values_list("theme_id", "section")
        for theme_id, section, n in rows.annotate(total=Sum("n")).order_by():
            if theme_id in by_id:
                add(*by_id[theme_id], section, n)
    else:
        rows = Finding.objects.filter(authority=authority).values_list("section", "theme_mask").annotate(n=Count("id"))
        for section, mask, n in rows.order_by():
            for name, slug, bit, _ in themes:
                if mask >> bit & 1:
                    add(name, slug, section, n)
    return [table[slug] for _, slug, _, _ in themes if slug in table]


def council_theme_table(themes: list[dict]) -> dict:
    """``council_findings_by_theme``'s rows as a table for the page: a column for each section the council's
    findings are in (and none for sections its documents never have), the cells (section, count) in column order
    and each row's
    total, which is the theme's number of findings (a finding is in one section)."""
    present = {section for theme in themes for section, n in theme["sections"].items() if n}
    columns = [(value, label) for value, label in Section.choices if value in present]
    rows = [
        {
            "name": theme["name"],
            "slug": theme["slug"],
            "cells": [(value, theme["sections"].get(value, 0)) for value, _ in columns],
            "total": sum(theme["sections"].values()),
        }
        for theme in themes
    ]
    return {"columns": columns, "rows": rows}


# The kinds of section a council's documents have, as the profile chart groups them (at most four series).
PROFILE_GROUPS = (
    ("Headline findings", ("headline",)),
    ("Findings", ("narrative",)),
    ("Strengths and practice meeting requirements", ("strength", "satisfactory")),
    (
        "Areas for development, improvement or priority action",
        ("area_for_development", "area_for_improvement", "priority_action"),
    ),
)
STRENGTH_SECTIONS = PROFILE_GROUPS[2][1]
WEAKNESS_SECTIONS = PROFILE_GROUPS[3][1]


def council_profile_by_year(
    authority: Authority, *, tables_current: bool = False
) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Per letter year, the council's findings by kind of section: only the kinds its documents have, so a council
    inspected after 2018 shows no always-empty "strengths" (one query, on the findings count table when it is
    current). Each year's values add up to its findings."""
    wanted = {"authority_id": authority.pk, "year__isnull": False}
    if tables_current:
        rows = FindingFacetCount.objects.filter(**wanted).values_list("year", "section").annotate(n=Sum("n")).order_by()
    else:
        rows = Finding.objects.filter(**wanted).values_list("year", "section").annotate(n=Count("id")).order_by()
    group_of = {section: index for index, (_, sections) in enumerate(PROFILE_GROUPS) for section in sections}
    counts: dict[int, list[int]] = defaultdict(lambda: [0] * len(PROFILE_GROUPS))
    for year, section, n in rows:
        if section in group_of:
            counts[year][group_of[section]] += n
    years = sorted(counts)
    return years, [
        (label, [counts[y][index] for y in years])
        for index, (label, _) in enumerate(PROFILE_GROUPS)
        if any(counts[y][index] for y in years)
    ]


def findings_per_year(queryset) -> list[tuple[str, int]]:
    rows = queryset.filter(year__isnull=False).values_list("year").annotate(n=Count("id")).order_by("year")
    return [(str(year), n) for year, n in rows]


def theme_by_year(theme: Theme) -> list[dict]:
    """Per letter year: the letters of that year, how many have a finding on ``theme``, those findings, the share
    of letters (a whole percentage) and the findings per letter. Years are compared by share because the number of
    letters a year varies sevenfold; the raw counts go with them for the table (two grouped queries)."""
    letters = dict(Inspection.objects.filter(year__isnull=False).values_list("year").annotate(n=Count("id")).order_by())
    tagged = {
        year: (findings, with_theme)
        for year, findings, with_theme in Finding.objects.filter(theme_links__theme=theme, year__isnull=False)
        .values_list("year")
        .annotate(findings=Count("id"), letters=Count("inspection", distinct=True))
        .order_by()
    }
    rows = []
    for year in sorted(letters):
        findings, with_theme = tagged.get(year, (0, 0))
        rows.append(
            {
                "year": year,
                "letters": letters[year],
                "letters_with_theme": with_theme,
                "findings": findings,
                "share": round(100 * with_theme / letters[year]),
                "per_letter": round(findings / letters[year], 1),
            }
        )
    return rows


def letters_and_findings_per_letter(
    years: list[int], series: list[tuple[str, list[int]]], letters
) -> list[tuple[str, list]] | None:
    """Rows for a council's profile table: its letters each year and findings per letter (one decimal), so that a
    year with three letters does not look three times as critical. Read from ``letters`` already loaded for the page
    (no query): None when they are not all of the council's letters."""
    if letters is None:
        return None
    counts: dict[int, int] = defaultdict(int)
    for letter in letters:
        if letter.year is not None:
            counts[letter.year] += 1
    findings = [sum(values[i] for _, values in series) for i in range(len(years))]
    return [
        ("Letters", [counts[year] for year in years]),
        (
            "Findings per letter",
            [round(n / counts[year], 1) if counts[year] else "—" for year, n in zip(years, findings, strict=True)],
        ),
    ]
