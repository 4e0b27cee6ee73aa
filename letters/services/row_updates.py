"""Write a few columns of many saved rows at once.

Django's ``bulk_update`` builds one ``CASE WHEN id = … THEN …`` expression a column for the whole list; for the
few dozen councils an ingest batch touches, compiling that expression costs more than the writing. Here each row is
its own small ``UPDATE``, the same statement for all, sent together (``executemany``: psycopg pipelines them).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model


def update_rows(model: type[Model], objects: Sequence[Model], fields: Sequence[str]) -> None:
    """Write ``fields`` (names) of ``objects`` (saved ``model`` instances) to their rows. No signals are sent and
    no history is written, as with ``bulk_update``."""
    if not objects:
        return
    db = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = db.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    statement = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), db) for field in columns] + [obj.pk] for obj in objects
    ]
    with db.cursor() as cursor:
        cursor.executemany(statement, rows)
