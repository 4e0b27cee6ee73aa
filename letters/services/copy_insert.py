"""Insert many new rows at once: PostgreSQL's COPY, ``bulk_create`` elsewhere.

A bulk ``INSERT … VALUES`` of a thousand findings costs Django the compiling of every value into SQL and psycopg the
splitting of that SQL again; COPY streams the rows as they are. The rows' ids are drawn from the table's sequence
first, so that the caller has them (as ``bulk_create`` gives them) for the rows that refer to these. Triggers and
constraints apply to COPY as to INSERT, and a refused row raises the same ``django.db`` error. No signals are sent,
as with ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Field, Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

COPY_CHUNK = 5000  # rows a COPY statement at most: the statement's buffers stay small


def insert_rows(model: type[Model], objects: Sequence[Model], *, batch_size: int = 1000) -> None:
    """Insert ``objects`` (new ``model`` instances), setting the primary key of those without one."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return
    db = connections[DEFAULT_DB_ALIAS]  # looked up once: the proxy ``connection`` costs a lookup per use
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not getattr(field, "generated", False)]
    _allocate_ids(db, model, [obj for obj in objects if obj.pk is None])
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    statement = f"COPY {db.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    values = [_value_of(field, db) for field in fields]
    # psycopg's own errors as Django's (a refused row is a django.db.DatabaseError, which the ingest settles letter
    # by letter): the COPY goes through the raw cursor, which Django's wrapper does not see.
    with db.cursor() as cursor, db.wrap_database_errors:
        for start in range(0, len(objects), COPY_CHUNK):
            with cursor.cursor.copy(statement) as copy:
                for obj in objects[start : start + COPY_CHUNK]:
                    obj._prepare_related_fields_for_save(operation_name="insert_rows")
                    copy.write_row([value(obj) for value in values])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = db.alias


def insert_with_history(model: type[Model], objects: Sequence[Model]) -> None:
    """``insert_rows`` for a model with django-simple-history: each new row also gets its "+" history row, as
    ``bulk_create_with_history`` writes it (no user, no reason, the same moment for the batch)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        bulk_create_with_history(objects, model, batch_size=500)
        return
    history = model.history.model
    when = timezone.now()
    with transaction.atomic(savepoint=False):
        insert_rows(model, objects)
        insert_rows(
            history,
            [
                history(
                    history_date=when,
                    history_user=history.get_default_history_user(obj),
                    history_change_reason=None,
                    history_type="+",
                    **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
                )
                for obj in objects
            ],
        )


def insert_links(model: type[Model], columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert plain rows of ``columns`` (database values: ids, numbers, text) into ``model``'s table, the rest of
    its columns left to their defaults: for link tables with many rows, no model instance is made for each on
    PostgreSQL. Nothing is returned (the rows' own ids are not read)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        fields = [model._meta.get_field(column) for column in columns]
        model.objects.bulk_create(
            [model(**{field.attname: value for field, value in zip(fields, row, strict=True)}) for row in rows],
            batch_size=1000,
        )
        return
    db = connections[DEFAULT_DB_ALIAS]
    names = ", ".join(db.ops.quote_name(model._meta.get_field(column).column) for column in columns)
    statement = f"COPY {db.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
    with db.cursor() as cursor, db.wrap_database_errors:
        for start in range(0, len(rows), COPY_CHUNK):
            with cursor.cursor.copy(statement) as copy:
                for row in rows[start : start + COPY_CHUNK]:
                    copy.write_row(row)


# Fields whose Python value psycopg writes as the database wants it: their value is read as it is, skipping
# Django's per-value preparation (the bulk of the cost of a row). Every other field is prepared as Django would.
_AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def _value_of(field, db):
    """How to read ``field``'s database value off an object."""
    if field.get_internal_type() in _AS_THEY_ARE and type(field).pre_save is Field.pre_save:
        return attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)


def _allocate_ids(db, model: type[Model], objects: list[Model]) -> None:
    if not objects:
        return
    pk = model._meta.pk
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [db.ops.quote_name(model._meta.db_table), pk.column, len(objects)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    for obj, new_id in zip(objects, ids, strict=True):
        setattr(obj, pk.attname, new_id)
