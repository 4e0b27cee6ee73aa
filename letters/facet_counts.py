"""Count every facet of a search in ONE SQL statement, and pick the page of results in the same statement: from the
count tables when there are no words to match (and they are current), else from the matching rows materialised
once (facet_statement.py). Themes are counted from the findings' theme bitmask, never through the link table."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from letters import facet_statement
from letters.models import UnfilteredFacetCounts
from letters.parsing.focus import FOCUS_BITS


@dataclass(frozen=True)
class Dimension:
    param: str  # URL parameter
    column: str  # column of the materialised rows
    source: str  # SQL that fills it
    counted: str  # the same column in the count tables
    # A multi-valued facet held as a bitmask column ({value: bit}): filtered with "&", grouped by mask value and
    # split into one count per bit afterwards (few distinct masks, so the grouping stays small).
    bits: dict[str, int] | None = None
    council_level: bool = False  # a value of the council, not the row: counted through the councils (as region)


FINDING_DIMENSIONS = [
    Dimension("council", "council", "r.authority_id", "authority_id"),
    Dimension("region", "region", "a.region", "region", council_level=True),
    Dimension("year", "year", "r.year", "year"),
    Dimension("framework", "framework", "r.framework_id", "framework_id"),
    Dimension("visit_type", "visit_type", "r.visit_type", "visit_type"),
    Dimension("judgement", "judgement", "a.latest_overall_grade", "judgement", council_level=True),
    Dimension("topic", "jtai_topic", "r.jtai_topic", "jtai_topic"),
    Dimension("focus", "focus_mask", "r.focus_mask", "focus_mask", bits=FOCUS_BITS),
    Dimension("section", "section", "r.section", "section"),
]
LETTER_DIMENSIONS = [d for d in FINDING_DIMENSIONS if d.param != "section"]
# The authorities' column behind each council-level facet.
COUNCIL_COLUMNS = {"region": "region", "judgement": "latest_overall_grade"}


def mask_values(dimension: Dimension, chosen: list) -> list:
    """A bitmask facet's chosen values as one mask (the rows with any of them), else the values as given."""
    if dimension.bits is None or not chosen:
        return list(chosen)
    mask = 0
    for value in chosen:
        if value in dimension.bits:
            mask |= 1 << dimension.bits[value]
    return [mask]


def split_masks(counts: dict[str, dict[str, int]], dimensions: list[Dimension]) -> dict[str, dict[str, int]]:
    """Counts grouped by mask value become one count per value of the bitmask facets."""
    for dimension in dimensions:
        if dimension.bits is None or dimension.param not in counts:
            continue
        per_value: dict[str, int] = {}
        for mask_text, n in counts[dimension.param].items():
            mask = int(mask_text or 0)
            for value, bit in dimension.bits.items():
                if mask >> bit & 1:
                    per_value[value] = per_value.get(value, 0) + n
        counts[dimension.param] = per_value
    return counts


@dataclass
class Selection:
    """What the URL selects, as database values: ids for councils and frameworks, a bitmask for themes."""

    text: str = ""
    year_from: int | None = None
    year_to: int | None = None
    values: dict[str, list] | None = None  # param -> values
    theme_mask: int = 0
    theme_all: bool = False  # a row needs every theme of the mask, not any of them

    def is_empty(self) -> bool:
        return (
            not self.text
            and self.year_from is None
            and self.year_to is None
            and not self.theme_mask
            and not any((self.values or {}).values())
        )


@dataclass(frozen=True)
class PageWanted:
    """One page of the matching rows, read from the same materialised matches as the counts.

    ``columns`` are {name: SQL on the row ``r``} that the order needs beyond the facet columns; ``order`` is the
    ORDER BY over those names, where ``rank`` is the full-text rank (higher is better).
    """

    order: tuple[str, ...]
    columns: tuple[tuple[str, str], ...] = ()
    limit: int = 20
    offset: int = 0


@dataclass
class Counted:
    counts: dict[str, dict[str, int]]
    page_ids: list[int] | None = None  # None: the counts came from the count tables, ask the page separately


def count_facets(
    queryset: QuerySet, selection: Selection, dimensions: list[Dimension], *, themes: bool, tables_current: bool = False
) -> dict[str, dict[str, int]]:
    """{param: {value as text: count}} for every dimension (and "theme" when ``themes``)."""
    return count_with_page(queryset, selection, dimensions, themes=themes, tables_current=tables_current).counts


def count_with_page(
    queryset: QuerySet,
    selection: Selection,
    dimensions: list[Dimension],
    *,
    themes: bool,
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
        return Counted(count_from_tables(queryset, selection, dimensions, themes=themes))
    counts, page_ids = facet_statement.run(queryset, selection, dimensions, themes=themes, page=page)
    return Counted(split_masks(counts, dimensions), page_ids)


def count_from_tables(
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
            chosen = mask_values(dimension, values.get(dimension.param) or [])
            if dimension.param != param and chosen:
                if dimension.bits is not None:
                    clauses.append(f"(c.{dimension.counted} & %s) <> 0")
                else:
                    clauses.append(f"c.{dimension.counted} IN ({', '.join(['%s'] * len(chosen))})")
                params += chosen
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
    return split_masks(counts, dimensions)
