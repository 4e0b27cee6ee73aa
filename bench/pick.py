"""Run inside Django (a child process): count what was ingested and pick, deterministically, the letters and the
council that the other page benchmarks request (the headline's words and pairs are bench/draw.py's). Prints JSON."""

from __future__ import annotations

import json

import django


def picks() -> dict:
    from django.db.models import Count

    from letters.models import Authority, Finding, FindingTheme, Inspection
    from letters.parsing import PARSER_VERSION

    letters = Inspection.objects.count()
    names = list(Inspection.objects.order_by("source_name").values_list("pk", flat=True))
    sample_ids = [names[i * len(names) // 5] for i in range(5)] if names else []
    sample = Inspection.objects.select_related("authority").in_bulk(sample_ids)
    councils = list(Authority.objects.annotate(n=Count("inspections")).filter(n__gt=0).order_by("-n", "slug")[:1])
    return {
        "letters": letters,
        "findings": Finding.objects.count(),
        "finding_themes": FindingTheme.objects.count(),
        "letter_pages": [{"id": pk, "url": sample[pk].get_absolute_url()} for pk in sample_ids],
        "councils": [{"id": c.pk, "slug": c.slug, "letters": c.n, "url": c.get_absolute_url()} for c in councils],
        # A re-ingest is only "unchanged" if the parser's version is the one the letters were stored with.
        "parser_version": PARSER_VERSION,
        "stored_parser_versions": sorted(set(Inspection.objects.values_list("parser_version", flat=True))),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(picks()))
