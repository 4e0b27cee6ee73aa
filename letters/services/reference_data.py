"""Load the shipped reference data (authorities, frameworks, themes) into the database, without undoing curation.

Authorities and frameworks are upserted by slug (curator-added aliases stay); themes are only added when
missing, because their rules belong to the curators once loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from letters.parsing.authorities import load_default_authorities
from letters.parsing.frameworks import FRAMEWORKS
from letters.parsing.themes import load_default_themes


@dataclass
class ReferenceCounts:
    authorities: int = 0
    aliases: int = 0
    frameworks: int = 0
    themes_added: int = 0


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
    return counts
