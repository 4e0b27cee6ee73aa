"""The findings and letters searches: full-text match, filters, ordering, one page of hits with highlighted
snippets, and disjunctive facets — all state read from the URL's query string."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from letters import search
from letters.facets import FINDING_FACETS, LETTER_FACETS, Facet, Labels, compute_facets
from letters.filters import FindingFilter, LetterFilter
from letters.models import Finding, FindingTheme, Inspection

PAGE_SIZE = 20


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


def search_findings(data: QueryDict, path: str) -> SearchResults:
    filterset = FindingFilter(data, queryset=matched(Finding, data))
    text = _query(data)
    theme_links = FindingTheme.objects.select_related("theme").order_by("theme__position")
    results = (
        _ordered(filterset.qs, data, FINDING_NEWEST, FINDING_OLDEST)
        .select_related("inspection__authority", "inspection__framework")
        .defer("inspection__raw_text", "inspection__cleaned_text", "inspection__search_vector", "search_vector")
        .prefetch_related(Prefetch("theme_links", queryset=theme_links))
    )
    page = Paginator(results, PAGE_SIZE).get_page(data.get("page"))
    snippets = search.snippets(Finding.objects.all(), [f.pk for f in page], text, "text", whole=True) if text else {}
    facets = compute_facets(
        FINDING_FACETS,
        data,
        lambda param: FindingFilter(_without(data, param), queryset=matched(Finding, data)).qs,
        Labels.load(),
        path,
    )
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))


def search_letters(data: QueryDict, path: str) -> SearchResults:
    filterset = LetterFilter(data, queryset=matched(Inspection, data))
    text = _query(data)
    results = (
        _ordered(filterset.qs, data, LETTER_NEWEST, LETTER_OLDEST)
        .select_related("authority", "framework")
        .defer("raw_text", "cleaned_text", "search_vector")
    )
    page = Paginator(results, PAGE_SIZE).get_page(data.get("page"))
    snippets = (
        search.snippets(Inspection.objects.all(), [i.pk for i in page], text, "cleaned_text", whole=False)
        if text
        else {}
    )
    facets = compute_facets(
        LETTER_FACETS,
        data,
        lambda param: LetterFilter(_without(data, param), queryset=matched(Inspection, data)).qs,
        Labels.load(),
        path,
    )
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))


def _without(data: QueryDict, param: str) -> QueryDict:
    copy = data.copy()
    copy.pop(param, None)
    return copy
