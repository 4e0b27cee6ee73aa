"""Full-text search on PostgreSQL: stored tsvectors (GIN), websearch syntax, ts_rank and ts_headline."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet

from letters.search.highlight import START, STOP, mark

CONFIG = "english"


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def match(queryset: QuerySet, text: str) -> QuerySet:
    return queryset.filter(search_vector=_query(text))


def rank(queryset: QuerySet, text: str) -> QuerySet:
    return queryset.annotate(rank=SearchRank(F("search_vector"), _query(text)))


def snippets(queryset: QuerySet, ids: list[int], text: str, column: str, *, whole: bool) -> dict[int, str]:
    options = {"start_sel": START, "stop_sel": STOP}
    if whole:
        options["highlight_all"] = True
    else:
        options.update(max_words=40, min_words=20, max_fragments=3, fragment_delimiter=" … ")
    rows = (
        queryset.filter(pk__in=ids)
        .annotate(snippet=SearchHeadline(column, _query(text), config=CONFIG, **options))
        .values_list("pk", "snippet")
    )
    return {pk: mark(snippet) for pk, snippet in rows}


def match_condition(table: str, alias: str, text: str) -> tuple[str, list]:
    """The same match as ``match``, as SQL on ``alias`` for the one-pass facet query."""
    return f"{alias}.search_vector @@ websearch_to_tsquery('{CONFIG}', %s)", [text]
