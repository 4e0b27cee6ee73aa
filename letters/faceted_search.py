"""The findings and letters searches: full-text match, filters, ordering, one page of hits with highlighted
snippets, and disjunctive facets — all state read from the URL's query string."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from letters import data_version, search
from letters.facet_counts import FINDING_DIMENSIONS, LETTER_DIMENSIONS, Counted, PageWanted, Selection, count_with_page
from letters.facets import FINDING_FACETS, LETTER_FACETS, Facet, Labels, facet_rows
from letters.filters import FindingFilter, LetterFilter, page_number, valid_qs
from letters.models import Finding, FindingTheme, Inspection
from letters.services.theme_masks import mask_of

PAGE_SIZE = 20
CACHE_SECONDS = 3600


@dataclass
class SearchResults:
    query: str
    form: object
    page: Page
    snippets: dict[int, str] = field(default_factory=dict)
    facets: list[Facet] = field(default_factory=list)
    errors: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def also_searched(self) -> list[str]:
        return search.also_searched(self.query)


def _query(data: QueryDict) -> str:
    return " ".join((data.get("q") or "").split())[:500]


def matched(model, data: QueryDict) -> QuerySet:
    queryset = model.objects.all()
    text = _query(data)
    return search.match(queryset, text) if text else queryset


def filtered_findings(data: QueryDict) -> QuerySet:
    """The findings a search URL selects, unordered: shared by the page, the exports and the feed."""
    return valid_qs(FindingFilter(data, queryset=matched(Finding, data)))


def filtered_letters(data: QueryDict) -> QuerySet:
    return valid_qs(LetterFilter(data, queryset=matched(Inspection, data)))


def _ordered(queryset: QuerySet, data: QueryDict, newest: tuple[str, ...], oldest: tuple[str, ...]) -> QuerySet:
    text, sort = _query(data), data.get("sort") or "relevance"
    if sort == "oldest":
        return queryset.order_by(*oldest)
    if sort == "newest" or not text:
        return queryset.order_by(*newest)
    return search.rank(queryset, text).order_by("-rank", *newest)


FINDING_NEWEST = ("-year", "-inspection_id", "position")
FINDING_OLDEST = ("year", "inspection_id", "position")
LETTER_NEWEST = ("-letter_date", "-id")
LETTER_OLDEST = ("letter_date", "id")


def _page_wanted(data: QueryDict, newest: tuple[str, ...], oldest: tuple[str, ...], columns) -> PageWanted:
    """The same order as ``_ordered``, for the page read with the facet counts."""
    text, sort = _query(data), data.get("sort") or "relevance"
    fields = oldest if sort == "oldest" else newest
    order = tuple(f"{name[1:]} DESC" if name.startswith("-") else name for name in fields)
    if sort not in ("oldest", "newest") and text:
        order = ("rank DESC", *order)
    return PageWanted(order=order, columns=columns, limit=PAGE_SIZE, offset=(_page_number(data) - 1) * PAGE_SIZE)


def _page_number(data: QueryDict) -> int:
    return page_number(data.get("page"))


def selection_from(form, text: str) -> Selection:
    """The validated URL selection as database values for the one-pass facet counts."""
    data = form.cleaned_data if form.is_valid() else {}

    def chosen(name):
        return list(data.get(name) or [])

    themes = chosen("theme")
    return Selection(
        text=text,
        year_from=int(data["year_from"]) if data.get("year_from") is not None else None,
        year_to=int(data["year_to"]) if data.get("year_to") is not None else None,
        values={
            "council": [authority.pk for authority in chosen("council")],
            "region": chosen("region"),
            "year": [int(year) for year in chosen("year")],
            "framework": [framework.pk for framework in chosen("framework")],
            "visit_type": chosen("visit_type"),
            "section": chosen("section"),
            "judgement": chosen("judgement"),
            "topic": chosen("topic"),
            "focus": chosen("focus"),
        },
        theme_mask=mask_of(theme.bit for theme in themes if theme.bit is not None),
        theme_all=data.get("theme_match") == "all",
    )


@dataclass(frozen=True)
class _Kind:
    """What differs between the findings search and the letters search."""

    name: str
    model: type
    filterset: type
    newest: tuple[str, ...]
    oldest: tuple[str, ...]
    order_columns: tuple[tuple[str, str], ...]  # what the one statement needs to order the page
    dimensions: list
    themes: bool
    facets: list
    snippet_column: str
    whole_snippets: bool
    load: Callable[[QuerySet], QuerySet]  # what a page's rows bring with them


def _load_findings(queryset: QuerySet) -> QuerySet:
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    return (
        queryset.select_related("inspection__authority", "inspection__framework")
        .defer("inspection__raw_text", "inspection__cleaned_text", "inspection__search_vector", "search_vector")
        .prefetch_related(Prefetch("theme_links", queryset=theme_links))
    )


def _load_letters(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("authority", "framework").defer("raw_text", "cleaned_text", "search_vector")


FINDINGS = _Kind(
    "findings",
    Finding,
    FindingFilter,
    FINDING_NEWEST,
    FINDING_OLDEST,
    (("inspection_id", "r.inspection_id"), ("position", "r.position")),
    FINDING_DIMENSIONS,
    True,
    FINDING_FACETS,
    "text",
    True,
    _load_findings,
)
LETTERS = _Kind(
    "letters",
    Inspection,
    LetterFilter,
    LETTER_NEWEST,
    LETTER_OLDEST,
    (("letter_date", "r.letter_date"),),
    LETTER_DIMENSIONS,
    False,
    LETTER_FACETS,
    "cleaned_text",
    False,
    _load_letters,
)


def search_findings(data: QueryDict, path: str, state: tuple[int, bool] | None = None) -> SearchResults:
    return _search(FINDINGS, data, path, state)


def search_letters(data: QueryDict, path: str, state: tuple[int, bool] | None = None) -> SearchResults:
    return _search(LETTERS, data, path, state)


def _search(kind: _Kind, data: QueryDict, path: str, state: tuple[int, bool] | None) -> SearchResults:
    """``state`` is the data version and whether the count tables are current (read here when not given)."""
    text = _query(data)
    filterset = kind.filterset(data, queryset=matched(kind.model, data))
    page, counts = _page_and_counts(kind, data, filterset, text, state or data_version.state())
    snippets = {}
    if text:
        ids = [row.pk for row in page]
        snippets = search.snippets(kind.model.objects.all(), ids, text, kind.snippet_column, whole=kind.whole_snippets)
    # An invalid search shows its errors and no facets: each facet option links to the whole query, so echoing a long
    # invalid one per option would grow the page with the square of its length.
    valid = filterset.form.is_valid()
    facets = facet_rows(kind.facets, data, counts, Labels.load(), path) if valid else []
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))


def _page_and_counts(kind: _Kind, data: QueryDict, filterset, text: str, state: tuple[int, bool]) -> tuple[Page, dict]:
    """One page of results and the facet counts, from the cache when the archive has not changed since.

    The counts come with the page's ids in one statement when the matching rows had to be read; otherwise (count
    tables, or a page number past the end) the page is asked of the ordered, filtered queryset. The cache key holds
    the data version, which every ingest, re-parse and curation raises in the transaction that writes: a cached
    page can never outlive the data it was computed from.
    """
    version, tables_current = state
    key = _cache_key(kind.name, data, version)
    cached = cache.get(key)
    if cached is None:
        counted: Counted = count_with_page(
            kind.model.objects.all(),
            selection_from(filterset.form, text),
            kind.dimensions,
            themes=kind.themes,
            tables_current=tables_current,
            page=_page_wanted(data, kind.newest, kind.oldest, kind.order_columns),
        )
        results = kind.load(_ordered(filterset.qs, data, kind.newest, kind.oldest))
        paginator = Paginator(results, PAGE_SIZE)
        total = _total_from_facets(counted.counts, data)
        if total is not None:
            paginator.count = total  # every row has one value of an unfiltered facet: no COUNT over the rows
        number = _page_number(data)
        if counted.page_ids is None or number > paginator.num_pages:
            page = paginator.get_page(number)
            page.object_list = list(page.object_list)
            ids = [row.pk for row in page.object_list]
            cache.set(key, _cached(paginator.count, page.number, ids, counted.counts), CACHE_SECONDS)
            return page, counted.counts
        cached = _cached(paginator.count, number, counted.page_ids, counted.counts)
        cache.set(key, cached, CACHE_SECONDS)
    # The rows by their ids alone: the ids already went through the match, the filters and the order.
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = cached["total"]  # cached_property: no COUNT query
    page = paginator.page(cached["number"])
    by_id = {row.pk: row for row in kind.load(kind.model.objects.filter(pk__in=cached["ids"]))}
    page.object_list = [by_id[pk] for pk in cached["ids"] if pk in by_id]
    return page, cached["counts"]


def _cached(total: int, number: int, ids: list[int], counts: dict) -> dict:
    return {"total": total, "number": number, "ids": ids, "counts": counts}


# Facets whose every row has exactly one value (counted under "" when empty).
_SINGLE_VALUED = ("section", "visit_type", "council")


def _total_from_facets(counts: dict, data: QueryDict) -> int | None:
    """The number of results, from a facet the URL does not filter on (its counts add up to every result)."""
    for param in _SINGLE_VALUED:
        if param in counts and not any(data.getlist(param)):
            return sum(counts[param].values())
    return None


def _cache_key(kind: str, data: QueryDict, version: int) -> str:
    canonical = sorted((key, sorted(v for v in values if v)) for key, values in data.lists() if any(values))
    digest = hashlib.sha1(repr(canonical).encode()).hexdigest()
    return f"search:{kind}:{version}:{digest}"


def ordered_findings(data: QueryDict) -> QuerySet:
    """Every finding a search URL selects, in the page's order (its ``sort``): what the exports stream."""
    return _ordered(filtered_findings(data), data, FINDING_NEWEST, FINDING_OLDEST)


def ordered_letters(data: QueryDict) -> QuerySet:
    return _ordered(filtered_letters(data), data, LETTER_NEWEST, LETTER_OLDEST)
