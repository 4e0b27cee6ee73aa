"""Load the shipped reference data (authorities, frameworks, themes, statistical neighbours) into the database,
without undoing curation.

Authorities and frameworks are upserted by slug (curator-added aliases stay); themes are only added when
missing, because their rules belong to the curators once loaded. Statistical neighbours and the DfE codes they
are keyed by are replaced from the shipped CSV (letters/parsing/data/statistical_neighbours.md names its source).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from letters.parsing.authorities import load_default_authorities
from letters.parsing.frameworks import FRAMEWORKS
from letters.parsing.themes import load_default_themes
from letters.services.judgements import refresh_neighbour_summaries


@dataclass
class ReferenceCounts:
    authorities: int = 0
    aliases: int = 0
    frameworks: int = 0
    themes_added: int = 0
    neighbours: int = 0
    neighbour_rows_unmatched: int = 0


NEIGHBOURS_CSV = Path(__file__).resolve().parent.parent / "parsing" / "data" / "statistical_neighbours.csv"


def load_reference_data(apps=None) -> ReferenceCounts:
    """Upsert the reference data. ``apps`` is a migration's app registry, or None for the live models."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Authority = apps.get_model("letters", "Authority")
    AuthorityAlias = apps.get_model("letters", "AuthorityAlias")
    Framework = apps.get_model("letters", "Framework")
    Theme = apps.get_model("letters", "Theme")
    counts = ReferenceCounts()

    records = load_default_authorities()
    by_slug = {}
    for record in records:
        authority, _ = Authority.objects.update_or_create(
            slug=record.slug,
            defaults={
                "name": record.name,
                "short_name": record.short_name,
                "gss_code": record.gss_code or "",
                "region": record.region or "",
                "kind": record.kind or "",
                "abolished": record.abolished,
            },
        )
        by_slug[record.slug] = authority
        counts.authorities += 1
        existing = set(AuthorityAlias.objects.filter(authority=authority).values_list("name", flat=True))
        new_aliases = [
            AuthorityAlias(authority=authority, name=alias) for alias in record.aliases if alias not in existing
        ]
        AuthorityAlias.objects.bulk_create(new_aliases)
        counts.aliases += len(new_aliases)
    for record in records:
        successors = [by_slug[slug] for slug in record.replaced_by if slug in by_slug]
        if successors:
            by_slug[record.slug].replaced_by.add(*successors)

    for framework in FRAMEWORKS:
        Framework.objects.update_or_create(
            slug=framework.slug,
            defaults={
                "name": framework.name,
                "short_name": framework.short_name,
                "start_year": framework.start_year,
                "end_year": framework.end_year,
                "description": framework.description,
            },
        )
        counts.frameworks += 1

    known = set(Theme.objects.values_list("slug", flat=True))
    for position, item in enumerate(load_default_themes()):
        if item["slug"] in known:
            continue
        Theme.objects.create(
            slug=item["slug"],
            name=item["name"],
            description=item.get("description", ""),
            rules=item.get("rules", {"include": [], "exclude": []}),
            position=position,
        )
        counts.themes_added += 1
    load_statistical_neighbours(apps, counts)
    return counts


def load_statistical_neighbours(apps, counts: ReferenceCounts) -> None:
    """DfE codes on authorities and each one's ten statistical neighbours, from the shipped CSV."""
    try:
        StatisticalNeighbour = apps.get_model("letters", "StatisticalNeighbour")
    except LookupError:  # an early migration's registry, before the model existed: migration 0015 loads them
        return
    Authority = apps.get_model("letters", "Authority")
    AuthorityAlias = apps.get_model("letters", "AuthorityAlias")
    current = list(Authority.objects.filter(abolished__isnull=True).values_list("pk", "gss_code", "name", "short_name"))
    by_gss = {gss: pk for pk, gss, _, _ in current if gss}
    by_name = {}
    for pk, _, name, short_name in current:
        by_name[name.lower()] = by_name[short_name.lower()] = pk
    for name, pk in AuthorityAlias.objects.filter(authority__abolished__isnull=True).values_list("name", "authority"):
        by_name.setdefault(name.lower(), pk)

    with NEIGHBOURS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    code_to_pk = {}
    for row in rows:
        # The GSS code first; a council that replaced another may still carry its predecessor's code in the source.
        pk = by_gss.get(row["gss_code"].strip()) or by_name.get(" ".join(row["council"].split()).lower())
        if pk is None:
            counts.neighbour_rows_unmatched += 1
            continue
        code_to_pk[row["dfe_la_code"].strip()] = pk
    for code, pk in code_to_pk.items():
        Authority.objects.filter(pk=pk).exclude(dfe_code=code).update(dfe_code=code)
    links = []
    for row in rows:
        pk = code_to_pk.get(row["dfe_la_code"].strip())
        if pk is None:
            continue
        ranked = [code_to_pk.get(code) for code in row["statistical_neighbours"].split()]
        seen = {pk}
        for rank, neighbour in enumerate(ranked, start=1):
            if neighbour is not None and neighbour not in seen:
                seen.add(neighbour)
                links.append(StatisticalNeighbour(authority_id=pk, neighbour_id=neighbour, rank=rank))
    StatisticalNeighbour.objects.all().delete()
    StatisticalNeighbour.objects.bulk_create(links, batch_size=1000)
    counts.neighbours = len(links)
    refresh_neighbour_summaries(Authority, StatisticalNeighbour)
