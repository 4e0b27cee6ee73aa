"""Rows as JSON values and back, and the upsert an archive import is made of: create what is missing, update what
differs, by natural key, comparing before writing (so that the same data twice writes nothing)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db import models
from django.utils import timezone

# Columns the database derives (search vectors by trigger, theme masks and bits from the links) or that hold ids.
DERIVED = {"search_vector", "theme_mask", "bit", "latest_overall_grade", "judgement_summary"}
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def plain_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own columns: not the id, not a relation, not derived. New columns are exported without a change."""
    return [f for f in model._meta.concrete_fields if not f.primary_key and not f.is_relation and f.name not in DERIVED]


def to_json(model_field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField | models.DateField):
        return value.isoformat()
    if isinstance(model_field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def from_json(model_field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField):
        moment = datetime.fromisoformat(value)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
    if isinstance(model_field, models.DateField):
        return date.fromisoformat(value)
    if isinstance(model_field, models.BinaryField):
        return base64.b64decode(value)
    return value


def comparable(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview | bytearray) else value


def plain(instance: models.Model) -> dict[str, Any]:
    return {f.name: to_json(f, getattr(instance, f.attname)) for f in plain_fields(type(instance))}


def plain_from(model: type[models.Model], record: dict) -> dict[str, Any]:
    """The record's values for the model's own columns, by attribute; columns the record lacks are left out."""
    return {f.attname: from_json(f, record[f.name]) for f in plain_fields(model) if f.name in record}


@dataclass
class Outcome:
    """One batch's result, merged into the report only once its transaction has committed."""

    statuses: dict[Any, str] = field(default_factory=dict)  # record key -> created / updated / unchanged
    failed: list[str] = field(default_factory=list)

    def mark(self, key: Any, status: str) -> None:
        if status == UPDATED and self.statuses.get(key) == CREATED:
            return
        self.statuses[key] = status


def upsert(
    model: type[models.Model],
    key: str | tuple[str, ...],
    rows: dict[Any, tuple[int, dict[str, Any]]],
    outcome: Outcome,
    *,
    one_by_one: bool = False,
    prepare: Callable[[models.Model], None] | None = None,
) -> dict[Any, models.Model]:
    """Create the rows that are missing and update those that differ, by natural key; returns every row by key.

    ``rows`` maps each key to (line, values by attribute name); with ``one_by_one`` new rows are saved one at a time,
    each given to ``prepare`` first. Values are compared before anything is written,
    so an import of the same data writes nothing and leaves timestamps (and history) alone.
    """
    fields = key if isinstance(key, tuple) else (key,)
    if not rows:
        return {}

    def key_of(values_or_row) -> Any:
        get = values_or_row.get if isinstance(values_or_row, dict) else lambda name: getattr(values_or_row, name)
        parts = tuple(get(name) for name in fields)
        return parts if isinstance(key, tuple) else parts[0]

    scope = {f"{fields[0]}__in": {k[0] if isinstance(key, tuple) else k for k in rows}}
    existing = {key_of(row): row for row in model.objects.filter(**scope) if key_of(row) in rows}
    created, changed, changed_fields = [], [], set()
    for row_key, (_, values) in rows.items():
        row = existing.get(row_key)
        if row is None:
            created.append(model(**values))
            outcome.mark(row_key, CREATED)
            continue
        differs = [name for name, value in values.items() if comparable(getattr(row, name)) != comparable(value)]
        if differs:
            for name in differs:
                setattr(row, name, values[name])
            changed.append(row)
            changed_fields.update(differs)
            outcome.mark(row_key, UPDATED)
        else:
            outcome.mark(row_key, UNCHANGED)
    if one_by_one:  # save() each (history rows; ``prepare`` sees the rows saved before it)
        for row in created:
            if prepare is not None:
                prepare(row)
            row.save()
    elif created:
        model.objects.bulk_create(created)
        if any(row.pk is None for row in created):  # a database that returns no ids from a bulk insert
            ids = {key_of(row): row.pk for row in model.objects.filter(**scope)}
            for row in created:
                row.pk = ids[key_of(row)]
        # bulk_create stamps auto_now(_add) columns with the time of the import; the archive's times win.
        stamped = [
            f.attname for f in plain_fields(model) if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        stamped = [name for name in stamped if all(name in rows[key_of(row)][1] for row in created)]
        if stamped:
            for row in created:
                for name in stamped:
                    setattr(row, name, rows[key_of(row)][1][name])
            model.objects.bulk_update(created, stamped)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields))
    return {**existing, **{key_of(row): row for row in created}}
