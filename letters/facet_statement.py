"""The one SQL statement behind a search page: the matching rows are materialised once (narrow columns only),
then every facet is counted over them with every filter but its own (disjunctive faceting), and the page of
results is picked from them in the wanted order. Plain SQL that PostgreSQL and SQLite both run.

- region and the latest overall judgement (values of the council) are not read per row: councils are counted once
  without the council and council-level filters, and the council and council-level facets are summed from those
  counts through the authorities table (a council has one region and one latest judgement);
- the visit focus (several per row) is a bitmask: grouped by mask value here, split per bit by the caller;
- themes are counted from the rows' theme bitmask in one aggregate (a sum per theme bit), not by a join; when
  the URL asks for rows with ALL the ticked themes (theme_match=all) the theme facet is counted conjunctively:
  each theme's count is of the results that also have it, what ticking it would leave;
- the page is a bounded top-N sort (ORDER BY … LIMIT), numbered after the limit.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet

from letters import search


def run(queryset: QuerySet, selection, dimensions, *, themes: bool, page) -> tuple[dict, list[int] | None]:
    statement = _Statement(queryset, selection, dimensions, themes, page)
    sql, params = statement.sql()
    counts: dict[str, dict[str, int]] = {d.param: {} for d in dimensions}
    if themes:
        counts["theme"] = {}
    ranked: list[tuple[int, int]] = []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            if param == "":
                ranked.append((count, int(value)))
            elif count:
                counts[param]["" if value is None else value] = int(count)
    return counts, ([pk for _, pk in sorted(ranked)] if page is not None else None)


class _Statement:
    def __init__(self, queryset, selection, dimensions, themes, page):
        from letters.facet_counts import COUNCIL_COLUMNS, mask_values

        self.queryset, self.selection, self.themes, self.page = queryset, selection, themes, page
        self.dimensions = [d for d in dimensions if not d.council_level]
        # Council-level facets: {param: the authorities' column}
        self.council_level = {d.param: COUNCIL_COLUMNS[d.param] for d in dimensions if d.council_level}
        given = selection.values or {}
        self.values = {d.param: mask_values(d, given.get(d.param) or []) for d in dimensions}
        self.masks = {d.param for d in dimensions if d.bits is not None}
        self.params: list = []

    def sql(self) -> tuple[str, list]:
        ctes = [self._matches(), self._councils()]
        parts = [self._council_part(), *(self._council_level_part(param) for param in self.council_level)]
        parts += [self._dimension_part(d) for d in self.dimensions if d.param != "council"]
        if self.themes:
            parts.append(self._theme_part())
        if self.page is not None:
            parts.append(self._page_part())
        return "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts), self.params

    def _matches(self) -> str:
        selection, joins, where, rank = self.selection, "", ["1 = 1"], "0.0"
        if selection.text:
            match = search.match_sql(self.queryset, "r", selection.text)
            joins, rank = match.joins, match.rank
            where.append(match.where)
            self.params += match.join_params + match.where_params
        for bound, operator in ((selection.year_from, ">="), (selection.year_to, "<=")):
            if bound is not None:
                where.append(f"r.year {operator} %s")
                self.params.append(bound)
        columns = {d.column: d.source for d in self.dimensions}
        if self.themes:
            columns["theme_mask"] = "r.theme_mask"
        if self.page is not None:
            columns.update((name, source) for name, source in self.page.columns if name not in columns)
            if any("rank" in term.split() for term in self.page.order):
                columns["rank"] = rank
        listed = ", ".join(f"{source} AS {name}" for name, source in columns.items())
        table = self.queryset.model._meta.db_table
        return f"m AS MATERIALIZED (SELECT r.id, {listed} FROM {table} r {joins} WHERE {' AND '.join(where)})"

    def _others(self, *skipped: str) -> str:
        """The filters of every facet but ``skipped`` (and the theme filter unless "theme" is skipped)."""
        clauses = ["1 = 1"]
        for dimension in self.dimensions:
            chosen = self.values.get(dimension.param)
            if dimension.param not in skipped and chosen:
                if dimension.param in self.masks:
                    clauses.append(f"(m.{dimension.column} & %s) <> 0")
                    self.params.extend(chosen)
                else:
                    clauses.append(self._in(f"m.{dimension.column}", chosen))
        for param, column in self.council_level.items():
            chosen = self.values.get(param)
            if chosen and param not in skipped:
                clauses.append(f"m.council IN (SELECT id FROM letters_authority WHERE {self._in(column, chosen)})")
        mask = self.selection.theme_mask
        if self.themes and mask and ("theme" not in skipped or self.selection.theme_all):
            if self.selection.theme_all:
                clauses.append("(m.theme_mask & %s) = %s")
                self.params += [mask, mask]
            else:
                clauses.append("(m.theme_mask & %s) <> 0")
                self.params.append(mask)
        return " AND ".join(clauses)

    def _in(self, column: str, chosen: list) -> str:
        self.params.extend(chosen)
        return f"{column} IN ({', '.join(['%s'] * len(chosen))})"

    def _councils(self) -> str:
        where = self._others("council", *self.council_level)
        return f"b AS (SELECT m.council, COUNT(*) AS n FROM m WHERE {where} GROUP BY m.council)"

    def _council_filters(self, skipped: str) -> str:
        """The council and council-level filters but ``skipped``, on the councils ``b`` joined to authorities ``a``."""
        clauses = ["1 = 1"]
        councils = self.values.get("council")
        if councils and skipped != "council":
            clauses.append(self._in("b.council", councils))
        for param, column in self.council_level.items():
            chosen = self.values.get(param)
            if chosen and param != skipped:
                clauses.append(self._in(f"a.{column}", chosen))
        return " AND ".join(clauses)

    def _council_part(self) -> str:
        return (
            "SELECT 'council', CAST(b.council AS TEXT), b.n FROM b JOIN letters_authority a ON a.id = b.council "
            f"WHERE {self._council_filters('council')}"
        )

    def _council_level_part(self, param: str) -> str:
        column = self.council_level[param]
        return (
            f"SELECT '{param}', a.{column}, SUM(b.n) FROM b JOIN letters_authority a ON a.id = b.council "
            f"WHERE {self._council_filters(param)} GROUP BY a.{column}"
        )

    def _dimension_part(self, dimension) -> str:
        return (
            f"SELECT '{dimension.param}', CAST(m.{dimension.column} AS TEXT), COUNT(*) FROM m "
            f"WHERE {self._others(dimension.param)} GROUP BY m.{dimension.column}"
        )

    def _theme_part(self) -> str:
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute("SELECT bit FROM letters_theme WHERE bit IS NOT NULL ORDER BY bit")
            bits = [bit for (bit,) in cursor.fetchall()]
        if not bits:
            return "SELECT 'theme', '', 0 FROM letters_theme WHERE 1 = 0"
        sums = ", ".join(f"SUM(CAST((m.theme_mask >> {bit}) & 1 AS INTEGER)) AS b{bit}" for bit in bits)
        pick = " ".join(f"WHEN {bit} THEN s.b{bit}" for bit in bits)
        return (
            f"SELECT 'theme', CAST(t.id AS TEXT), CASE t.bit {pick} END FROM "
            f"(SELECT {sums} FROM m WHERE {self._others('theme')}) s CROSS JOIN letters_theme t WHERE t.bit IS NOT NULL"
        )

    def _page_part(self) -> str:
        """The page's ids, numbered in order. The inner ORDER BY … LIMIT is a bounded top-N sort; the numbering is
        done on those few rows only (a window over all the matches would sort them all)."""
        order = ", ".join(self.page.order)
        columns = dict.fromkeys(["id", *(term.split()[0] for term in self.page.order)])
        limited = (
            f"SELECT {', '.join(f'm.{name}' for name in columns)} FROM m WHERE {self._others()} "
            f"ORDER BY {', '.join(f'm.{term}' for term in self.page.order)} LIMIT %s OFFSET %s"
        )
        self.params += [self.page.limit, self.page.offset]
        return f"SELECT '', CAST(p.id AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) FROM ({limited}) p"
