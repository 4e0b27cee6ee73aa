"""Curators' edits of reference records in the admin (authorities and their aliases, inspectors, themes, frameworks,
suppressed findings, rejected files, a letter's inspectors): saved or deleted in one change, so that the data version
is raised and the count tables stay current where the record is one of their dimensions."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from letters.models import Authority, FindingTheme, Theme
from letters.services.changes import Touched, change
from letters.services.theme_masks import refresh_theme_masks
from letters.services.themes import give_bit


def save_records(saved: Iterable[models.Model] = (), deleted: Iterable[models.Model] = ()) -> None:
    """Save (create or update) and delete records, as a curator's form or its inline rows left them."""
    saved, deleted = list(saved), list(deleted)
    if not saved and not deleted:
        return
    with change() as touched:
        for record in saved:
            if isinstance(record, Theme):
                give_bit(record)
            record.save()
            _touches(record, touched)
        for record in deleted:
            _delete(record, touched)


def set_links(record: models.Model, links: dict[str, Iterable]) -> None:
    """Make a record's many-to-many links (an authority's successors) exactly ``links`` (field name -> records)."""
    if not links:
        return
    with change() as touched:
        touched.changed = False
        for name, targets in links.items():
            related = getattr(record, name)
            targets = list(targets)
            if set(related.values_list("pk", flat=True)) != {target.pk for target in targets}:
                related.set(targets)
                touched.changed = True
        _touches(record, touched)


def _touches(record: models.Model, touched: Touched) -> None:
    if isinstance(record, Authority):
        touched.councils(record.pk)  # its region and latest grade are columns of the count tables


def _delete(record: models.Model, touched: Touched) -> None:
    if isinstance(record, Theme):
        # Its findings lose its bit too, or a theme given the bit later would inherit them.
        tagged = list(FindingTheme.objects.filter(theme=record).values_list("finding_id", flat=True))
        record.delete()
        refresh_theme_masks(tagged)
        touched.everything = True
        return
    _touches(record, touched)
    record.delete()
