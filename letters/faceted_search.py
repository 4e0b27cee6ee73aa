"""The findings and letters searches: full-text match, filters, ordering, one page of hits with highlighted
snippets, and disjunctive facets — all state read from the URL's query string."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from letters import data_version, search
from letters.facet_counts import FINDING_DIMENSIONS, LETTER_DIMENSIONS, Counted, PageWanted, Selection, count_with_page
from letters.facets import FINDING_FACETS, LETTER_FACETS, Facet, Labels, facet_rows
from letters.filters import FindingFilter, LetterFilter
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


def _query(data: QueryDict) -> str:
    return " ".join((data.get("q") or "").split())[:500]


def matched(model, data: QueryDict) -> QuerySet:
    queryset = model.objects.all()
    text = _query(data)
    return search.match(queryset, text) if text else queryset


def filtered_findings(data: QueryDict) -> QuerySet:
    """The findings a search URL selects, unordered: shared by the page, the exports and the feed."""
    return FindingFilter(data, queryset=matched(Finding, data)).qs


def filtered_letters(data: QueryDict) -> QuerySet:
    return LetterFilter(data, queryset=matched(Inspection, data)).qs


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
    try:
        return max(1, int(data.get("page") or 1))
    except ValueError:
        return 1


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
        },
        theme_mask=mask_of(theme.bit for theme in themes if theme.bit is not None),
    )


def search_findings(data: QueryDict, path: str) -> SearchResults:
    text = _query(data)
    filterset = FindingFilter(data, queryset=matched(Finding, data))
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    results = (
        _ordered(filterset.qs, data, FINDING_NEWEST, FINDING_OLDEST)
        .select_related("inspection__authority", "inspection__framework")
        .defer("inspection__raw_text", "inspection__cleaned_text", "inspection__search_vector", "search_vector")
        .prefetch_related(Prefetch("theme_links", queryset=theme_links))
    )
    wanted = _page_wanted(
        data, FINDING_NEWEST, FINDING_OLDEST, (("inspection_id", "r.inspection_id"), ("position", "r.position"))
    )
    page, counts = _page_and_counts(
        "findings",
        data,
        results,
        lambda tables_current: count_with_page(
            Finding.objects.all(),
            selection_from(filterset.form, text),
            FINDING_DIMENSIONS,
            themes=True,
            tables_current=tables_current,
            page=wanted,
        ),
    )
    snippets = search.snippets(Finding.objects.all(), [f.pk for f in page], text, "text", whole=True) if text else {}
    facets = facet_rows(FINDING_FACETS, data, counts, Labels.load(), path)
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))


def _page_and_counts(kind: str, data: QueryDict, results: QuerySet, count) -> tuple[Page, dict]:
    """One page of results and the facet counts, from the cache when the archive has not changed since.

    ``count(tables_current)`` gives the counts and, when it had to read the matching rows, the page's ids in the
    same statement; otherwise (count tables, or a page number past the end) the page is asked of ``results``.
    The cache key holds the data version, which every ingest, re-parse and curation raises in the transaction
    that writes: a cached page can never outlive the data it was computed from.
    """
    version, tables_current = data_version.state()
    key = _cache_key(kind, data, version)
    cached = cache.get(key)
    paginator = Paginator(results, PAGE_SIZE)
    if cached is None:
        counted: Counted = count(tables_current)
        total = _total_from_facets(counted.counts, data)
        if total is not None:
            paginator.count = total  # every row has one value of an unfiltered facet: no COUNT over the rows
        number, rows = _page_number(data), None
        if counted.page_ids is not None and number <= paginator.num_pages:
            ids = counted.page_ids
        else:
            page = paginator.get_page(data.get("page"))
            rows = list(page.object_list)
            number, ids = page.number, [row.pk for row in rows]
        cached = {"total": paginator.count, "number": number, "ids": ids, "counts": counted.counts}
        cache.set(key, cached, CACHE_SECONDS)
        if rows is not None:
            page.object_list = rows
            return page, cached["counts"]
    paginator.count = cached["total"]  # cached_property: no COUNT query
    page = paginator.page(cached["number"])
    rows = results.order_by().filter(pk__in=cached["ids"])
    by_id = {row.pk: row for row in rows}
    page.object_list = [by_id[pk] for pk in cached["ids"] if pk in by_id]
    return page, cached["counts"]


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


def search_letters(data: QueryDict, path: str) -> SearchResults:
    text = _query(data)
    filterset = LetterFilter(data, queryset=matched(Inspection, data))
    results = (
        _ordered(filterset.qs, data, LETTER_NEWEST, LETTER_OLDEST)
        .select_related("authority", "framework")
        .defer("raw_text", "cleaned_text", "search_vector")
    )
    wanted = _page_wanted(data, LETTER_NEWEST, LETTER_OLDEST, (("letter_date", "r.letter_date"),))
    page, counts = _page_and_counts(
        "letters",
        data,
        results,
        lambda tables_current: count_with_page(
            Inspection.objects.all(),
            selection_from(filterset.form, text),
            LETTER_DIMENSIONS,
            themes=False,
            tables_current=tables_current,
            page=wanted,
        ),
    )
    snippets = (
        search.snippets(Inspection.objects.all(), [i.pk for i in page], text, "cleaned_text", whole=False)
        if text
        else {}
    )
    facets = facet_rows(LETTER_FACETS, data, counts, Labels.load(), path)
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))
