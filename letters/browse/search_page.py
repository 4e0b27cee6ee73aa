"""Where a search page is built: the findings and letters searches read their state from the URL's query string,
then match the words, filter, order, pick one page of hits with highlighted snippets, and count the facets — the
page and the counts in one statement (counting.py), from the search cache while the data has not changed. The
exports and feeds read the same filtered, ordered rows (``filtered_findings``, ``ordered_findings`` …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from letters import search, search_engine
from letters.browse import hit_rows
from letters.browse.counting import count_with_page, from_engine
from letters.browse.facet_rows import Facet, Labels, facet_rows
from letters.browse.hit_rows import Joined
from letters.browse.paging import (
    FINDING_ORDER,
    LETTER_ORDER,
    PAGE_SIZE,
    Ordering,
    ordered,
    page_wanted,
    query_text,
)
from letters.browse.registry import FINDING_FACETS, LETTER_FACETS, FacetSpec
from letters.browse.selection import selection_from
from letters.filters import FindingFilter, LetterFilter, page_number, valid_qs
from letters.freshness import data_version, search_cache
from letters.models import Authority, Finding, FindingTheme, Framework, Inspection, Theme
from letters.search_engine import counting as engine_counting


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


@dataclass(frozen=True)
class _Kind:
    """What differs between the findings search and the letters search."""

    name: str
    model: type
    filterset: type
    ordering: Ordering
    facets: list[FacetSpec]
    snippet_column: str
    whole_snippets: bool
    hits: Joined  # what a page's rows bring with them
    complete: Callable[[list, int], None]  # what else the rows show, given the data version


# What a page of hits reads (the hit templates and the API's hit serializers), and nothing else: a letter's texts,
# parse records and JSON columns stay in the database (reading them cost more than the page's SQL).
_LETTER_COLUMNS = ("authority", "framework", "letter_date", "year", "visit_type", "title", "prior_grade")
_LETTER_COLUMNS += ("prior_month", "urn", "url_key")
LETTER_HITS = Joined(
    Inspection,
    _LETTER_COLUMNS,
    related=(
        ("authority", Joined(Authority, ("slug", "name", "short_name"))),
        ("framework", Joined(Framework, ("slug", "short_name"))),
    ),
)
FINDING_HITS = Joined(
    Finding, ("inspection", "section", "position", "text", "theme_mask"), related=(("inspection", LETTER_HITS),)
)


def _load(shape: Joined, queryset: QuerySet) -> QuerySet:
    """The ORM's route to a page of hits (when the page is read by its order rather than by its ids)."""
    return queryset.select_related(*shape.related_paths()).only(*shape.only())


@dataclass(frozen=True)
class ThemeTag:
    """A theme as a hit shows it: its name, linked to its page."""

    slug: str
    name: str
    url: str


def _tag_of(theme: Theme) -> ThemeTag:
    return ThemeTag(theme.slug, theme.name, theme.get_absolute_url())


def _theme_tags() -> dict[int, ThemeTag]:
    return {theme.pk: _tag_of(theme) for theme in Theme.objects.all()}


def _tags_by_bit() -> list[tuple[int, ThemeTag]] | None:
    """(bit, tag) of every theme in the themes' order; None when a theme has no bit (then only its links say which
    findings it tags)."""
    themes = list(Theme.objects.all())
    if any(theme.bit is None for theme in themes):
        return None
    return [(theme.bit, _tag_of(theme)) for theme in themes]


def _tag_findings(findings: list, version: int) -> None:
    """Each hit's themes (``theme_tags``, in the themes' order), read from its theme bitmask (the column the theme
    filters and facets read; ``services/theme_masks.py`` keeps it in step with the links), with the themes, their
    bits and URLs read once per data version. Where a theme has no bit, from one query of (finding, theme) pairs."""
    by_bit = search_cache.remembered("theme-tags-by-bit", version, _tags_by_bit)
    if by_bit is not None:
        for finding in findings:
            mask = finding.theme_mask
            finding.theme_tags = [tag for bit, tag in by_bit if mask >> bit & 1]
        return
    tags = search_cache.remembered("theme-tags", version, _theme_tags)
    order = {pk: place for place, pk in enumerate(tags)}
    pairs = FindingTheme.objects.filter(finding_id__in=[finding.pk for finding in findings])
    by_finding: dict[int, list[int]] = {}
    for finding_id, theme_id in pairs.values_list("finding_id", "theme_id"):
        by_finding.setdefault(finding_id, []).append(theme_id)
    for finding in findings:
        theme_ids = sorted(by_finding.get(finding.pk, []), key=lambda pk: order.get(pk, len(order)))
        finding.theme_tags = [tags[pk] for pk in theme_ids if pk in tags]


def _as_they_are(letters: list, version: int) -> None:
    return None


FINDINGS = _Kind(
    "findings", Finding, FindingFilter, FINDING_ORDER, FINDING_FACETS, "text", True, FINDING_HITS, _tag_findings
)
LETTERS = _Kind(
    "letters", Inspection, LetterFilter, LETTER_ORDER, LETTER_FACETS, "cleaned_text", False, LETTER_HITS, _as_they_are
)


def _matched(kind: _Kind, data: QueryDict) -> QuerySet:
    return kind.model.objects.search(query_text(data))


def filtered_findings(data: QueryDict) -> QuerySet:
    """The findings a search URL selects, unordered: shared by the page, the exports and the feed."""
    return valid_qs(FindingFilter(data, queryset=_matched(FINDINGS, data)))


def filtered_letters(data: QueryDict) -> QuerySet:
    return valid_qs(LetterFilter(data, queryset=_matched(LETTERS, data)))


def ordered_findings(data: QueryDict) -> QuerySet:
    """Every finding a search URL selects, in the page's order (its ``sort``): what the exports stream."""
    return ordered(filtered_findings(data), data, FINDING_ORDER)


def ordered_letters(data: QueryDict) -> QuerySet:
    return ordered(filtered_letters(data), data, LETTER_ORDER)


def search_findings(data: QueryDict, path: str, state: tuple[int, bool] | None = None) -> SearchResults:
    return _search(FINDINGS, data, path, state)


def search_letters(data: QueryDict, path: str, state: tuple[int, bool] | None = None) -> SearchResults:
    return _search(LETTERS, data, path, state)


def _search(kind: _Kind, data: QueryDict, path: str, state: tuple[int, bool] | None) -> SearchResults:
    """``state`` is the data version and whether the count tables are current (read here when not given)."""
    text = query_text(data)
    state = state or data_version.state()
    filterset = kind.filterset(data, queryset=_matched(kind, data), version=state[0])
    page, counts = _page_and_counts(kind, data, filterset, text, state)
    snippets = {}
    if text:
        ids = [row.pk for row in page]
        snippets = search.snippets(kind.model.objects.all(), ids, text, kind.snippet_column, whole=kind.whole_snippets)
    # An invalid search shows its errors and no facets: each facet option links to the whole query, so echoing a long
    # invalid one per option would grow the page with the square of its length.
    valid = filterset.form.is_valid()
    facets = facet_rows(kind.facets, data, counts, _labels(kind, state[0]), path) if valid else []
    return SearchResults(text, filterset.form, page, snippets, facets, dict(filterset.form.errors))


def _labels(kind: _Kind, version: int) -> Labels:
    return search_cache.remembered(f"labels:{kind.name}", version, lambda: Labels.load(kind.facets))


def _page_and_counts(kind: _Kind, data: QueryDict, filterset, text: str, state: tuple[int, bool]) -> tuple[Page, dict]:
    """One page of results and the facet counts, from the search cache when the archive has not changed since.

    The counts come with the page's ids in one statement when the matching rows had to be read; otherwise (count
    tables, or a page number past the end) the page is asked of the ordered, filtered queryset.
    """
    version, tables_current = state
    cached = search_cache.get(kind.name, data, version)
    selection = selection_from(filterset.form, text)
    # Nothing chosen: the counts are the ones stored with the count tables, and the page the first rows of an index,
    # where the engine would count every row (at 50,000 letters, 640,000 findings: ~28 of a browse page's ~40 ms).
    stored_answers = tables_current and selection.is_empty()
    if cached is None and not stored_answers:
        cached = _from_engine(kind, data, filterset, selection, version)
    if cached is None:
        counted = count_with_page(
            kind.model.objects.all(),
            selection,
            kind.facets,
            tables_current=tables_current,
            page=page_wanted(data, kind.ordering),
        )
        paginator = Paginator(_load(kind.hits, ordered(filterset.qs, data, kind.ordering)), PAGE_SIZE)
        total = _total_from_facets(kind.facets, counted.counts, data)
        if total is not None:
            paginator.count = total  # every row has one value of an unfiltered facet: no COUNT over the rows
        number = page_number(data.get("page"))
        if counted.page_ids is None or number > paginator.num_pages:
            page = paginator.get_page(number)
            page.object_list = list(page.object_list)
            kind.complete(page.object_list, version)
            ids = [row.pk for row in page.object_list]
            search_cache.put(
                kind.name, data, version, total=paginator.count, number=page.number, ids=ids, counts=counted.counts
            )
            return page, counted.counts
        cached = search_cache.put(
            kind.name, data, version, total=paginator.count, number=number, ids=counted.page_ids, counts=counted.counts
        )
    # The rows by their ids alone: the ids already went through the match, the filters and the order.
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = cached["total"]  # cached_property: no COUNT query
    page = paginator.page(cached["number"])
    page.object_list = hit_rows.read(kind.hits, cached["ids"], kind.model.objects.all().db)
    kind.complete(page.object_list, version)
    return page, cached["counts"]


def _engine_order(data: QueryDict) -> str:
    sort = data.get("sort") or "relevance"
    return sort if sort in ("newest", "oldest") else "relevance"


def _engine_can_answer(kind: _Kind, filterset) -> bool:
    """A valid search whose every ticked theme has its bit (the engine knows themes by their bits)."""
    if not filterset.form.is_valid():
        return False
    return all(theme.bit is not None for theme in filterset.form.cleaned_data.get("theme") or [])


def _from_engine(kind: _Kind, data: QueryDict, filterset, selection, version: int) -> dict | None:
    """The page's ids, the total and the counts from the search engine (counting.py's route 0), cached as the other
    routes are; None when the engine cannot answer yet."""
    if not _engine_can_answer(kind, filterset):
        return None
    answered = from_engine(
        kind.name,
        kind.model.objects.all().db,
        selection,
        version,
        order=_engine_order(data),
        page_number=page_number(data.get("page")),
        page_size=PAGE_SIZE,
    )
    if answered is None:
        return None
    counted, number = answered
    return search_cache.put(
        kind.name, data, version, total=counted.total, number=number, ids=counted.page_ids, counts=counted.counts
    )


def for_export(data: QueryDict, kind_name: str) -> tuple[QuerySet, list[int] | None]:
    """What an export of a search URL streams: the rows in the pages' order, either as an ordered queryset or as the
    filtered queryset with every id in the engine's relevance order."""
    findings = kind_name == FINDINGS.name
    ids = relevance_ids(data, kind_name)
    if ids is not None:
        return (filtered_findings(data) if findings else filtered_letters(data)), ids
    return (ordered_findings(data) if findings else ordered_letters(data)), None


def relevance_ids(data: QueryDict, kind_name: str) -> list[int] | None:
    """Every result of a search URL sorted by relevance, in the page's order, when the engine answers that search
    (the exports then list exactly the pages' hits in the pages' order); None otherwise (the ordered queryset's order
    is the pages' order then)."""
    kind = FINDINGS if kind_name == FINDINGS.name else LETTERS
    text = query_text(data)
    if not text or _engine_order(data) != "relevance":
        return None
    filterset = kind.filterset(data, queryset=kind.model.objects.none())
    if not _engine_can_answer(kind, filterset):
        return None
    version = data_version.state()[0]
    snapshot = search_engine.snapshot_for(kind.model.objects.all().db, version)
    if snapshot is None:
        return None
    return engine_counting.ranked_ids(snapshot, kind.name, selection_from(filterset.form, text))


def _total_from_facets(facets: list[FacetSpec], counts: dict, data: QueryDict) -> int | None:
    """The number of results, from a facet the URL does not filter on whose every row has exactly one value (its
    counts add up to every result)."""
    for spec in facets:
        if spec.single_valued and spec.param in counts and not any(data.getlist(spec.param)):
            return sum(counts[spec.param].values())
    return None
