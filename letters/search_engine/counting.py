"""A search page from a snapshot: the disjunctive facet counts (each facet counted with every filter but its own,
as browse/statement.py counts them), the number of results and one page of ids in the page's order; and the whole
relevance order (for exports).

Facets that share a query (every facet the URL does not filter on) are counted in one aggregation; the councils are
counted once and summed into the council-level facets (region, latest judgement) from the snapshot's councils.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from letters.browse.registry import FacetSpec
from letters.search.query import searched_clauses
from letters.search_engine.build import FINDINGS, LETTERS, Snapshot
from letters.search_engine.query import Query, all_of, all_together, any_of, text_query, year_range
from letters.search_engine.schema import (
    EMPTY,
    GROUP_BITS,
    analyzer,
    bit_counts,
    bits_of,
    field_of,
    group_field,
    is_number,
)

TIE_WINDOW = 20  # hits read past a relevance page (more while scores tie): equal scores newest first, as ``ranked_ids``
BUCKETS = 100_000
# From this many results the multi-valued facets are counted through their groups' fields (at 50,000 letters, a
# broad word's themes: 5.4 -> 1.5 ms); below it through their bits, where the groups' extra aggregations cost more than
# they save (one council and one theme at 5,000 letters: 1.8 -> 2.2 ms through the groups).
GROUPED_FROM = 5_000
_ANALYZER = analyzer()


@dataclass
class Found:
    counts: dict[str, dict[str, int]]
    total: int
    page_ids: list[int]


class _Search:
    def __init__(self, snapshot: Snapshot, kind: str, selection):
        self.snapshot, self.selection = snapshot, selection
        self.grouped = True  # counts(): the multi-valued facets through their groups' fields
        self.index = snapshot.findings if kind == FINDINGS.name else snapshot.letters
        self.facets: list[FacetSpec] = FINDINGS.facets if kind == FINDINGS.name else LETTERS.facets
        self.schema = self.index.index.schema
        self.council = next(spec for spec in self.facets if spec.param == "council")
        self.chosen = {spec.param: self._chosen(spec) for spec in self.facets}
        clauses = searched_clauses(selection.text)[0] if selection.text else []
        self.text = text_query(self.schema, _ANALYZER, clauses) if selection.text else None
        # Only negated words rank nothing (every hit has rank 0 in SQL): such a page is in "newest" order.
        self.ranked = any(not (len(clause) == 1 and clause[0].negated) for clause in clauses)

    def _chosen(self, spec: FacetSpec) -> list:
        if not spec.column:  # the themes: the bits of the mask
            return bits_of(self.selection.theme_mask)
        chosen = list((self.selection.values or {}).get(spec.param) or [])
        if spec.bits is not None:
            return [spec.bits[value] for value in chosen if value in spec.bits] if chosen else []
        return chosen

    # -- filters ---------------------------------------------------------------------------------------------
    def _filter(self, spec: FacetSpec) -> Query | None:
        chosen = self.chosen[spec.param]
        if not chosen and not (spec.bits is not None and (self.selection.values or {}).get(spec.param)):
            return None
        if spec.council_column:
            wanted = set(chosen)
            ids = [pk for pk, values in self.snapshot.councils.items() if values[spec.council_column] in wanted]
            return any_of(self.schema, self.council.column, ids)
        if not spec.column and self.selection.theme_all:
            return all_of(self.schema, field_of(spec), chosen)
        return any_of(self.schema, field_of(spec), chosen)

    def _theme_all(self, spec: FacetSpec) -> bool:
        return not spec.column and self.selection.theme_all

    def query(self, *skipped: str) -> Query:
        """The text match and every filter but those of ``skipped`` (themes chosen "all" are never skipped)."""
        parts = []
        if self.selection.year_from is not None or self.selection.year_to is not None:
            parts.append(year_range(self.schema, self.selection.year_from, self.selection.year_to))
        for spec in self.facets:
            if spec.param in skipped and not self._theme_all(spec):
                continue
            found = self._filter(spec)
            if found is not None:
                parts.append(found)
        filters = [Query.const_score_query(part, 0.0) for part in parts]
        return all_together(([self.text] if self.text is not None else []) + filters)

    # -- counts ----------------------------------------------------------------------------------------------
    def counts(self, *, grouped: bool = True) -> dict[str, dict[str, int]]:
        """``grouped``: count the multi-valued facets through their groups' fields (schema.py), else through their
        bits; the counts are the same, the groups faster over many matches and slower over few."""
        self.grouped = grouped
        council_level = [spec for spec in self.facets if spec.council_column]
        council_skips = (self.council.param, *(spec.param for spec in council_level))
        groups: dict[tuple[str, ...], list[FacetSpec]] = {}
        for spec in self.facets:
            if spec.council_column:
                continue
            skipped = council_skips if spec is self.council else (spec.param,) if self._filter(spec) else ()
            groups.setdefault(skipped, []).append(spec)
        counts: dict[str, dict[str, int]] = {}
        for skipped, specs in groups.items():
            aggregations = {name: agg for spec in specs for name, agg in self._aggregations(spec).items()}
            result = self.index.searcher.aggregate(self.query(*skipped), aggregations)
            for spec in specs:
                counts[spec.param] = self._counted(spec, result)
        by_council = counts.pop(self.council.param, {})
        for spec in (self.council, *council_level):
            counts[spec.param] = self._through_councils(by_council, spec, council_level)
        return self._as_database_values(counts)

    def _groups(self, spec: FacetSpec) -> list[int] | None:
        """The groups of a multi-valued facet's bits that hold a bit in use (schema.py), None for other facets."""
        if not self.grouped:
            return None
        if not spec.column:
            bits = self.snapshot.theme_ids
        elif spec.bits is not None:
            bits = spec.bits.values()
        else:
            return None
        return sorted({bit // GROUP_BITS for bit in bits})

    def _aggregations(self, spec: FacetSpec) -> dict[str, dict]:
        groups = self._groups(spec)
        if groups is None:
            return {spec.param: {"terms": {"field": field_of(spec), "size": BUCKETS}}}
        owner = spec if spec.column else None
        return {
            f"{spec.param}__g{group}": {"terms": {"field": group_field(owner, group), "size": BUCKETS}}
            for group in groups
        }

    def _counted(self, spec: FacetSpec, result: dict) -> dict[str, int]:
        """A facet's counts by value (a multi-valued facet's by bit, summed from its groups' values)."""
        groups = self._groups(spec)
        if groups is None:
            return {_key(b["key"]): b["doc_count"] for b in result[spec.param]["buckets"]}
        counts: dict[str, int] = {}
        for group in groups:
            values = {int(b["key"]): b["doc_count"] for b in result[f"{spec.param}__g{group}"]["buckets"]}
            counts.update({str(bit): n for bit, n in bit_counts(group, values).items()})
        return counts

    def _through_councils(self, by_council: dict[str, int], spec: FacetSpec, council_level: list) -> dict[str, int]:
        """Councils counted without the council-level filters, then filtered and grouped as the statement does: each
        facet keeps the council filter and the other council-level filters, but its own."""
        wanted = set(self.chosen[self.council.param]) if spec is not self.council else set()
        # The other council-level facets with values chosen: (column, chosen values), read once, not per council.
        others = [
            (other.council_column, self.chosen[other.param])
            for other in council_level
            if other is not spec and self.chosen[other.param]
        ]
        result: dict[str, int] = {}
        for council_text, n in by_council.items():
            council = int(council_text)
            if wanted and council not in wanted:
                continue
            values = self.snapshot.councils.get(council, {})
            if others and any(values.get(column) not in chosen for column, chosen in others):
                continue
            key = council_text if spec is self.council else values.get(spec.council_column, "")
            result[key] = result.get(key, 0) + n
        return result

    def _as_database_values(self, counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
        """Keys as the statement gives them: "" for a missing number, value names for bits, theme ids for theme
        bits; never a count of 0."""
        for spec in self.facets:
            given = counts.get(spec.param, {})
            if not spec.column:
                counts[spec.param] = {
                    str(pk): given[str(bit)] for bit, pk in self.snapshot.theme_ids.items() if given.get(str(bit))
                }
            elif spec.bits is not None:
                names = {str(bit): name for name, bit in spec.bits.items()}
                counts[spec.param] = {names[key]: n for key, n in given.items() if key in names}
            elif is_number(spec) and not spec.council_column:
                counts[spec.param] = {("" if key == "0" else key): n for key, n in given.items()}
        return counts

    # -- orders ----------------------------------------------------------------------------------------------
    def ranked_ids(self) -> list[int]:
        """Every match, best first (ties newest first): the relevance order of an export."""
        searcher = self.index.searcher
        found = searcher.search(self.query(), max(1, searcher.num_docs), count=False)
        addresses = [address for _, address in found.hits]
        if not addresses:
            return []
        ids = searcher.fast_field_values("id", addresses)
        newest = searcher.fast_field_values("newest", addresses)
        ranked = sorted(zip(found.hits, newest, ids, strict=True), key=lambda item: (-item[0][0], -item[1]))
        return [pk for _, _, pk in ranked]

    def page(self, order: str, offset: int, limit: int) -> tuple[int, list[int]]:
        searcher, query = self.index.searcher, self.query()
        if order == "relevance" and self.ranked:
            wanted = offset + limit
            window = wanted + TIE_WINDOW
            while True:
                found = searcher.search(query, window, count=True)
                hits = found.hits
                # Equal scores may run past the window: read further until the page's last score is passed.
                if len(hits) < window or hits[-1][0] != hits[min(wanted, len(hits)) - 1][0]:
                    break
                window *= 4
            newest = searcher.fast_field_values("newest", [address for _, address in hits]) if hits else []
            ranked = sorted(zip(hits, newest, strict=True), key=lambda item: (-item[0][0], -item[1]))
            addresses = [address for (_, address), _ in ranked[offset:wanted]]
        else:
            field = "oldest" if order == "oldest" else "newest"
            direction = tantivy.Order.Asc if order == "oldest" else tantivy.Order.Desc
            found = searcher.search(query, limit, count=True, order_by_field=field, offset=offset, order=direction)
            addresses = [address for _, address in found.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        return found.count, list(ids)


def _key(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return "" if text == EMPTY else text


def search(snapshot: Snapshot, kind: str, selection, *, order: str, offset: int, limit: int) -> Found:
    """``kind`` is "findings" or "letters"; ``selection`` a browse.selection.Selection; ``order`` "relevance",
    "newest" or "oldest" (relevance with no word to rank is newest)."""
    run = _Search(snapshot, kind, selection)
    total, page_ids = run.page(order, offset, limit)
    return Found(run.counts(grouped=total >= GROUPED_FROM), total, page_ids)


def ranked_ids(snapshot: Snapshot, kind: str, selection) -> list[int] | None:
    """Every result in relevance order, or None when the selection ranks nothing (no positive word)."""
    run = _Search(snapshot, kind, selection)
    return run.ranked_ids() if run.ranked else None
