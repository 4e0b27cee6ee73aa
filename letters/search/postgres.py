"""Full-text search on PostgreSQL: stored tsvectors (GIN), websearch syntax, ts_rank and ts_headline."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, QuerySet, TextField

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


class AroundFirstWord(Func):
    """A text cut to WINDOW characters starting a little before the first place a searched word's beginning occurs
    as written or capitalised (the whole text when it is that short; its start when the word is not found).
    ts_headline parses and stems all it is given, about 1 ms per 5,000 characters: twenty long reports would cost a
    page seconds."""

    output_field = TextField()

    def __init__(self, column: str, word: str):
        super().__init__(F(column))
        self.word = word

    def as_sql(self, compiler, connection, **extra):
        text, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"CASE WHEN length({text}) <= {WINDOW} THEN {text} ELSE substring({text} FROM "
            f"greatest(1, least(nullif(strpos({text}, %s), 0), nullif(strpos({text}, %s), 0)) - {WINDOW_BEFORE}) "
            f"FOR {WINDOW}) END"
        )
        return sql, [*params, *params, *params, *params, self.word, *params, self.word.capitalize()]


def word_start(word: str) -> str:
    """What every form of a word begins with, near enough: "agencies" is found as "agenc" (agency), "safety" as
    "safe" (the stemmer's "safeti" is not in the text)."""
    word = word.lower()
    return word[: max(4, len(word) - 3)]


def snippets(queryset: QuerySet, ids: list[int], text: str, column: str, *, whole: bool) -> dict[int, str]:
    options = {"start_sel": START, "stop_sel": STOP}
    source = column
    if whole:
        options["highlight_all"] = True
    else:
        options.update(max_words=40, min_words=20, max_fragments=3, fragment_delimiter=" … ")
        words = positive_words(text)
        if words:
            source = AroundFirstWord(column, word_start(words[0]))
    rows = (
        queryset.filter(pk__in=ids)
        .annotate(snippet=SearchHeadline(source, _query(text), config=CONFIG, **options))
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
