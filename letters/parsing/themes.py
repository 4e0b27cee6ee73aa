"""Tag a finding's text with the themes it is about, by include/exclude regex rules kept as data.

The starting taxonomy lives in ``data/themes.json``; curators will later edit the same rules in the admin,
so nothing here trusts a pattern: a bad one is skipped and named in ``ThemeMatcher.errors``.

Rule semantics, per theme: patterns are Python regexes matched case-insensitively against the finding's
text (typographic apostrophes and hyphens made plain, runs of white space made one space). A theme is
tagged when one of its ``include`` patterns matches once the text its ``exclude`` patterns match has been
blanked out: an exclude masks a known false-positive phrase ("missing important details"); it does not
veto the whole finding.

Speed (this runs on every finding of the archive): each theme's includes are compiled into ONE
alternation, its excludes into another, once. Python's ``re`` is several times slower with IGNORECASE, so
patterns are folded to lower case and matched, case-sensitively, against the lower-cased text; a leading
``\\b`` shared by the alternatives is tried once per position instead of once per alternative. A pattern
that cannot be folded safely (inline flags, numeric escapes, upper-case ranges) keeps IGNORECASE in a
second, per-theme alternation over the original text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "themes.json"

# Letters write the same word with typographic apostrophes, non-breaking hyphens and odd spaces. The last
# three entries keep str.lower() aligned with IGNORECASE (and the lower-cased text as long as the original).
# fmt: off
_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "\u0130": "I", "\u0131": "i", "\u017f": "s",
    }
)
# fmt: on
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]| {2}")
_PROBE = "Zq, 12 xv!"  # no theme pattern should match this, let alone with zero width
_UNSUPPORTED = re.compile(r"\(\?P[=<]|\\[1-9]|\(\?\(")  # named groups, back-references, conditionals
_REGEX_ERRORS = (re.error, RecursionError, OverflowError, ValueError)
# A repeated group that itself holds an unbounded repeat, '(a+)+': the classic catastrophic backtracking.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


@dataclass(frozen=True)
class ThemeRule:
    slug: str
    name: str
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _default_themes_json() -> str:
    return DATA_FILE.read_text(encoding="utf-8")


def load_default_themes() -> list[dict]:
    """The raw theme objects of the starting taxonomy (a fresh copy each call; the file is read once)."""
    return json.loads(_default_themes_json())


def rules_from_dicts(items: Iterable[dict]) -> list[ThemeRule]:
    """Theme objects ({"name", "slug", "rules": {"include": [...], "exclude": [...]}}) as rules, in order."""
    rules = []
    for item in items:
        patterns = item.get("rules") or {}
        rules.append(
            ThemeRule(
                slug=str(item["slug"]),
                name=str(item.get("name") or item["slug"]),
                include=tuple(str(p) for p in patterns.get("include") or ()),
                exclude=tuple(str(p) for p in patterns.get("exclude") or ()),
            )
        )
    return rules


def validate_pattern(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used as a theme rule, or None when it can."""
    if not isinstance(pattern, str):
        return f"a pattern must be text, not {type(pattern).__name__}"
    if not pattern.strip():
        return "the pattern is empty (it would match every finding)"
    if _UNSUPPORTED.search(pattern):
        return "named groups, back-references and conditionals are not supported in theme rules"
    if _NESTED_REPEAT.search(pattern):
        return "a repeated group holds an unbounded repeat, as in '(a+)+': matching could take forever"
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        re.compile(f"(?:{pattern})|x")  # it must also work as one alternative among others
    except re.error as error:
        return f"not a valid regular expression: {error}"
    except (RecursionError, OverflowError, ValueError) as error:
        return f"not a usable regular expression: {error}"
    probe = compiled.search(_PROBE)
    if compiled.search("") is not None or (probe is not None and probe.start() == probe.end()):
        return "the pattern can match empty text (it would match every finding)"
    return None


def normalise_text(text: str) -> str:
    """The text rules are matched against: straight apostrophes, plain hyphens, single spaces."""
    if not text.isascii():
        return _SPACES.sub(" ", text.translate(_TYPOGRAPHY))
    if _ODD_SPACE.search(text):
        return _SPACES.sub(" ", text)
    return text


# --- compiling -------------------------------------------------------------------------------------------


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
class _Side:
    """One side (include or exclude) of a theme: a folded alternation and/or an IGNORECASE one."""

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


def _compile_side(patterns: list[str], *, any_match: bool) -> _Side | None:
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
    return _Side(folded_re, ignorecase_re, needles)


@dataclass(frozen=True)
class _Theme:
    slug: str
    include: _Side
    exclude: _Side | None


class ThemeMatcher:
    """Compile a taxonomy's rules once; ``match(text)`` gives the slugs of the themes a finding is about."""

    def __init__(self, rules: Iterable[ThemeRule]):
        self.errors: list[str] = []
        self.slugs: list[str] = []
        self._themes: list[_Theme] = []
        seen: set[str] = set()
        for rule in rules:
            if rule.slug in seen:
                self.errors.append(f"theme '{rule.slug}' appears more than once; only the first is used")
                continue
            seen.add(rule.slug)
            include = self._side(rule, rule.include, "include", any_match=True)
            exclude = self._side(rule, rule.exclude, "exclude", any_match=False)
            if include is None:
                self._error(rule, "has no usable include pattern")
                continue
            self.slugs.append(rule.slug)
            self._themes.append(_Theme(rule.slug, include, exclude))

    def _error(self, rule: ThemeRule, problem: str) -> None:
        self.errors.append(f"theme '{rule.name}' ({rule.slug}): {problem}")

    def _side(self, rule: ThemeRule, patterns: Iterable[str], kind: str, *, any_match: bool) -> _Side | None:
        usable = []
        for pattern in patterns:
            problem = validate_pattern(pattern)
            if problem is None:
                usable.append(pattern)
            else:
                self._error(rule, f"{kind} pattern {pattern!r} skipped: {problem}")
        try:
            return _compile_side(usable, any_match=any_match)
        except _REGEX_ERRORS as error:  # each pattern compiled alone; together they should too
            self._error(rule, f"{kind} patterns could not be combined ({error}); kept with IGNORECASE")
        kept: list[str] = []
        for pattern in usable:  # the slow way: add them one at a time, dropping any that still break
            try:
                combined = re.compile("|".join(f"(?:{p})" for p in [*kept, pattern]), re.IGNORECASE)
            except _REGEX_ERRORS as error:
                self._error(rule, f"{kind} pattern {pattern!r} skipped: {error}")
                continue
            kept.append(pattern)
        return _Side(None, combined) if kept else None

    def match(self, text: str) -> list[str]:
        """The slugs of the themes ``text`` is about, in taxonomy order. Never raises on text."""
        if not text:
            return []
        text = normalise_text(str(text))
        lowered = text.lower()
        found = []
        for theme in self._themes:
            if not theme.include.search(text, lowered):
                continue
            if theme.exclude is not None and not _survives_excludes(theme, text, lowered):
                continue
            found.append(theme.slug)
        return found

    def __len__(self) -> int:
        return len(self._themes)


def _survives_excludes(theme: _Theme, text: str, lowered: str) -> bool:
    """Whether an include of ``theme`` still matches once the text its excludes match is blanked."""
    assert theme.exclude is not None
    spans = theme.exclude.spans(text, lowered)
    if not spans:
        return True
    if len(lowered) != len(text):  # cannot happen after normalise_text; be safe rather than misalign
        return False
    chars, low_chars = list(text), list(lowered)
    for start, end in spans:  # blank with spaces: offsets and word boundaries stay as they were
        chars[start:end] = " " * (end - start)
        low_chars[start:end] = " " * (end - start)
    return theme.include.search("".join(chars), "".join(low_chars))
