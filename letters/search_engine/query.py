"""The search box's clauses and the URL's filters as engine queries (pure: a schema in, queries out)."""

from __future__ import annotations

import tantivy

from letters.search.query import Term
from letters.search_engine.schema import EMPTY

Occur = tantivy.Occur
Query = tantivy.Query


def _term(schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, term: Term) -> Query:
    """A word, or a phrase of words, as the index cut them (a word with an apostrophe is a phrase, as in FTS5)."""
    tokens = [token for word in term.words for token in analyzer.analyze(word)]
    if not tokens:
        return Query.empty_query()
    if len(tokens) == 1:
        return Query.term_query(schema, "text", tokens[0])
    return Query.phrase_query(schema, "text", tokens)


def text_query(schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, clauses: list[list[Term]]) -> Query:
    """Every clause must match (its terms ORed); a clause of one negated term must not. Only negations: every
    document but those; no clause at all: nothing (what search/query.py's to_fts5 writes for SQLite)."""
    must, must_not = [], []
    for clause in clauses:
        if len(clause) == 1 and clause[0].negated:
            must_not.append(_term(schema, analyzer, clause[0]))
        elif len(clause) == 1:
            must.append(_term(schema, analyzer, clause[0]))
        else:
            must.append(Query.boolean_query([(Occur.Should, _term(schema, analyzer, term)) for term in clause]))
    if not must and not must_not:
        return Query.empty_query()
    parts = [(Occur.Must, query) for query in must] or [(Occur.Must, Query.all_query())]
    parts += [(Occur.MustNot, query) for query in must_not]
    return parts[0][1] if len(parts) == 1 else Query.boolean_query(parts)


# Up to this many values, a filter is a union of term queries; past it, one term-set query. A term set costs a pass
# over the field's terms and a bitset of every document, ~0.2 ms a query at 5,000 letters whatever it matches, where a
# union of term queries reads only the values' postings: one council and one theme went 1.7 -> 0.5 ms for the page's
# search and its three aggregations. The union stays faster up to ~100 councils at 5,000 letters.
TERMS_UNIONED = 64


def any_of(schema: tantivy.Schema, field: str, values) -> Query:
    """Documents whose ``field`` holds any of ``values`` (scored as term queries: wrap it to filter)."""
    values = [EMPTY if value == "" else value for value in values]
    if not values:
        return Query.empty_query()
    if len(values) > TERMS_UNIONED:
        return Query.term_set_query(schema, field, values)
    terms = [Query.term_query(schema, field, value) for value in values]
    return terms[0] if len(terms) == 1 else Query.boolean_query([(Occur.Should, term) for term in terms])


def all_of(schema: tantivy.Schema, field: str, values) -> Query:
    return Query.boolean_query([(Occur.Must, Query.term_query(schema, field, value)) for value in values])


def year_range(schema: tantivy.Schema, year_from: int | None, year_to: int | None) -> Query:
    """Years between the bounds; a row without a year (0 here, NULL in SQL) is never in a range."""
    lower = max(year_from or 1, 1)
    return Query.range_query(schema, "year", tantivy.FieldType.Integer, lower, year_to)


def all_together(queries: list[Query]) -> Query:
    if not queries:
        return Query.all_query()
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, query) for query in queries])
