"""Merge duplicate reference records (authorities, inspectors) into one, losing no letter or finding."""

from __future__ import annotations

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
from letters.services.changes import change
from letters.services.judgements import refresh_judgement_summaries, refresh_neighbour_summaries
from letters.services.store import url_key_for


def merge_authorities(keep: Authority, others: list[Authority]) -> int:
    """Move the others' letters, findings and names to ``keep``; their URLs redirect to it. Returns letters moved."""
    moved = 0
    with change() as touched:
        for other in _others(keep, others):
            for letter in Inspection.objects.filter(authority=other).only("pk", "url_key", "letter_date", "authority"):
                clash = Inspection.objects.filter(authority=keep, url_key=letter.url_key).exists()
                key = url_key_for(keep.pk, letter.letter_date, letter) if clash else letter.url_key
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
            touched.councils(keep.pk, other.pk)
            other.delete()
        # The kept council's timeline now holds the others' letters; neighbour lists no longer name the others.
        refresh_judgement_summaries([keep.pk])
        refresh_neighbour_summaries(Authority, StatisticalNeighbour)
    return moved


def merge_inspectors(keep: Inspector, others: list[Inspector]) -> int:
    """Spelling variants of one inspector become one; letters that named both keep one link (lead if either)."""
    moved = 0
    with change():
        for other in _others(keep, others):
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
    return moved


def _others(keep, others: list) -> list:
    """The records to merge into ``keep`` (``keep`` itself, if among them, is not merged into itself)."""
    return [other for other in others if other.pk != keep.pk]
