"""Full-text search on PostgreSQL: stored tsvectors (GIN), websearch syntax, ts_rank and ts_headline."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, QuerySet

from letters.search.highlight import START, STOP, mark
from letters.search.match_sql import MatchSQL
from letters.search.query import positive_words, to_websearch_clauses

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


WINDOW = 1500  # characters of a long text that ts_headline reads: around the first searched word
WINDOW_BEFORE = 200  # of them before that word
FRAGMENTS = {  # ts_headline's options for a letter's fragments
    "StartSel": START,
    "StopSel": STOP,
    "MaxWords": 40,
    "MinWords": 20,
    "MaxFragments": 3,
    "FragmentDelimiter": " … ",
}


def word_start(word: str) -> str:
    """What every form of a word begins with, near enough: "agencies" is found as "agenc" (agency), "safety" as
    "safe" (the stemmer's "safeti" is not in the text)."""
    word = word.lower()
    return word[: max(4, len(word) - 3)]


def snippets(queryset: QuerySet, ids: list[int], text: str, column: str, *, whole: bool) -> dict[int, str]:
    """Each row's ``column`` with the searched words marked: all of it (``whole``, a finding), or up to three
    fragments of it (a letter). Reads the rows of ``queryset``'s model with these ids."""
    if not whole:
        return _fragments(queryset, ids, text, column)
    rows = (
        queryset.filter(pk__in=ids)
        .annotate(
            snippet=SearchHeadline(
                column, _query(text), config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
            )
        )
        .values_list("pk", "snippet")
    )
    return {pk: mark(snippet) for pk, snippet in rows}


def _fragments(queryset: QuerySet, ids: list[int], text: str, column: str) -> dict[int, str]:
    """Up to three fragments of each row's text, from a window of WINDOW characters starting a little before the
    first place the first searched word begins as written or capitalised (the whole text when it is that short; its
    start when the word is not found; all of it when no word is searched for, only left out).

    ts_headline parses and stems all it is given, about 1 ms per 5,000 characters, so a long report is cut first. The
    text is read once a row, in a subquery the planner keeps apart (OFFSET 0) and concatenated there into a value of
    its own: every mention of a stored column in an expression reads (and decompresses) it again, and the window's
    four mentions took a quarter of a letters page's snippets (50 letters: 17.6 -> 12.8 ms, the same snippets)."""
    meta = queryset.model._meta
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    key, source = quote(meta.pk.column), quote(meta.get_field(column).column)
    words = positive_words(text)
    window, window_params = "whole.text", []
    if words:
        window = (
            f"CASE WHEN length(whole.text) <= {WINDOW} THEN whole.text ELSE substring(whole.text FROM greatest(1, "
            f"least(nullif(strpos(whole.text, %s), 0), nullif(strpos(whole.text, %s), 0)) - {WINDOW_BEFORE}) "
            f"FOR {WINDOW}) END"
        )
        word = word_start(words[0])
        window_params = [word, word.capitalize()]
    tsquery, query_params = tsquery_sql(text)
    options = ", ".join(connection.ops.compose_sql(f"{name}=%s", [value]) for name, value in FRAGMENTS.items())
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT row.{key}, ts_headline('{CONFIG}', {window}, {tsquery}, %s) "
        f"FROM {quote(meta.db_table)} row CROSS JOIN LATERAL (SELECT row.{source} || '' AS text OFFSET 0) whole "
        f"WHERE row.{key} IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*window_params, *query_params, options, *ids])
        return {pk: mark(snippet) for pk, snippet in cursor.fetchall()}


def tsquery_sql(text: str) -> tuple[str, list[str]]:
    """The search box's query as a tsquery expression and its parameters: web-search syntax, or one query per
    clause, ANDed, where synonyms made clauses (web-search syntax cannot group an OR)."""
    clauses = to_websearch_clauses(text)
    if clauses is None:
        return f"websearch_to_tsquery('{CONFIG}', %s)", [text]
    return "(" + " && ".join([f"websearch_to_tsquery('{CONFIG}', %s)"] * len(clauses)) + ")", clauses


def match_sql(table: str, alias: str, text: str) -> MatchSQL:
    """The same match as ``match``, as SQL on ``alias`` for the one-pass facet query, with its rank: the query is
    parsed once (a FROM item), and the rank is read from the tsvector the match has in hand anyway."""
    tsquery, params = tsquery_sql(text)
    joins = f"CROSS JOIN (SELECT {tsquery} AS matched_query) AS matched_queries"
    return MatchSQL(
        joins=joins,
        join_params=params,
        where=f"{alias}.search_vector @@ matched_query",
        rank=f"ts_rank({alias}.search_vector, matched_query)",
    )
