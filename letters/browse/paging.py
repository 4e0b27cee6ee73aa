"""Ordering and pagination of search results, in one place: the order a search URL asks for (its ``sort``, and
relevance first when there are words), given once as terms and read both by the ORM (the exports, and a page asked
of the ordered queryset) and by the one statement's top-N page; and a page of any queryset in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import QueryDict

from letters import search
from letters.filters import page_number

PAGE_SIZE = 20


@dataclass(frozen=True)
class Ordering:
    """A search's orders, as ORM terms ("-year" is descending); ``rank`` is the full-text rank (higher is better)."""

    newest: tuple[str, ...]
    oldest: tuple[str, ...]
    columns: tuple[tuple[str, str], ...] = ()  # what the statement needs beyond the facet columns: (name, SQL on r)

    def terms(self, text: str, sort: str) -> tuple[str, ...]:
        if sort == "oldest":
            return self.oldest
        if sort == "newest" or not text:
            return self.newest
        return ("-rank", *self.newest)


FINDING_ORDER = Ordering(
    ("-year", "-inspection_id", "position"),
    ("year", "inspection_id", "position"),
    (("inspection_id", "r.inspection_id"), ("position", "r.position")),
)
LETTER_ORDER = Ordering(("-letter_date", "-id"), ("letter_date", "id"), (("letter_date", "r.letter_date"),))


def query_text(data: QueryDict) -> str:
    """The search words of a URL, spaces folded, at most 500 characters."""
    return " ".join((data.get("q") or "").split())[:500]


def _terms(data: QueryDict, ordering: Ordering) -> tuple[str, ...]:
    return ordering.terms(query_text(data), data.get("sort") or "relevance")


def ordered(queryset: QuerySet, data: QueryDict, ordering: Ordering) -> QuerySet:
    """The queryset in the order the URL asks for (ranked by the words when relevance comes first)."""
    terms = _terms(data, ordering)
    if "-rank" in terms:
        queryset = search.rank(queryset, query_text(data))
    return queryset.order_by(*terms)


@dataclass(frozen=True)
class PageWanted:
    """One page of the matching rows, read from the same materialised matches as the counts.

    ``columns`` are {name: SQL on the row ``r``} that the order needs beyond the facet columns; ``order`` is the
    ORDER BY over those names, where ``rank`` is the full-text rank (higher is better).
    """

    order: tuple[str, ...]
    columns: tuple[tuple[str, str], ...] = ()
    limit: int = PAGE_SIZE
    offset: int = 0


def page_wanted(data: QueryDict, ordering: Ordering) -> PageWanted:
    """The same order as ``ordered``, for the page read with the facet counts."""
    order = tuple(f"{term[1:]} DESC" if term.startswith("-") else term for term in _terms(data, ordering))
    offset = (page_number(data.get("page")) - 1) * PAGE_SIZE
    return PageWanted(order=order, columns=ordering.columns, limit=PAGE_SIZE, offset=offset)


def page_of(queryset: QuerySet, number_text: str | None, size: int) -> Page:
    """A page of a queryset in one query: the rows carry the total as a window count (COUNT(*) OVER ()), so the
    paginator needs no COUNT of its own. A page number past the end falls back to Django's paginator (last page)."""
    number = page_number(number_text)  # digits only, at most MAX_PAGE: no bigint overflow in OFFSET
    start = (number - 1) * size
    rows = list(queryset.annotate(window_total=Window(Count("pk")))[start : start + size])
    paginator = Paginator(queryset, size)
    if not rows and number > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].window_total if rows else 0  # cached_property: no COUNT query
    page = paginator.page(number)
    page.object_list = rows
    return page
