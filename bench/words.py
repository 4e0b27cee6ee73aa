"""The headline's search words, drawn from the corpus itself: a word's document frequency is the share of findings
that contain it in any form both search engines match alike (its Porter stem: "plan", "plans" and "planned" are one
word to PostgreSQL's english configuration and to FTS5's porter tokenizer), and the words are a seeded sample of
those whose frequency lies in a band. Pure apart from the stemmer, which borrows SQLite's own (FTS5 porter).
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The bands of the table: a broad word is in 8–25% of findings, a selective one in 0.3–2%.
BROAD = (0.08, 0.25)
SELECTIVE = (0.003, 0.02)
PER_KIND = 8  # words per kind and round: the medians are over these
MIN_LETTERS = 4  # shorter words are mostly stop words or abbreviations with synonyms
_WORD = re.compile(r"[a-z]+")


def band_text(band: tuple[float, float]) -> str:
    """(0.003, 0.02) -> '0.3–2%'."""
    low, high = (f"{share * 100:.1f}".rstrip("0").rstrip(".") for share in band)
    return f"{low}–{high}%"


def words_of(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` that may be drawn (letters only, at least MIN_LETTERS long)."""
    return {word for word in _WORD.findall(text.lower()) if len(word) >= MIN_LETTERS}


class PorterStemmer:
    """SQLite FTS5's porter tokenizer (the one Datasette's index and the archive's SQLite search use), one word at a
    time, remembered."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute("CREATE VIRTUAL TABLE words USING fts5(word, tokenize='porter unicode61 remove_diacritics 2')")
        self._db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(words, 'instance')")
        self._known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self._known:
            rowid = len(self._known) + 1
            self._db.execute("INSERT INTO words(rowid, word) VALUES (?, ?)", (rowid, word))
            found = self._db.execute("SELECT term FROM terms WHERE doc = ?", (rowid,)).fetchone()
            self._known[word] = found[0] if found else word
        return self._known[word]


@dataclass
class Frequencies:
    documents: int  # findings read
    by_stem: Counter  # stem -> findings containing it in any form
    by_word: Counter  # word -> findings containing that very form
    stem_of: dict[str, str]


def document_frequencies(texts: Iterable[str], stem: Callable[[str], str]) -> Frequencies:
    by_stem: Counter = Counter()
    by_word: Counter = Counter()
    stem_of: dict[str, str] = {}
    documents = 0
    for text in texts:
        documents += 1
        words = words_of(text)
        by_word.update(words)
        for word in words:
            if word not in stem_of:
                stem_of[word] = stem(word)
        by_stem.update({stem_of[word] for word in words})
    return Frequencies(documents, by_stem, by_word, stem_of)


def candidates(freq: Frequencies, band: tuple[float, float], exclude: set[str] = frozenset()) -> list[str]:
    """One word per stem whose share of findings lies in ``band`` (both ends included): its commonest form, the
    first in alphabetical order on a tie; a stem any of whose forms is excluded (a stop word, a synonym) is left
    out, so that both servers search exactly that stem. Sorted."""
    low, high = band
    forms: dict[str, list[str]] = {}
    for word, stem in freq.stem_of.items():
        forms.setdefault(stem, []).append(word)
    chosen = []
    for stem, count in freq.by_stem.items():
        if not freq.documents or not low <= count / freq.documents <= high:
            continue
        if any(word in exclude for word in forms[stem]):
            continue
        chosen.append(min(forms[stem], key=lambda word: (-freq.by_word[word], word)))
    return sorted(chosen)


def draw(items: list, count: int, rounds: int, rng: random.Random) -> list[list]:
    """``rounds`` disjoint lists of ``count`` items each from a seeded shuffle of ``items`` (which must be in a
    stable order), so that a round's items do not depend on how many rounds are asked for; fewer rounds if there
    are not enough items."""
    rounds = min(rounds, len(items) // count) if count else 0
    shuffled = list(items)
    rng.shuffle(shuffled)
    return [shuffled[i * count : (i + 1) * count] for i in range(rounds)]
