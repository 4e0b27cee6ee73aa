"""Property-based tests of the search box's query parser: no text the user types raises, and what it writes for
FTS5 is always an expression a real SQLite FTS5 table accepts (and finds what it should)."""

import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from letters.search.query import Term, parse_query, positive_words, to_fts5
from letters.search.schema import _TOKENIZE

# Text as people type it into a search box, and then some: FTS5's own syntax, quotes, brackets, unicode.
SYNTAX = st.sampled_from(
    ['"', "-", "OR", "AND", "NOT", "NEAR", "(", ")", "*", ":", "^", "+", "'", "{", "}", "NEAR(", "text:", " ", "\t"]
)
QUERY_TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(SYNTAX, st.text(max_size=12), st.from_regex(r"[a-z]{1,10}", fullmatch=True)), max_size=25).map(
        " ".join
    ),
)
ASCII_WORD = st.from_regex(r"[a-z]{2,12}", fullmatch=True).filter(lambda w: w.upper() not in ("OR", "AND", "NOT"))


@pytest.fixture(scope="module")
def fts5():
    """An in-memory FTS5 table with the archive's tokenizer."""
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE docs USING fts5(text, tokenize='{_TOKENIZE}')")
    yield connection
    connection.close()


def indexed_alike(connection, word: str, other: str) -> bool:
    """Whether FTS5's tokenizer (porter stemming) makes the two words one term ("cat", "cats")."""
    return matches(connection, f'"{word}"', other)


def matches(connection, expression: str, text: str) -> bool:
    """Whether ``text`` alone matches ``expression`` (a syntax error raises sqlite3.OperationalError)."""
    connection.execute("DELETE FROM docs")
    connection.execute("INSERT INTO docs(rowid, text) VALUES (1, ?)", (text,))
    return bool(connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)).fetchone()[0])


@settings(max_examples=400, deadline=None)
@given(QUERY_TEXT)
@example("")
@example('"')
@example('"unclosed phrase')
@example("- -- OR OR -OR")
@example('NEAR(a b) "x" * ^col:word')
@example("children's 'quoted' out-of-hours")
@example("\x00 \ud7ff \U0010ffff")
def test_parse_query_never_raises_and_gives_clauses_of_terms(text):
    clauses = parse_query(text)
    assert all(clause and all(isinstance(term, Term) and term.words for term in clause) for clause in clauses)
    assert all(word == word.lower() and '"' not in word for clause in clauses for t in clause for word in t.words)
    assert isinstance(positive_words(text), list)


@settings(max_examples=400, deadline=None)
@given(QUERY_TEXT)
@example('"')
@example("-")
@example("-word")
@example("a OR -b")
@example("OR a")
@example("''' \"'\"")
@example('"a" "" -"" OR')
def test_to_fts5_is_always_an_expression_fts5_accepts(fts5, text):
    must, must_not = to_fts5(text)
    words = [word for clause in parse_query(text) for term in clause for word in term.words]
    if not words:
        assert (must, must_not) == (None, None)
    for expression in (must, must_not):
        if expression is not None:
            matches(fts5, expression, "some text about children's services")  # raises on a syntax error


@settings(max_examples=200, deadline=None)
@given(st.lists(ASCII_WORD, min_size=1, max_size=6), st.data())
def test_a_text_holding_every_wanted_word_matches_and_one_holding_an_unwanted_word_does_not(fts5, words, data):
    joiners = data.draw(st.lists(st.sampled_from([" ", " OR "]), min_size=len(words) - 1, max_size=len(words) - 1))
    query = words[0] + "".join(joiner + word for joiner, word in zip(joiners, words[1:], strict=True))
    must, must_not = to_fts5(query)
    assert must is not None and must_not is None
    assert matches(fts5, must, " ".join(words))
    unwanted = data.draw(ASCII_WORD.filter(lambda w: not any(indexed_alike(fts5, w, word) for word in words)))
    must, _ = to_fts5(f"{query} -{unwanted}")
    assert matches(fts5, must, " ".join(words))
    assert not matches(fts5, must, " ".join([*words, unwanted]))


@settings(max_examples=100, deadline=None)
@given(st.lists(ASCII_WORD, min_size=2, max_size=5))
def test_a_quoted_phrase_matches_only_its_words_in_order(fts5, words):
    must, _ = to_fts5('"' + " ".join(words) + '"')
    assert matches(fts5, must, "before " + " ".join(words) + " after")
    if not any(indexed_alike(fts5, a, b) for i, a in enumerate(words) for b in words[i + 1 :]):
        assert not matches(fts5, must, " ".join(reversed(words)))


def test_only_negated_terms_leave_nothing_that_must_match(fts5):
    must, must_not = to_fts5("-police -court")
    assert must is None
    assert matches(fts5, must_not, "the police were told") and not matches(fts5, must_not, "the family")
