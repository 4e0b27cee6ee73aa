"""Parse a search box's text in web-search syntax ("a phrase", -not, OR) and write it as an FTS5 query.

PostgreSQL reads the same syntax itself (websearch_to_tsquery); SQLite's FTS5 has its own grammar, in which
stray quotes, colons or brackets are syntax errors, so every term is re-quoted here and nothing the user types
reaches FTS5 unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[\w']+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    negated: bool = False


def parse_query(text: str) -> list[list[Term]]:
    """Clauses to AND together; each clause is a list of terms to OR together."""
    clauses: list[list[Term]] = []
    pending_or = False
    for match in _TOKEN.finditer(text or ""):
        phrase, bare = match.group(1), match.group(2)
        negated = False
        if bare is not None:
            if bare.upper() == "OR":
                pending_or = bool(clauses)
                continue
            if bare.startswith("-") and len(bare) > 1:
                negated, bare = True, bare[1:]
            words = tuple(w.lower() for w in _WORD.findall(bare))
        else:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
        if not words:
            continue
        if bare is not None and len(words) > 1:
            words = tuple(words)  # "out-of-hours" is searched as the phrase "out of hours"
        term = Term(words, negated)
        if pending_or and clauses and not negated and not any(t.negated for t in clauses[-1]):
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    return clauses


def positive_words(text: str) -> list[str]:
    """The words a hit should show highlighted (negated terms are not)."""
    return [word for clause in parse_query(text) for term in clause if not term.negated for word in term.words]


def _fts5_term(term: Term) -> str:
    quoted = " ".join(f'"{word}"' for word in term.words)
    return f'"{" ".join(term.words)}"' if len(term.words) > 1 else quoted


def searched_clauses(text: str) -> tuple[list[list[Term]], list[str]]:
    """The query's clauses with the field's synonyms ORed in, and the synonyms added (to show the user)."""
    from letters.search.synonyms import expand  # the vocabulary module reads Term from here

    return expand(parse_query(text))


def _websearch_term(term: Term) -> str:
    written = f'"{" ".join(term.words)}"' if len(term.words) > 1 else term.words[0]
    return f"-{written}" if term.negated else written


def to_websearch_clauses(text: str) -> list[str] | None:
    """The query as one web-search string per clause, to AND together, when synonyms widened it; None when they
    did not (the text is then searched as typed). Web-search syntax cannot group an OR, hence one per clause."""
    clauses, added = searched_clauses(text)
    if not added:
        return None
    return [" OR ".join(_websearch_term(term) for term in clause) for clause in clauses]


def to_fts5(text: str) -> tuple[str | None, str | None]:
    """(what must match, what must not) as FTS5 MATCH expressions; either may be None."""
    positives, negatives = [], []
    for clause in searched_clauses(text)[0]:
        if len(clause) == 1 and clause[0].negated:
            negatives.append(_fts5_term(clause[0]))
        else:
            alternatives = [_fts5_term(term) for term in clause]
            positives.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    must = " AND ".join(positives) or None
    must_not = " OR ".join(negatives) or None
    if must and must_not:
        return f"({must}) NOT ({must_not})", None
    return must, must_not
