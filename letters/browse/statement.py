"""The one SQL statement behind a search page with words: the matching rows are materialised once (narrow columns
only), then every facet is counted over them with every filter but its own (disjunctive faceting), and the page of
results is picked from them in the wanted order. Plain SQL that PostgreSQL and SQLite both run.

- region and the latest overall judgement (values of the council) are not read per row: councils are counted once
  without the council and council-level filters, and the council and council-level facets are summed from those
  counts through the authorities table (a council has one region and one latest judgement);
- the visit focus (several per row) is a bitmask: grouped by mask value here, split per bit by counting.py;
- themes are counted from the rows' theme bitmask in one aggregate (a sum per theme bit), not by a join; when
  the URL asks for rows with ALL the ticked themes (theme_match=all) the theme facet is counted conjunctively:
  each theme's count is of the results that also have it, what ticking it would leave;
- the page is a bounded top-N sort (ORDER BY … LIMIT), numbered after the limit.

Each piece is built as (sql, params) and the pieces are joined with their parameters in the same order: no
parameter depends on the order in which pieces were written.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet

from letters import search
from letters.browse.paging import PageWanted
from letters.browse.registry import FacetSpec
from letters.browse.selection import Selection, Sql, facet_conditions, join, theme_conditions, year_conditions


def run(
    queryset: QuerySet, selection: Selection, facets: list[FacetSpec], page: PageWanted | None
) -> tuple[dict, list[int] | None]:
    """{param: {value as text: count}} for every facet, and the page's ids when ``page`` is given."""
    sql, params = statement(queryset, selection, facets, page)
    counts: dict[str, dict[str, int]] = {spec.param: {} for spec in facets}
    ranked: list[tuple[int, int]] = []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            if param == "":
                ranked.append((count, int(value)))
            elif count:
                counts[param]["" if value is None else value] = int(count)
    return counts, ([pk for _, pk in sorted(ranked)] if page is not None else None)


def statement(queryset: QuerySet, selection: Selection, facets: list[FacetSpec], page: PageWanted | None) -> Sql:
    by_row = [spec for spec in facets if spec.column and not spec.council_column]
    by_council = [spec for spec in facets if spec.council_column]
    themes = any(spec.param == "theme" for spec in facets)
    parts = [_council_part(selection, facets), *(_council_level_part(selection, facets, spec) for spec in by_council)]
    parts += [_row_part(selection, facets, spec) for spec in by_row if spec.param != "council"]
    if themes:
        parts.append(_theme_part(queryset, selection, facets))
    if page is not None:
        parts.append(_page_part(selection, facets, page))
    ctes = join(", ", [_matches(queryset, selection, by_row, themes, page), _councils(selection, facets)])
    return join(" ", [("WITH", []), ctes, join(" UNION ALL ", parts)])


def _matches(
    queryset: QuerySet, selection: Selection, by_row: list[FacetSpec], themes: bool, page: PageWanted | None
) -> Sql:
    joins: Sql = ("", [])
    where: list[Sql] = [("1 = 1", [])]
    rank = "0.0"
    if selection.text:
        match = search.match_sql(queryset, "r", selection.text)
        joins, rank = (match.joins, match.join_params), match.rank
        where.append((match.where, match.where_params))
    where += year_conditions(selection, "r.year")
    columns = {spec.column: spec.source for spec in by_row}
    if themes:
        columns["theme_mask"] = "r.theme_mask"
    if page is not None:
        columns.update((name, source) for name, source in page.columns if name not in columns)
        if any("rank" in term.split() for term in page.order):
            columns["rank"] = rank
    listed = ", ".join(f"{source} AS {name}" for name, source in columns.items())
    table = queryset.model._meta.db_table
    condition, params = join(" AND ", where)
    return join(
        "",
        [
            (f"m AS MATERIALIZED (SELECT r.id, {listed} FROM {table} r ", []),
            joins,
            (f" WHERE {condition})", params),
        ],
    )


def _others(selection: Selection, facets: list[FacetSpec], *skipped: str) -> Sql:
    """The filters of every facet but ``skipped`` on the matching rows ``m``."""
    themes = any(spec.param == "theme" for spec in facets)
    pieces = [
        facet_conditions(
            selection,
            facets,
            lambda spec: f"m.{spec.column}" if spec.column else None,
            skipped=skipped,
            through_councils="m.authority_id",
        )
    ]
    if themes:
        pieces += theme_conditions(selection, "m.theme_mask", counting_themes="theme" in skipped)
    return join(" AND ", pieces)


def _councils(selection: Selection, facets: list[FacetSpec]) -> Sql:
    skipped = ("council", *(spec.param for spec in facets if spec.council_column))
    where, params = _others(selection, facets, *skipped)
    return f"b AS (SELECT m.authority_id, COUNT(*) AS n FROM m WHERE {where} GROUP BY m.authority_id)", params


def _council_filters(selection: Selection, facets: list[FacetSpec], skipped: str) -> Sql:
    """The council and council-level filters but ``skipped``, on the councils ``b`` joined to authorities ``a``."""

    def column_of(spec: FacetSpec) -> str | None:
        if spec.param == "council":
            return "b.authority_id"
        return f"a.{spec.council_column}" if spec.council_column else None

    return facet_conditions(selection, facets, column_of, skipped=(skipped,))


def _council_part(selection: Selection, facets: list[FacetSpec]) -> Sql:
    where, params = _council_filters(selection, facets, "council")
    return (
        "SELECT 'council', CAST(b.authority_id AS TEXT), b.n FROM b JOIN letters_authority a ON a.id = b.authority_id "
        f"WHERE {where}",
        params,
    )


def _council_level_part(selection: Selection, facets: list[FacetSpec], spec: FacetSpec) -> Sql:
    where, params = _council_filters(selection, facets, spec.param)
    column = spec.council_column
    return (
        f"SELECT '{spec.param}', a.{column}, SUM(b.n) FROM b JOIN letters_authority a ON a.id = b.authority_id "
        f"WHERE {where} GROUP BY a.{column}",
        params,
    )


def _row_part(selection: Selection, facets: list[FacetSpec], spec: FacetSpec) -> Sql:
    where, params = _others(selection, facets, spec.param)
    return (
        f"SELECT '{spec.param}', CAST(m.{spec.column} AS TEXT), COUNT(*) FROM m WHERE {where} GROUP BY m.{spec.column}",
        params,
    )


def _theme_part(queryset: QuerySet, selection: Selection, facets: list[FacetSpec]) -> Sql:
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("SELECT bit FROM letters_theme WHERE bit IS NOT NULL ORDER BY bit")
        bits = [bit for (bit,) in cursor.fetchall()]
    if not bits:
        return "SELECT 'theme', '', 0 FROM letters_theme WHERE 1 = 0", []
    sums = ", ".join(f"SUM(CAST((m.theme_mask >> {bit}) & 1 AS INTEGER)) AS b{bit}" for bit in bits)
    pick = " ".join(f"WHEN {bit} THEN s.b{bit}" for bit in bits)
    where, params = _others(selection, facets, "theme")
    return (
        f"SELECT 'theme', CAST(t.id AS TEXT), CASE t.bit {pick} END FROM "
        f"(SELECT {sums} FROM m WHERE {where}) s CROSS JOIN letters_theme t WHERE t.bit IS NOT NULL",
        params,
    )


def _page_part(selection: Selection, facets: list[FacetSpec], page: PageWanted) -> Sql:
    """The page's ids, numbered in order. The inner ORDER BY … LIMIT is a bounded top-N sort; the numbering is
    done on those few rows only (a window over all the matches would sort them all)."""
    order = ", ".join(page.order)
    columns = dict.fromkeys(["id", *(term.split()[0] for term in page.order)])
    where, params = _others(selection, facets)
    limited = (
        f"SELECT {', '.join(f'm.{name}' for name in columns)} FROM m WHERE {where} "
        f"ORDER BY {', '.join(f'm.{term}' for term in page.order)} LIMIT %s OFFSET %s"
    )
    return (
        f"SELECT '', CAST(p.id AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) FROM ({limited}) p",
        [*params, page.limit, page.offset],
    )
