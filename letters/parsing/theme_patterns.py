"""The theme rules' regex optimiser: a theme's patterns compiled into one fast matcher that answers as the plain
IGNORECASE alternation of the patterns would (``themes.py`` decides what the rules mean; this makes them fast).

This runs on every finding of the archive, so: each theme's includes are compiled into ONE alternation, its
excludes into another, once. Python's ``re`` is several times slower with IGNORECASE, so patterns are folded to
lower case and matched, case-sensitively, against the lower-cased text; a leading ``\\b`` shared by the
alternatives is tried once per position instead of once per alternative, and the alternatives of an include are
grouped by their first letter. A pattern that cannot be folded safely (inline flags, numeric escapes, upper-case
ranges) keeps IGNORECASE in a second alternation over the original text. Before any pattern runs, a word every
match must contain (a needle) is looked for with ``in``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

REGEX_ERRORS = (re.error, RecursionError, OverflowError, ValueError)


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a (valid) pattern on its top-level ``|``: ``a|(b|c)`` gives ``["a", "(b|c)"]``."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            if pattern[i : i + 1] == "]":  # a ']' first in a class is a literal
                i += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>")


def _fold(pattern: str) -> str | None:
    """``pattern`` rewritten to match lower-cased text case-sensitively as it matched any text with
    IGNORECASE, or None when that cannot be done safely (the pattern then keeps IGNORECASE)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            if not escaped or escaped in "xuUN0123456789":
                return None  # numeric and named escapes may spell an upper-case letter
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            if end is None:
                return None
            folded = _fold_class(pattern[i:end])
            if folded is None:
                return None
            out.append(folded)
            i = end
        elif char == "(" and pattern.startswith("(?", i):
            opener = next((o for o in _GROUP_OPENERS if pattern.startswith(o, i)), None)
            if opener is None:
                return None  # inline flags, comments and the rest: keep IGNORECASE
            out.append(opener)
            i += len(opener)
        else:
            lowered = char.lower()
            if len(lowered) != 1:
                return None
            out.append(lowered)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int | None:
    """The index just past the ``]`` closing the character class opened at ``start``."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "]":
            return i + 1
        else:
            i += 1
    return None


def _fold_class(source: str) -> str | None:
    out, i = [], 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            escaped = source[i + 1 : i + 2]
            if not escaped or escaped in "xuUN0123456789":
                return None
            out.append(source[i : i + 2])
            i += 2
            continue
        if char.lower() != char:
            # an upper-case letter inside a range ('A-Z') would change the range's meaning when folded
            if source[i - 1 : i] == "-" or source[i + 1 : i + 2] == "-" or len(char.lower()) != 1:
                return None
            char = char.lower()
        out.append(char)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class PatternSet:
    """A theme's include (or exclude) patterns compiled: a folded alternation and/or an IGNORECASE one."""

    folded: re.Pattern[str] | None
    ignorecase: re.Pattern[str] | None
    # Words one of which the lower-cased text must contain for any pattern to match (None: no such list). A test
    # with ``in`` costs far less than running the patterns, and most findings are about few of the themes.
    needles: tuple[str, ...] | None = None

    def search(self, text: str, lowered: str) -> bool:
        if self.needles is not None and not any(needle in lowered for needle in self.needles):
            return False
        return bool(
            (self.folded is not None and self.folded.search(lowered))
            or (self.ignorecase is not None and self.ignorecase.search(text))
        )

    def spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        found = []
        if self.folded is not None:
            found += [m.span() for m in self.folded.finditer(lowered)]
        if self.ignorecase is not None:
            found += [m.span() for m in self.ignorecase.finditer(text)]
        return [(start, end) for start, end in found if end > start]


def _by_first_character(alternatives: list[str]) -> str:
    """``abc|abd|xy`` as ``a(?:bc|bd)|x(?:y)``: ``re`` then rejects most alternatives on their first letter.
    Only for includes, where any match will do: the order of the alternatives changes."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alternative in alternatives:
        first, second = alternative[:1], alternative[1:2]
        if first.isascii() and (first.islower() or first.isdigit()) and second not in ("?", "*", "+", "{"):
            groups.setdefault(first, []).append(alternative[1:])
        else:
            rest.append(alternative)
    return "|".join([f"{first}(?:{'|'.join(tails)})" for first, tails in groups.items()] + rest)


_METACHARACTERS = frozenset("\\.^$*+?{}[]|()")
_SHORTEST_NEEDLE = 3


def _required_literal(alternative: str) -> str:
    """The longest text every match of ``alternative`` (a folded pattern with no top-level ``|``) contains: the
    longest run of plain characters outside groups and classes, less any character a quantifier makes optional."""
    runs: list[str] = []
    run: list[str] = []
    i, n = 0, len(alternative)

    def close() -> None:
        runs.append("".join(run))
        run.clear()

    while i < n:
        char = alternative[i]
        if char == "\\":
            escaped = alternative[i + 1 : i + 2]
            i += 2
            if escaped and not escaped.isalnum():
                run.append(escaped)  # an escaped punctuation mark stands for itself
            else:
                close()  # \b, \w, \s and the like
        elif char in "([":
            close()
            i = _skip_group(alternative, i) if char == "(" else (_class_end(alternative, i) or n)
            if i < n and alternative[i] in "?*+{":
                i = _skip_quantifier(alternative, i)
        elif char in "?*{":
            if run:
                run.pop()  # the character before is optional
            close()
            i = _skip_quantifier(alternative, i)
        elif char in "+.^$|)":
            close()
            i += 1
        else:
            run.append(char)
            i += 1
    close()
    return max(runs, key=len)


def leading_literal(alternative: str) -> str:
    """The text every match of ``alternative`` (a folded pattern with no top-level ``|``) starts with, after an
    optional leading ``\\b``: its first run of plain characters, less a last character a quantifier makes optional
    ("" when it starts otherwise: a group, a class, an escape)."""
    start = 2 if alternative.startswith("\\b") else 0
    end = start
    while end < len(alternative) and alternative[end] not in _METACHARACTERS:
        end += 1
    if end < len(alternative) and alternative[end] in "?*{+":
        end -= 1  # "safeguards?": the "s" may be missing (and "+" is left out too, to keep the rule short)
    return alternative[start : max(end, start)]


def _skip_group(pattern: str, start: int) -> int:
    """The index just past the ``)`` closing the group opened at ``start``."""
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i) or len(pattern)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(pattern)


def _skip_quantifier(pattern: str, start: int) -> int:
    i = start
    if pattern[i] == "{":
        close = pattern.find("}", i)
        i = len(pattern) if close < 0 else close + 1
    else:
        i += 1
    return i + 1 if pattern[i : i + 1] in ("?", "+") and pattern[i : i + 1] else i


def _needles(alternatives: list[str]) -> tuple[str, ...] | None:
    """One literal per alternative, or None if any alternative has none long enough to be worth testing."""
    literals = [_required_literal(alternative) for alternative in alternatives]
    if not literals or any(len(literal) < _SHORTEST_NEEDLE for literal in literals):
        return None
    return tuple(dict.fromkeys(literals))


def compile_patterns(patterns: list[str], *, any_match: bool) -> PatternSet | None:
    """``patterns`` (each valid alone) as one matcher, or None when there are none. ``any_match``: only whether
    some pattern matches counts (includes), so alternatives may be reordered and skipped by needles; otherwise
    (excludes) the spans matter and the alternatives keep their order. Raises one of ``REGEX_ERRORS`` when the
    patterns cannot be combined."""
    if not patterns:
        return None
    bounded, other, kept_case = [], [], []
    for pattern in patterns:
        folded = _fold(pattern)
        if folded is None:
            kept_case.append(pattern)
            continue
        for alternative in _top_level_alternatives(folded):
            if alternative.startswith("\\b"):
                bounded.append(alternative[2:])
            else:
                other.append(alternative)
    joined = _by_first_character(bounded) if any_match else "|".join(bounded)
    parts = ([rf"\b(?:{joined})"] if bounded else []) + [f"(?:{p})" for p in other]
    folded_re = re.compile("|".join(parts)) if parts else None
    ignorecase_re = re.compile("|".join(f"(?:{p})" for p in kept_case), re.IGNORECASE) if kept_case else None
    needles = _needles(bounded + other) if any_match and not kept_case else None
    return PatternSet(folded_re, ignorecase_re, needles)


def folded_alternatives(patterns: Iterable[str]) -> list[str] | None:
    """The top-level alternatives of ``patterns`` folded to lower case (``theme_prefilter.py`` scans for them), or
    None when one of the patterns cannot be folded."""
    alternatives = []
    for pattern in patterns:
        folded = _fold(pattern)
        if folded is None:
            return None
        alternatives += _top_level_alternatives(folded)
    return alternatives


def compile_one_at_a_time(patterns: Iterable[str]) -> tuple[PatternSet | None, list[tuple[str, str]]]:
    """The slow way, for patterns ``compile_patterns`` could not combine: one IGNORECASE alternation, the patterns
    added one at a time and any that still breaks it dropped. Gives the matcher (None if no pattern is left) and
    the (pattern, error) of each pattern dropped."""
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    combined = None
    for pattern in patterns:
        try:
            combined = re.compile("|".join(f"(?:{p})" for p in [*kept, pattern]), re.IGNORECASE)
        except REGEX_ERRORS as error:
            dropped.append((pattern, str(error)))
            continue
        kept.append(pattern)
    return (PatternSet(None, combined) if kept else None), dropped
