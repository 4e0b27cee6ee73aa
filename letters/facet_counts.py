"""Count every facet of a search in ONE SQL statement: the matching rows are materialised once, then each facet is
grouped over them with every filter but its own (disjunctive faceting). Themes are counted from the findings'
theme bitmask, so no join to the link table is needed. Plain SQL that PostgreSQL and SQLite both run."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from letters import search


@dataclass(frozen=True)
class Dimension:
    param: str  # URL parameter
    column: str  # column of the materialised rows
    source: str  # SQL that fills it
    counted: str  # the same column in the count tables


FINDING_DIMENSIONS = [
    Dimension("council", "council", "r.authority_id", "authority_id"),
    Dimension("region", "region", "a.region", "region"),
    Dimension("year", "year", "r.year", "year"),
    Dimension("framework", "framework", "r.framework_id", "framework_id"),
    Dimension("visit_type", "visit_type", "r.visit_type", "visit_type"),
    Dimension("section", "section", "r.section", "section"),
]
LETTER_DIMENSIONS = FINDING_DIMENSIONS[:5]


@dataclass
class Selection:
    """What the URL selects, as database values: ids for councils and frameworks, a bitmask for themes."""

    text: str = ""
    year_from: int | None = None
    year_to: int | None = None
    values: dict[str, list] | None = None  # param -> values
    theme_mask: int = 0


def count_facets(
    queryset: QuerySet, selection: Selection, dimensions: list[Dimension], *, themes: bool, tables_current: bool = False
) -> dict[str, dict[str, int]]:
    """{param: {value as text: count}} for every dimension (and "theme" when ``themes``).

    Without words, and with at most one theme chosen, the count tables answer (when ``tables_current``: built at
    the current data version); otherwise the matching rows are materialised and counted.
    """
    if tables_current and not selection.text and selection.theme_mask & (selection.theme_mask - 1) == 0:
        return _count_from_tables(queryset, selection, dimensions, themes=themes)
    table = queryset.model._meta.db_table
    where, params = ["1 = 1"], []
    if selection.text:
        sql, match_params = search.match_condition(queryset, "r", selection.text)
        where.append(sql)
        params += match_params
    if selection.year_from is not None:
        where.append("r.year >= %s")
        params.append(selection.year_from)
    if selection.year_to is not None:
        where.append("r.year <= %s")
        params.append(selection.year_to)
    columns = ", ".join(f"{d.source} AS {d.column}" for d in dimensions)
    mask = ", r.theme_mask AS theme_mask" if themes else ""
    cte = (
        f"WITH m AS MATERIALIZED (SELECT r.id, {columns}{mask} FROM {table} r "
        f"JOIN letters_authority a ON a.id = r.authority_id WHERE {' AND '.join(where)})"
    )
    values = selection.values or {}

    def others(param: str) -> tuple[str, list]:
        clauses, clause_params = ["1 = 1"], []
        for dimension in dimensions:
            chosen = values.get(dimension.param)
            if dimension.param != param and chosen:
                clauses.append(f"m.{dimension.column} IN ({', '.join(['%s'] * len(chosen))})")
                clause_params += list(chosen)
        if themes and param != "theme" and selection.theme_mask:
            clauses.append("(m.theme_mask & %s) <> 0")
            clause_params.append(selection.theme_mask)
        return " AND ".join(clauses), clause_params

    parts = []
    for dimension in dimensions:
        clause, clause_params = others(dimension.param)
        parts.append(
            (
                f"SELECT '{dimension.param}', CAST(m.{dimension.column} AS TEXT), COUNT(*) FROM m "
                f"WHERE {clause} GROUP BY m.{dimension.column}",
                clause_params,
            )
        )
    if themes:
        clause, clause_params = others("theme")
        parts.append(
            (
                "SELECT 'theme', CAST(t.id AS TEXT), COUNT(*) FROM m JOIN letters_theme t "
                f"ON (m.theme_mask & (CAST(1 AS BIGINT) << t.bit)) <> 0 WHERE {clause} GROUP BY t.id",
                clause_params,
            )
        )
    sql = cte + " " + " UNION ALL ".join(part for part, _ in parts)
    for _, part_params in parts:
        params += part_params
    counts: dict[str, dict[str, int]] = {d.param: {} for d in dimensions}
    if themes:
        counts["theme"] = {}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            counts[param]["" if value is None else value] = count
    return counts


def _count_from_tables(
    queryset: QuerySet, selection: Selection, dimensions: list[Dimension], *, themes: bool
) -> dict[str, dict[str, int]]:
    values = selection.values or {}
    plain = "letters_findingfacetcount" if themes else "letters_letterfacetcount"
    theme_bit = selection.theme_mask.bit_length() - 1 if selection.theme_mask else None

    def where(param: str) -> tuple[str, list]:
        clauses, params = ["1 = 1"], []
        if selection.year_from is not None:
            clauses.append("c.year >= %s")
            params.append(selection.year_from)
        if selection.year_to is not None:
            clauses.append("c.year <= %s")
            params.append(selection.year_to)
        for dimension in dimensions:
            chosen = values.get(dimension.param)
            if dimension.param != param and chosen:
                clauses.append(f"c.{dimension.counted} IN ({', '.join(['%s'] * len(chosen))})")
                params += list(chosen)
        return " AND ".join(clauses), params

    parts, params = [], []
    for dimension in dimensions:
        clause, clause_params = where(dimension.param)
        source = plain
        if theme_bit is not None:
            source = "letters_themefacetcount"
            clause += " AND c.theme_id = (SELECT id FROM letters_theme WHERE bit = %s)"
            clause_params.append(theme_bit)
        parts.append(
            f"SELECT '{dimension.param}', CAST(c.{dimension.counted} AS TEXT), SUM(c.n) FROM {source} c "
            f"WHERE {clause} GROUP BY c.{dimension.counted}"
        )
        params += clause_params
    if themes:
        clause, clause_params = where("theme")
        parts.append(
            f"SELECT 'theme', CAST(c.theme_id AS TEXT), SUM(c.n) FROM letters_themefacetcount c WHERE {clause} "
            "GROUP BY c.theme_id"
        )
        params += clause_params
    counts: dict[str, dict[str, int]] = {d.param: {} for d in dimensions}
    if themes:
        counts["theme"] = {}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for param, value, count in cursor.fetchall():
            counts[param]["" if value is None else value] = int(count)
    return counts
