"""Full-text search on PostgreSQL: stored tsvectors (GIN), websearch syntax, ts_rank and ts_headline."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet

from letters.search.highlight import START, STOP, mark
from letters.search.match_sql import MatchSQL
from letters.search.query import to_websearch_clauses

CONFIG = "english"


def _query(text: str) -> SearchQuery:
    clauses = to_websearch_clauses(text)
    if clauses is None:
        return SearchQuery(text, search_type="websearch", config=CONFIG)
    query = SearchQuery(clauses[0], search_type="websearch", config=CONFIG)
    for clause in clauses[1:]:
        query &= SearchQuery(clause, search_type="websearch", config=CONFIG)
    return query


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


def match_sql(table: str, alias: str, text: str) -> MatchSQL:
    """The same match as ``match``, as SQL on ``alias`` for the one-pass facet query, with its rank: the query is
    parsed once (a FROM item), and the rank is read from the tsvector the match has in hand anyway."""
    clauses = to_websearch_clauses(text)
    if clauses is None:
        joins, params = f"CROSS JOIN websearch_to_tsquery('{CONFIG}', %s) AS matched_query", [text]
    else:  # synonyms: one query per clause, ANDed (web-search syntax cannot group an OR)
        joined = " && ".join([f"websearch_to_tsquery('{CONFIG}', %s)"] * len(clauses))
        joins, params = f"CROSS JOIN (SELECT ({joined}) AS matched_query) AS matched_queries", clauses
    return MatchSQL(
        joins=joins,
        join_params=params,
        where=f"{alias}.search_vector @@ matched_query",
        rank=f"ts_rank({alias}.search_vector, matched_query)",
    )
