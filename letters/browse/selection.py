"""What a search URL selects, as database values, and what that selection means in SQL: the one place the filters
of the hand-written statements (statement.py, and the count tables in counting.py) are written. The FilterSets
(letters/filters.py) say the same in the ORM, from the same registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from letters.browse.registry import BY_PARAM, FacetSpec
from letters.services.theme_masks import mask_of

Sql = tuple[str, list]  # a piece of SQL and its parameters, in the order of their placeholders


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

    def chosen(self, spec: FacetSpec) -> list:
        """The facet's chosen values as the column holds them: a bitmask facet's as one mask (the rows with any of
        them)."""
        chosen = list((self.values or {}).get(spec.param) or [])
        if spec.bits is None or not chosen:
            return chosen
        return [mask_of(spec.bits[value] for value in chosen if value in spec.bits)]


def selection_from(form, text: str) -> Selection:
    """The validated URL selection (a FilterSet's form) as database values."""
    data = form.cleaned_data if form.is_valid() else {}

    def chosen(name: str) -> list:
        values = list(data.get(name) or [])
        spec = BY_PARAM[name]
        if spec.model is not None:
            return [obj.pk for obj in values]
        return [int(value) for value in values] if name == "year" else values

    themes = list(data.get("theme") or [])
    return Selection(
        text=text,
        year_from=int(data["year_from"]) if data.get("year_from") is not None else None,
        year_to=int(data["year_to"]) if data.get("year_to") is not None else None,
        values={param: chosen(param) for param in BY_PARAM if param != "theme"},
        theme_mask=mask_of(theme.bit for theme in themes if theme.bit is not None),
        theme_all=data.get("theme_match") == "all",
    )


def in_list(column: str, values: list) -> Sql:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def join(separator: str, pieces: list[Sql]) -> Sql:
    """Pieces of SQL joined, their parameters concatenated in the same order."""
    return separator.join(sql for sql, _ in pieces), [param for _, params in pieces for param in params]


def facet_conditions(
    selection: Selection,
    facets: list[FacetSpec],
    column_of: Callable[[FacetSpec], str | None],
    *,
    skipped: tuple[str, ...] = (),
    through_councils: str = "",
) -> Sql:
    """The URL's filters on ``facets`` but the ``skipped`` ones, ANDed. ``column_of(spec)`` names where the facet's
    value is read (None: not here); with ``through_councils`` (the rows' council column), a facet of the council is
    read from the authorities table instead (the rows whose council has one of the chosen values)."""
    pieces: list[Sql] = [("1 = 1", [])]
    for spec in facets:
        chosen = selection.chosen(spec)
        if spec.param in skipped or not chosen:
            continue
        if through_councils and spec.council_column:
            sql, params = in_list(spec.council_column, chosen)
            pieces.append((f"{through_councils} IN (SELECT id FROM letters_authority WHERE {sql})", params))
            continue
        column = column_of(spec)
        if column is None:
            continue
        if spec.bits is not None:
            pieces.append((f"({column} & %s) <> 0", chosen))
        else:
            pieces.append(in_list(column, chosen))
    return join(" AND ", pieces)


def year_conditions(selection: Selection, column: str) -> list[Sql]:
    """The URL's year bounds on ``column``."""
    bounds = ((selection.year_from, ">="), (selection.year_to, "<="))
    return [(f"{column} {operator} %s", [bound]) for bound, operator in bounds if bound is not None]


def theme_conditions(selection: Selection, column: str, *, counting_themes: bool = False) -> list[Sql]:
    """The theme filter on the rows' theme bitmask: rows with any of the ticked themes, or (theme_match=all) every
    one. While the theme facet itself is counted (``counting_themes``), "any of" is left out (disjunctive) but
    "all of" stays: each theme's count is of the results that also have it."""
    mask = selection.theme_mask
    if not mask:
        return []
    if selection.theme_all:
        return [(f"({column} & %s) = %s", [mask, mask])]
    return [] if counting_themes else [(f"({column} & %s) <> 0", [mask])]
