"""A regex tried only where its matches can begin: at the places a plain string search finds their fixed words.

Python's regex engine skips ahead fast only to a pattern's literal first characters; a pattern that opens with a
word boundary, an alternation or IGNORECASE is tried at every position of the text (~10 ns each: 100 µs over a
letter's 6,000 characters, for one pattern). Where every match of a pattern holds some fixed words at a fixed
distance from its start (``Anchor``), ``str.find`` finds those words in a fraction of that, and the pattern is tried
there only. The matches are those of ``pattern.finditer`` / ``pattern.search``: the same starts in the same order,
each matched by the same engine from the same place (``\\b`` and lookbehinds still see the text before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Characters that IGNORECASE matches to an ASCII letter but that ``str.lower`` does not turn into it; "İ" also
# lower-cases to two characters, which would shift every position after it.
FOLDED_ODDLY = ("ı", "İ", "ſ")


def _folds_oddly(text: str) -> bool:
    return "ı" in text or "İ" in text or "ſ" in text  # FOLDED_ODDLY, without a generator's cost on every line


@dataclass(frozen=True)
class Anchor:
    """Words that every match holds ``offset`` characters after its start (lower case when ``lower``: found in the
    lower-cased text, for an IGNORECASE pattern)."""

    words: str
    offset: int = 0
    lower: bool = False


def holds(text: str, anchors: tuple[Anchor, ...]) -> bool:
    """False only when ``text`` can hold no match of a pattern every match of which holds one of ``anchors``: none of
    their words is in it (and no character that folds oddly). A quick test to put before dearer ones."""
    lowered = None
    for anchor in anchors:
        if anchor.lower:
            if lowered is None:
                if _folds_oddly(text):
                    return True
                lowered = text.lower()
            if anchor.words in lowered:
                return True
        elif anchor.words in text:
            return True
    return False


def _starts(text: str, anchors: tuple[Anchor, ...]) -> list[int] | None:
    """Where matches may start, in order; None when the text holds a character that folds oddly (search it all)."""
    lowered = None
    starts: set[int] = set()
    for anchor in anchors:
        if anchor.lower:
            if lowered is None:
                if _folds_oddly(text):
                    return None
                lowered = text.lower()
            haystack = lowered
        else:
            haystack = text
        at = haystack.find(anchor.words)
        while at >= 0:
            if at >= anchor.offset:
                starts.add(at - anchor.offset)
            at = haystack.find(anchor.words, at + 1)
    return sorted(starts)


def finditer(pattern: re.Pattern[str], text: str, anchors: tuple[Anchor, ...]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that never matches the empty string and every match of which holds
    one of ``anchors``."""
    starts = _starts(text, anchors)
    if starts is None:
        yield from pattern.finditer(text)
        return
    resume = 0  # finditer looks for the next match from the end of the last
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match:
            yield match
            resume = match.end()


def search(pattern: re.Pattern[str], text: str, anchors: tuple[Anchor, ...]) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern every match of which holds one of ``anchors``: the first start at which
    it matches (``finditer``'s first match, without a generator)."""
    starts = _starts(text, anchors)
    if starts is None:
        return pattern.search(text)
    for start in starts:
        match = pattern.match(text, start)
        if match:
            return match
    return None
