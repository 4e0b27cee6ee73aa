"""Insert many new rows at once: PostgreSQL's COPY, ``bulk_create`` elsewhere.

A bulk ``INSERT … VALUES`` of a thousand findings costs Django the compiling of every value into SQL and psycopg the
splitting of that SQL again; COPY streams the rows as they are. The rows' ids are drawn from the table's sequence
first, so that the caller has them (as ``bulk_create`` gives them) for the rows that refer to these. Triggers and
constraints apply to COPY as to INSERT, and a refused row raises the same ``django.db`` error. No signals are sent,
as with ``bulk_create``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Field, JSONField, Model
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


def allocate_ids(model: type[Model], objects: Sequence[Model]) -> bool:
    """On PostgreSQL, give the objects that have none their ids from the table's sequence now, and say so; elsewhere
    say no (``bulk_create`` gives them, or the caller reads them back)."""
    if connection.vendor != "postgresql":
        return False
    _allocate_ids(connections[DEFAULT_DB_ALIAS], model, [obj for obj in objects if obj.pk is None])
    return True


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
    tracked = [field.attname for field in history.tracked_fields]
    read_tracked = attrgetter(*tracked) if len(tracked) > 1 else (lambda obj: (getattr(obj, tracked[0]),))
    with transaction.atomic(savepoint=False):
        insert_rows(model, objects)
        # The history rows as plain rows (insert_new_rows), not a model instance each: the same values.
        insert_new_rows(
            history,
            [*tracked, "history_date", "history_user_id", "history_change_reason", "history_type"],
            [(*read_tracked(obj), when, _user_id(history.get_default_history_user(obj)), None, "+") for obj in objects],
        )


def _user_id(user) -> int | None:
    return None if user is None else user.pk


def insert_new_rows(model: type[Model], columns: Sequence[str], rows: Sequence[tuple]) -> list[int | None]:
    """Insert plain rows (Python values of the fields named by ``columns``, attnames) as new ``model`` rows, and
    return their ids in order (None where the database returns none from a bulk insert). On PostgreSQL no model
    instance is made: the ids are drawn from the sequence and the rows go in by COPY. Every column left out must be
    one the database fills (a trigger's, or a nullable one)."""
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    _refuse_missing_columns(model, {meta.pk.attname, *(field.attname for field in fields)})
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=1000)
        return [obj.pk for obj in objects]
    db = connections[DEFAULT_DB_ALIAS]
    ids = _next_ids(db, model, len(rows))
    # Only the columns whose values need preparing are rewritten (a finding's one JSON column of its ~17): the
    # others go in as they are.
    preparers = [(1 + index, _preparer(field, db)) for index, field in enumerate(fields) if not _as_it_is(field)]
    values = [[new_id, *row] for new_id, row in zip(ids, rows, strict=True)]
    for index, prepare in preparers:
        for value in values:
            value[index] = prepare(value[index])
    _copy(db, meta.db_table, [meta.pk.column, *(field.column for field in fields)], values)
    return ids


def _refuse_missing_columns(model: type[Model], given: set[str]) -> None:
    """A NOT NULL column left out of a COPY would fail row by row at the database; say which, once, up front."""
    missing = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.null and not field.has_db_default() and field.attname not in given
    ]
    if missing:
        raise ValueError(f"insert_new_rows into {model._meta.label}: no value for {', '.join(missing)}")


def _copy(db, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    names = ", ".join(db.ops.quote_name(column) for column in columns)
    statement = f"COPY {db.ops.quote_name(table)} ({names}) FROM STDIN"
    # psycopg's own errors as Django's (see insert_rows).
    with db.cursor() as cursor, db.wrap_database_errors:
        for start in range(0, len(rows), COPY_CHUNK):
            with cursor.cursor.copy(statement) as copy:
                for row in rows[start : start + COPY_CHUNK]:
                    copy.write_row(row)


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
    _copy(db, model._meta.db_table, [model._meta.get_field(column).column for column in columns], rows)


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


def _as_it_is(field) -> bool:
    return field.get_internal_type() in _AS_THEY_ARE and type(field).pre_save is Field.pre_save


def _value_of(field, db):
    """How to read ``field``'s database value off an object."""
    if _as_it_is(field):
        return attrgetter(field.attname)
    if type(field).pre_save is Field.pre_save:
        prepare, read = _preparer(field, db), attrgetter(field.attname)
        return lambda obj: prepare(read(obj))
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)


def _preparer(field, db) -> Callable:
    """How a Python value of ``field`` goes into a COPY: as Django prepares it, but a JSONField's list or dict as its
    JSON text (what Django's adapter would have psycopg send, without the two layers of adapting each value: a
    batch holds thousands, most of them empty)."""
    if not isinstance(field, JSONField):
        return lambda value: field.get_db_prep_save(value, db)
    encoder = field.encoder

    def as_json(value):
        kind = type(value)
        if kind is list or kind is dict:
            return json.dumps(value, cls=encoder) if value else _EMPTY_JSON[kind]
        return field.get_db_prep_save(value, db)  # None (SQL NULL), an expression, another type

    return as_json


_EMPTY_JSON = {list: "[]", dict: "{}"}


def _next_ids(db, model: type[Model], count: int) -> list[int]:
    """``count`` new ids from the table's sequence."""
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [db.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _allocate_ids(db, model: type[Model], objects: list[Model]) -> None:
    if not objects:
        return
    for obj, new_id in zip(objects, _next_ids(db, model, len(objects)), strict=True):
        setattr(obj, model._meta.pk.attname, new_id)
