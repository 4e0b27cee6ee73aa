"""The archive's totals (letters per council and framework, findings per theme, years) for the home page and the
councils list, read from the stored unfiltered facet counts while they are current, else counted live."""

from __future__ import annotations

from letters import data_version
from letters.models import UnfilteredFacetCounts


def stored_counts(request=None) -> dict[str, dict] | None:
    """{"letters": counts, "findings": counts} as the count tables last stored them, or None if any write has
    happened since (then the caller counts live)."""
    tables_current = data_version.state_for(request)[1] if request is not None else data_version.state()[1]
    if not tables_current:
        return None
    rows = dict(UnfilteredFacetCounts.objects.values_list("table", "counts"))
    letters, findings = rows.get("letters_inspection"), rows.get("letters_finding")
    if letters is None or findings is None:
        return None
    return {"letters": letters, "findings": findings}


def summary(stored: dict) -> dict:
    years = [int(year) for year, n in stored["letters"].get("year", {}).items() if year and n]
    return {
        "letters": sum(stored["letters"].get("council", {}).values()),
        "councils": sum(1 for n in stored["letters"].get("council", {}).values() if n),
        "findings": sum(stored["findings"].get("section", {}).values()),
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
    }


def with_counts(objects, counts: dict, attribute: str) -> list:
    """The objects with ``attribute`` set from {str(pk): n} (0 when absent)."""
    objects = list(objects)
    for obj in objects:
        setattr(obj, attribute, counts.get(str(obj.pk), 0))
    return objects
