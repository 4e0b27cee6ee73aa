"""Full-text search on SQLite: FTS5 tables kept in step by triggers, bm25 ranking, highlight() and snippet()."""

from __future__ import annotations

from django.db import connection
from django.db.models import FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from letters.search.match_sql import MatchSQL
from letters.search.query import to_fts5

_FTS = {"letters_finding": "letters_finding_fts", "letters_inspection": "letters_inspection_fts"}


def _fts_table(queryset: QuerySet) -> str:
    return _FTS[queryset.model._meta.db_table]


def match(queryset: QuerySet, text: str) -> QuerySet:
    fts = _fts_table(queryset)
    must, must_not = to_fts5(text)
    if must:
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [must]))
    if must_not:
        queryset = queryset.exclude(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [must_not]))
    if not must and not must_not:
        queryset = queryset.none()
    return queryset


def rank(queryset: QuerySet, text: str) -> QuerySet:
    fts, table = _fts_table(queryset), queryset.model._meta.db_table
    must, _ = to_fts5(text)
    if not must:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # bm25() is lower for better hits; negate it so that, as on PostgreSQL, a higher rank is better. The FTS table
    # is joined (one MATCH for the query), not asked once per row in a subquery (one MATCH per matching row).
    return queryset.extra(  # noqa: S610 - fixed SQL; the query text goes in as a parameter
        select={"rank": f"-bm25({fts})"},
        tables=[fts],
        where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
        params=[must],
    )


def snippets(queryset: QuerySet, ids: list[int], text: str, column: str, *, whole: bool) -> dict[int, str]:
    from letters.search.highlight import mark

    fts = _fts_table(queryset)
    must, _ = to_fts5(text)
    if not ids or not must:
        return {}
    function = f"highlight({fts}, 0, char(2), char(3))" if whole else f"snippet({fts}, 0, char(2), char(3), ' … ', 40)"
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, {function} FROM {fts} WHERE {fts} MATCH %s AND rowid IN ({placeholders})", [must, *ids]
        )
        return {pk: mark(snippet) for pk, snippet in cursor.fetchall()}


def match_sql(table: str, alias: str, text: str) -> MatchSQL:
    """The same match as ``match``, as SQL on ``alias`` for the one-pass facet query: the FTS table is joined
    once (one MATCH for the query), which also gives bm25() for the rank."""
    fts = _FTS[table]
    must, must_not = to_fts5(text)
    if not must and not must_not:
        return MatchSQL(where="1 = 0")
    where, params = [], []
    if must:
        where.append(f"{fts} MATCH %s")
        params.append(must)
    if must_not:
        where.append(f"{alias}.id NOT IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)")
        params.append(must_not)
    return MatchSQL(
        joins=f"JOIN {fts} ON {fts}.rowid = {alias}.id" if must else "",
        where=" AND ".join(where),
        where_params=params,
        rank=f"-bm25({fts})" if must else "0.0",
    )
