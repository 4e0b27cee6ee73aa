"""The field's vocabulary for search: words that mean the same to a reader ("care leavers", "care-experienced";
"CSE", "child sexual exploitation"), kept as data in ``data/synonyms.json`` (a list of groups).

A search term (a word, a run of words typed one after another, or a quoted phrase) that is one of a group's
entries is searched as any of them; the page says which others it also searched. Matching ignores case, hyphens
and a plural "s", so "Care-leaver" is the entry "care leavers". Negated terms are never widened.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from letters.search.query import Term

DATA_FILE = Path(__file__).with_name("data") / "synonyms.json"
_WORD = re.compile(r"[\w']+", re.UNICODE)
_LONGEST = 8  # words in the longest entry worth looking for


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


def _key(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words)


@lru_cache(maxsize=1)
def _groups() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each entry's key -> every entry of its group, as written in the data file."""
    groups: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        entries = tuple(str(entry) for entry in group)
        for entry in entries:
            groups.setdefault(_key(_words(entry)), entries)
    return groups


def _others(words: tuple[str, ...]) -> list[str]:
    """The entries a term of ``words`` also searches (those that are not the same words as typed)."""
    entries = _groups().get(_key(words), ())
    typed = _key(words)
    seen = {typed}
    others = []
    for entry in entries:
        key = _key(_words(entry))
        if key not in seen:
            seen.add(key)
            others.append(entry)
    return others


def expand(clauses: list[list[Term]]) -> tuple[list[list[Term]], list[str]]:
    """``clauses`` (as ``parse_query`` gives them) with each term that is a known entry ORed with its group, and
    the entries added. A run of single-word clauses ("care", "leavers") is read as one term when it is an entry."""
    out: list[list[Term]] = []
    added: list[str] = []
    i = 0
    while i < len(clauses):
        clause = clauses[i]
        run = _plain_run(clauses, i)
        for length in range(min(len(run), _LONGEST), 1, -1):
            words = tuple(word for term in run[:length] for word in term.words)
            others = _others(words)
            if others:
                out.append([Term(words), *(Term(_words(other)) for other in others)])
                added.extend(others)
                i += length
                break
        else:
            widened: list[Term] = []
            for term in clause:
                widened.append(term)
                if not term.negated:
                    others = _others(term.words)
                    widened.extend(Term(_words(other)) for other in others)
                    added.extend(others)
            out.append(widened)
            i += 1
    return out, list(dict.fromkeys(added))


def _plain_run(clauses: list[list[Term]], start: int) -> list[Term]:
    """The single, unnegated, one-word terms from ``start`` on: words typed one after another."""
    run = []
    for clause in clauses[start:]:
        if len(clause) != 1 or clause[0].negated or len(clause[0].words) != 1:
            break
        run.append(clause[0])
    return run
