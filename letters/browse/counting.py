"""Where a facet is counted: every facet of a search page, with the page of results picked at the same time. Four
routes, chosen here:

0. the search engine (letters/search_engine/), when this machine has its snapshot at the page's data version: the
   counts, the number of results and the page's ids, with no SQL at all (search_page.py asks it unless nothing is
   selected and route 1 can answer: the engine would count every row);
1. nothing selected and the count tables current: the unfiltered counts stored when the tables were built;
2. no words (and at most one theme, "any of"), the count tables current: summed from the count tables
   (models/facet_tables.py, rebuilt by services/facet_tables.py);
3. otherwise the one statement over the matching rows (statement.py).

Bitmask facets (the visit focus) come back grouped by mask value and are split here into one count per value.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from letters import search_engine
from letters.browse import statement
from letters.browse.paging import PageWanted
from letters.browse.registry import FINDING_FACETS, LETTER_FACETS, FacetSpec, counted
from letters.browse.selection import Selection, Sql, facet_conditions, join, year_conditions
from letters.models import UnfilteredFacetCounts
from letters.search_engine import counting as engine_counting


@dataclass
class Counted:
    counts: dict[str, dict[str, int]]  # {param: {value as text: count}}
    page_ids: list[int] | None = None  # None: the counts came from the count tables, ask the page separately
    total: int | None = None  # the number of results, when the route knows it (the engine)


def from_engine(
    kind: str, using: str, selection: Selection, version: int, *, order: str, page_number: int, page_size: int
) -> tuple[Counted, int] | None:
    """Route 0: the counts, the total and the page's ids from the engine's snapshot at ``version`` (None when this
    machine has none yet). ``order`` is "relevance", "newest" or "oldest"; a page past the end is the last page, as
    Paginator.get_page gives it: (what was counted, the page's number)."""
    snapshot = search_engine.snapshot_for(using, version)
    if snapshot is None:
        return None

    def ask(number: int) -> engine_counting.Found:
        offset = (number - 1) * page_size
        return engine_counting.search(snapshot, kind, selection, order=order, offset=offset, limit=page_size)

    found = ask(page_number)
    last = max(1, -(-found.total // page_size))
    if page_number > last:
        page_number = last
        found = ask(page_number)
    return Counted(found.counts, found.page_ids, found.total), page_number


def count_facets(
    queryset: QuerySet, selection: Selection, facets: list[FacetSpec], *, tables_current: bool = False
) -> dict[str, dict[str, int]]:
    """{param: {value as text: count}} for every facet."""
    return count_with_page(queryset, selection, facets, tables_current=tables_current).counts


def count_with_page(
    queryset: QuerySet,
    selection: Selection,
    facets: list[FacetSpec],
    *,
    tables_current: bool = False,
    page: PageWanted | None = None,
) -> Counted:
    """The facet counts and, when ``page`` is given, the ids of that page of results, in ONE statement.

    Without words, and with at most one theme chosen ("any of" them: the tables count the theme facet
    disjunctively), the count tables answer (when ``tables_current``: built at the current data version) and no
    page is read; otherwise the matching rows are materialised once, each facet is grouped over them, and the page
    is the top of them in the wanted order.
    """
    one_theme_or_none = selection.theme_mask & (selection.theme_mask - 1) == 0
    if (
        tables_current
        and not selection.text
        and one_theme_or_none
        and not (selection.theme_all and selection.theme_mask)
    ):
        if selection.is_empty():
            stored = UnfilteredFacetCounts.objects.filter(table=queryset.model._meta.db_table).first()
            if stored is not None:
                return Counted(stored.counts)
        return Counted(count_from_tables(queryset, selection, facets))
    counts, page_ids = statement.run(queryset, selection, facets, page)
    return Counted(split_masks(counts, facets), page_ids)


def unfiltered_from_tables(queryset: QuerySet) -> dict[str, dict[str, int]]:
    """Every facet of the queryset's search with nothing selected, from the count tables (what is stored)."""
    facets = FINDING_FACETS if queryset.model._meta.db_table == "letters_finding" else LETTER_FACETS
    return count_from_tables(queryset, Selection(), facets)


def count_from_tables(queryset: QuerySet, selection: Selection, facets: list[FacetSpec]) -> dict[str, dict[str, int]]:
    themes = any(spec.param == "theme" for spec in facets)
    plain = "letters_findingfacetcount" if themes else "letters_letterfacetcount"
    theme_bit = selection.theme_mask.bit_length() - 1 if selection.theme_mask else None

    def where(param: str) -> Sql:
        return join(
            " AND ",
            [
                *year_conditions(selection, "c.year"),
                facet_conditions(selection, counted(facets), lambda spec: f"c.{spec.column}", skipped=(param,)),
            ],
        )

    parts: list[Sql] = []
    for spec in counted(facets):
        clause, params = where(spec.param)
        source = plain
        if theme_bit is not None:
            source = "letters_themefacetcount"
            clause += " AND c.theme_id = (SELECT id FROM letters_theme WHERE bit = %s)"
            params = [*params, theme_bit]
        parts.append(
            (
                f"SELECT '{spec.param}', CAST(c.{spec.column} AS TEXT), SUM(c.n) FROM {source} c "
                f"WHERE {clause} GROUP BY c.{spec.column}",
                params,
            )
        )
    if themes:
        clause, params = where("theme")
        parts.append(
            (
                f"SELECT 'theme', CAST(c.theme_id AS TEXT), SUM(c.n) FROM letters_themefacetcount c WHERE {clause} "
                "GROUP BY c.theme_id",
                params,
            )
        )
    counts: dict[str, dict[str, int]] = {spec.param: {} for spec in facets}
    sql, params = join(" UNION ALL ", parts)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            counts[param]["" if value is None else value] = int(count)
    return split_masks(counts, facets)


def split_masks(counts: dict[str, dict[str, int]], facets: list[FacetSpec]) -> dict[str, dict[str, int]]:
    """Counts grouped by mask value become one count per value of the bitmask facets."""
    for spec in facets:
        if spec.bits is None or spec.param not in counts:
            continue
        per_value: dict[str, int] = {}
        for mask_text, n in counts[spec.param].items():
            mask = int(mask_text or 0)
            for value, bit in spec.bits.items():
                if mask >> bit & 1:
                    per_value[value] = per_value.get(value, 0) + n
        counts[spec.param] = per_value
    return counts
