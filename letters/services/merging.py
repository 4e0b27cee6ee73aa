"""Merge duplicate reference records (authorities, inspectors) into one, losing no letter or finding."""

from __future__ import annotations

from django.db import transaction

from letters.freshness import data_version
from letters.models import (
    Authority,
    AuthorityAlias,
    AuthorityRedirect,
    Finding,
    Inspection,
    InspectionInspector,
    Inspector,
    InspectorRedirect,
    StatisticalNeighbour,
)
from letters.services.judgements import refresh_judgement_summaries, refresh_neighbour_summaries
from letters.services.store import _url_key


@transaction.atomic
def merge_authorities(keep: Authority, others: list[Authority]) -> int:
    """Move the others' letters, findings and names to ``keep``; their URLs redirect to it. Returns letters moved."""
    moved = 0
    for other in others:
        if other.pk == keep.pk:
            continue
        for letter in Inspection.objects.filter(authority=other).only("pk", "url_key", "letter_date", "authority"):
            clash = Inspection.objects.filter(authority=keep, url_key=letter.url_key).exists()
            key = _url_key(keep.pk, letter.letter_date, letter) if clash else letter.url_key
            Inspection.objects.filter(pk=letter.pk).update(authority=keep, url_key=key)
            moved += 1
        Finding.objects.filter(authority=other).update(authority=keep)
        known = set(keep.aliases.values_list("name", flat=True))
        for name in [other.name, other.short_name, *other.aliases.values_list("name", flat=True)]:
            if name not in known and name != keep.name:
                AuthorityAlias.objects.create(authority=keep, name=name)
                known.add(name)
        AuthorityRedirect.objects.filter(authority=other).update(authority=keep)
        AuthorityRedirect.objects.update_or_create(old_slug=other.slug, defaults={"authority": keep})
        other.delete()
    # The kept council's timeline now holds the others' letters; neighbour lists no longer name the others.
    refresh_judgement_summaries([keep.pk])
    refresh_neighbour_summaries(Authority, StatisticalNeighbour)
    data_version.bump()
    return moved


@transaction.atomic
def merge_inspectors(keep: Inspector, others: list[Inspector]) -> int:
    """Spelling variants of one inspector become one; letters that named both keep one link (lead if either)."""
    moved = 0
    for other in others:
        if other.pk == keep.pk:
            continue
        for link in InspectionInspector.objects.filter(inspector=other):
            existing = InspectionInspector.objects.filter(inspection_id=link.inspection_id, inspector=keep).first()
            if existing:
                if link.lead and not existing.lead:
                    existing.lead = True
                    existing.save(update_fields=["lead"])
                link.delete()
            else:
                link.inspector = keep
                link.save(update_fields=["inspector"])
            moved += 1
        InspectorRedirect.objects.filter(inspector=other).update(inspector=keep)
        InspectorRedirect.objects.update_or_create(old_slug=other.slug, defaults={"inspector": keep})
        other.delete()
    data_version.bump()
    return moved
