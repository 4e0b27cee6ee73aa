"""Read and raise the archive's data version (one row, models/data_version.py). Services raise it inside the
transaction that writes, so a reader sees the new version exactly when it sees the new data."""

from __future__ import annotations

import uuid

from django.db import DEFAULT_DB_ALIAS, connections

_BUMP = "UPDATE letters_dataversion SET version = version + 1, stamp = %s WHERE id = 1"


def changed(using: str | None = None) -> None:
    """The archive's data changed: raise the version (on database ``using``, the default one unless given)."""
    with connections[using or DEFAULT_DB_ALIAS].cursor() as cursor:
        stamp = uuid.uuid4().hex
        cursor.execute(_BUMP, [stamp])
        if cursor.rowcount == 0:
            cursor.execute(
                "INSERT INTO letters_dataversion (id, version, counts_version, stamp) VALUES (1, 1, -1, %s)", [stamp]
            )


bump = changed  # the name the services have called it by


def current() -> int:
    return state()[0]


def state(using: str = DEFAULT_DB_ALIAS) -> tuple[int, bool]:
    """(data version, whether the facet count tables were built at it), in one query."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT version, counts_version FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[0] == row[1]) if row else (0, False)


def stamped(using: str = DEFAULT_DB_ALIAS) -> str:
    """The data version with its random stamp: one name for one state of the data, even in a database made anew."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT version, stamp FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return f"{row[0]}-{row[1]}" if row else "0-"


def state_for(request) -> tuple[int, bool]:
    """``state()`` once per request: the page cache reads it first and leaves it on the request."""
    known = getattr(request, "archive_data_state", None)
    if known is None:
        known = request.archive_data_state = state()
    return known
