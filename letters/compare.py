"""The comparison of councils (/compare/) and the councils list's judgement facet: validate the chosen councils,
then read their timelines and theme rates (letters/judgements.py). Plain data for templates."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from letters import judgements, timeline_chart
from letters.browse.facet_rows import Facet, FacetOption, toggle_url
from letters.models import Authority, Grade

MIN_COUNCILS, MAX_COUNCILS = 2, 11


def councils_from(slugs: list[str]) -> tuple[list[Authority], str]:
    """The councils the URL names, in its order, or a message saying what is wrong with the choice."""
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs if slug.strip()))
    if not MIN_COUNCILS <= len(wanted) <= MAX_COUNCILS:
        return [], (
            f"Choose between {MIN_COUNCILS} and {MAX_COUNCILS} different councils to compare "
            f"(this link names {len(wanted)}): add ?council=… once for each council."
        )
    found = {authority.slug: authority for authority in Authority.objects.filter(slug__in=wanted)}
    unknown = [slug for slug in wanted if slug not in found]
    if unknown:
        return [], f"No council is known by {', '.join(repr(slug) for slug in unknown)}: check the link."
    return [found[slug] for slug in wanted], ""


def compare_url(slugs: list[str]) -> str:
    return reverse("letters:compare") + "?" + urlencode([("council", slug) for slug in slugs])


def findings_url(slugs: list[str]) -> str:
    """The findings search with these councils ticked."""
    return reverse("letters:findings") + "?" + urlencode([("council", slug) for slug in slugs])


def comparison(councils: list[Authority]) -> dict:
    """Timelines on one shared time axis, and themes × councils as findings per letter (with the counts)."""
    timelines = judgements.timelines(councils)
    days = [entry.when for timeline in timelines.values() for entry in timeline.overall]
    years = (min(d.year for d in days), max(d.year for d in days)) if days else None
    charts = [
        {
            "timeline": timelines[council.pk],
            "chart": timeline_chart.timeline_chart(
                timelines[council.pk].overall,
                title=f"{council.short_name}: overall effectiveness over time",
                description="Overall effectiveness grades on record.",
                years=years,
                id_prefix=f"compare-timeline-{index}",
            ),
        }
        for index, council in enumerate(councils, start=1)
    ]
    return {
        "councils": councils,
        "timelines": charts,
        "rates": judgements.theme_rates(councils),
        "findings_url": findings_url([council.slug for council in councils]),
    }


def councils_by_judgement(councils: list[Authority], data: QueryDict, path: str) -> tuple[list[Authority], Facet]:
    """The councils list filtered by latest overall judgement, and that facet's options (counted from the list)."""
    chosen = [value for value in data.getlist("judgement") if value in Grade.values]
    counts: dict[str, int] = {}
    for council in councils:
        if council.latest_overall_grade:
            counts[council.latest_overall_grade] = counts.get(council.latest_overall_grade, 0) + 1
    facet = Facet("judgement", "Latest overall judgement")
    for value, label in Grade.choices:
        if counts.get(value) or value in chosen:
            facet.options.append(
                FacetOption(
                    value, label, counts.get(value, 0), value in chosen, toggle_url(path, data, "judgement", value)
                )
            )
    shown = [council for council in councils if council.latest_overall_grade in chosen] if chosen else councils
    return shown, facet
