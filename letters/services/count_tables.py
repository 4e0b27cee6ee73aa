"""Build the facet count tables (browsing without words) from the findings and letters: all of them, or the rows of
some councils only. Every row of the tables belongs to one council (its findings, its region, its latest grade), so
the rows of the councils a change touched can be recounted alone, and the rest stay right. ``services/changes.py``
decides which to do after each write; the tables are read only while they were built at the current data version."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

# A council's region and latest grade are its own: the rows are grouped by council first and those two read after, on
# the groups (grouping the findings by the two text columns as well cost the theme counts half their time).
_GROUPED = "r.authority_id, r.year, r.framework_id, r.visit_type, r.jtai_topic, r.focus_mask"
_OUTER = (
    "g.authority_id, a.region, g.year, g.framework_id, g.visit_type, g.jtai_topic, g.focus_mask, a.latest_overall_grade"
)
_COLUMNS = "authority_id, region, year, framework_id, visit_type, jtai_topic, focus_mask, judgement"
_TABLES = ("letters_findingfacetcount", "letters_themefacetcount", "letters_letterfacetcount")
# Each INSERT with a WHERE clause to fill in ({where}): "" for every council, else one on r.authority_id.
_INSERTS = [
    f"""INSERT INTO letters_findingfacetcount ({_COLUMNS}, section, n)
        SELECT {_OUTER}, g.section, g.n FROM (
            SELECT {_GROUPED}, r.section, COUNT(*) AS n FROM letters_finding r {{where}} GROUP BY {_GROUPED}, r.section
        ) g JOIN letters_authority a ON a.id = g.authority_id""",
    f"""INSERT INTO letters_themefacetcount ({_COLUMNS}, section, theme_id, n)
        SELECT {_OUTER}, g.section, g.theme_id, g.n FROM (
            SELECT {_GROUPED}, r.section, t.id AS theme_id, COUNT(*) AS n FROM letters_finding r
            JOIN letters_theme t ON t.bit IS NOT NULL AND (r.theme_mask & (CAST(1 AS BIGINT) << t.bit)) <> 0 {{where}}
            GROUP BY {_GROUPED}, r.section, t.id
        ) g JOIN letters_authority a ON a.id = g.authority_id""",
    f"""INSERT INTO letters_letterfacetcount ({_COLUMNS}, n)
        SELECT {_OUTER}, g.n FROM (
            SELECT {_GROUPED}, COUNT(*) AS n FROM letters_inspection r {{where}} GROUP BY {_GROUPED}
        ) g JOIN letters_authority a ON a.id = g.authority_id""",
]
# PostgreSQL, for the rebuild's transaction: the theme counts' planner guess is ten times too many rows, so with the
# default 4 MB it sorts where a hash table fits; and compiling the statements (JIT) costs more than it saves here.
_POSTGRES_SETTINGS = ("SET LOCAL work_mem = '64MB'", "SET LOCAL jit = off")
CHUNK = 500  # councils per statement: below SQLite's limit on query parameters


@transaction.atomic
def rebuild_facet_counts() -> None:
    """Recount everything; the tables are used only while no later write has raised the data version."""
    with connection.cursor() as cursor:
        version = _version(cursor)
        _settle(cursor)
        for table in _TABLES:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
        for statement in _INSERTS:
            cursor.execute(statement.format(where=""))
    _finish(version)


@transaction.atomic
def rebuild_councils(authority_ids: Iterable[int]) -> None:
    """Recount the rows of these councils only (a council with no letters left loses its rows): the cost of a
    change to a few letters, not of the archive. The caller knows the other councils' rows are right."""
    ids = sorted(set(authority_ids) - {None})
    with connection.cursor() as cursor:
        version = _version(cursor)
        if not ids:  # a change no count sees (a review status, say): the tables are as right as they were
            cursor.execute("UPDATE letters_dataversion SET counts_version = %s WHERE id = 1", [version])
            return
        _settle(cursor)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            for table in _TABLES:
                cursor.execute(f"DELETE FROM {table} WHERE authority_id IN ({marks})", chunk)  # noqa: S608
            for statement in _INSERTS:
                cursor.execute(statement.format(where=f"WHERE r.authority_id IN ({marks})"), chunk)
    _finish(version)


def _settle(cursor) -> None:
    if connection.vendor == "postgresql":
        for setting in _POSTGRES_SETTINGS:
            cursor.execute(setting)


def _version(cursor) -> int:
    cursor.execute("SELECT version FROM letters_dataversion WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        cursor.execute("INSERT INTO letters_dataversion (id, version, counts_version) VALUES (1, 0, -1)")
        return 0
    return row[0]


def _finish(version: int) -> None:
    """The unfiltered counts from the tables just built, and the data version the tables now match."""
    _store_unfiltered_counts()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE letters_dataversion SET counts_version = %s WHERE id = 1", [version])


def _store_unfiltered_counts() -> None:
    """Every facet with nothing selected, counted once from the tables just built."""
    from letters.browse.counting import unfiltered_from_tables
    from letters.models import Finding, Inspection, UnfilteredFacetCounts

    for model in (Finding, Inspection):
        counts = unfiltered_from_tables(model.objects.all())
        table = model._meta.db_table
        # One UPDATE (no savepoint and SELECT first, as update_or_create has): the row exists once tables were built.
        if not UnfilteredFacetCounts.objects.filter(table=table).update(counts=counts):
            UnfilteredFacetCounts.objects.create(table=table, counts=counts)


def counts_are_current() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version = counts_version FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return bool(row and row[0])
