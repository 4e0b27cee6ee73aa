"""Load the shipped reference data (authorities, frameworks, themes, statistical neighbours) into the database,
without undoing curation.

Authorities and frameworks are upserted by slug (curator-added aliases stay). Themes are added when missing;
a theme already loaded takes the shipped name, description and rules only while its rules are still exactly those
an earlier release shipped (``EARLIER_SHIPPED_RULES``): once a curator has edited them, they are the curator's.
Statistical neighbours and the DfE codes they are keyed by are replaced from the shipped CSV
(letters/parsing/data/statistical_neighbours.md names its source).
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from letters.parsing.authorities import load_default_authorities
from letters.parsing.frameworks import FRAMEWORKS
from letters.parsing.themes import load_default_themes
from letters.services.changes import change
from letters.services.judgements import refresh_neighbour_summaries
from letters.services.theme_masks import first_free_bit


@dataclass
class ReferenceCounts:
    authorities: int = 0
    aliases: int = 0
    frameworks: int = 0
    themes_added: int = 0
    themes_updated: int = 0
    neighbours: int = 0
    neighbour_rows_unmatched: int = 0


# sha256 (first 16 hex digits) of each theme's rules as earlier releases shipped them, as ``rules_digest`` computes
# it: a theme whose rules still have this digest was never edited, so a new release may replace its rules.
# fmt: off
EARLIER_SHIPPED_RULES = {
    # the taxonomy before issue 13 (24 themes)
    "domestic-abuse": "6c6911af939332bf", "assessment-quality": "8b0f6ddaa9cbdffd",
    "thresholds-decision-making": "397df901b139d1e5", "strategy-discussions-section-47": "e7a51faee5e89882",
    "supervision-management-oversight": "ea5fc6bf6278bf8b", "quality-assurance-audit": "ae2697b92429db20",
    "workforce-caseloads": "56378b0d2057a996", "training-development": "76e62664431a8f7e",
    "early-help": "f8b77aa8de83ecc3", "front-door-mash": "7e6b915c93c5a8bd", "out-of-hours": "c869c844fefc1143",
    "recording-it-systems": "1712bce00ad8c210", "partnership-working": "bf4b890b9a2c5fc0",
    "childrens-views-direct-work": "ae0073e7e4e7f397", "equality-diversity": "cc870404046cbfdf",
    "disabled-children": "bc4c40f49bdb1d1b", "missing-exploitation": "b2b497a7f30e542d",
    "timeliness": "199323e582369c53", "planning-review": "5fe1658a5fdd509d",
    "leadership-governance": "a49278cc94a9707b", "neglect": "c7d005f9cecd8254",
    "children-in-care": "62c7c66918ec5b97", "health-education": "81a9547d7c6e9f57", "covid-19": "7b43e27f0cba174c",
}
# fmt: on


def rules_digest(rules: dict) -> str:
    """A short fingerprint of a theme's rules, the same whatever the key order."""
    return hashlib.sha256(json.dumps(rules, sort_keys=True).encode()).hexdigest()[:16]


NEIGHBOURS_CSV = Path(__file__).resolve().parent.parent / "parsing" / "data" / "statistical_neighbours.csv"


def load_reference_data(apps=None) -> ReferenceCounts:
    """Upsert the reference data. ``apps`` is a migration's app registry, or None for the live models (then in one
    change: the data version raised and the count tables recounted, a council's region may have changed)."""
    if apps is not None:
        return _load(apps)
    from django.apps import apps as live_apps

    with change() as touched:
        touched.everything = True
        return _load(live_apps)


def _load(apps) -> ReferenceCounts:
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

    _load_themes(Theme, counts)
    load_statistical_neighbours(apps, counts)
    return counts


def _load_themes(Theme, counts: ReferenceCounts) -> None:
    known = {theme.slug: theme for theme in Theme.objects.all()}
    # A migration's historical model has no save() that picks a bit, so bits are chosen here (from migration
    # 0007 on: before it, themes have no bit and 0007 gives them one).
    has_bits = any(field.name == "bit" for field in Theme._meta.get_fields())
    used_bits = {theme.bit for theme in known.values() if theme.bit is not None} if has_bits else set()
    for position, item in enumerate(load_default_themes()):
        rules = item.get("rules", {"include": [], "exclude": []})
        theme = known.get(item["slug"])
        if theme is None:
            extra = {}
            if has_bits:
                bit = first_free_bit(used_bits)
                if bit is None:
                    continue  # every bit is taken: a curator must retire a theme first
                used_bits.add(bit)
                extra["bit"] = bit
            Theme.objects.create(
                slug=item["slug"],
                name=item["name"],
                description=item.get("description", ""),
                rules=rules,
                position=position,
                **extra,
            )
            counts.themes_added += 1
        elif EARLIER_SHIPPED_RULES.get(theme.slug) == rules_digest(theme.rules) and theme.rules != rules:
            theme.name, theme.description, theme.rules = item["name"], item.get("description", ""), rules
            theme.position = position
            theme.save(update_fields=["name", "description", "rules", "position"])
            counts.themes_updated += 1
        elif theme.rules == rules and theme.position != position:  # unedited: keep the shipped order
            theme.position = position
            theme.save(update_fields=["position"])


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
