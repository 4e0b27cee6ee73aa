"""Tag a finding's text with the themes it is about, by include/exclude regex rules kept as data.

The starting taxonomy lives in ``data/themes.json``; curators will later edit the same rules in the admin,
so nothing here trusts a pattern: a bad one is skipped and named in ``ThemeMatcher.errors``.

Rule semantics, per theme: patterns are Python regexes matched case-insensitively against the finding's
text (typographic apostrophes and hyphens made plain, runs of white space made one space). A theme is
tagged when one of its ``include`` patterns matches once the text its ``exclude`` patterns match has been
blanked out: an exclude masks a known false-positive phrase ("missing important details"); it does not
veto the whole finding.

Speed (this runs on every finding of the archive) is the job of ``theme_patterns.py``, which compiles each theme's
includes and excludes into fast matchers that answer as the plain IGNORECASE alternation would, and of
``theme_prefilter.py``, which scans a finding once for every theme and says which patterns are worth running.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from letters.parsing.normalise import CharMap
from letters.parsing.theme_patterns import (
    REGEX_ERRORS,
    PatternSet,
    compile_one_at_a_time,
    compile_patterns,
    folded_alternatives,
)
from letters.parsing.theme_prefilter import COMPILE_AFTER, Scan, ThemePrefilter, ThemeSides

DATA_FILE = Path(__file__).with_name("data") / "themes.json"

# Letters write the same word with typographic apostrophes, non-breaking hyphens and odd spaces. The last
# three entries keep str.lower() aligned with IGNORECASE (and the lower-cased text as long as the original).
# fmt: off
_TYPOGRAPHY = CharMap(
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


# The ASCII characters _ODD_SPACE's [^\S ] matches: found by `in`, a fast search, where the regex tries every position.
_ODD_ASCII_SPACES = tuple(character for character in map(chr, range(128)) if _ODD_SPACE.match(character))


def normalise_text(text: str) -> str:
    """The text rules are matched against: straight apostrophes, plain hyphens, single spaces."""
    if not text.isascii():
        return _SPACES.sub(" ", _TYPOGRAPHY.apply(text))
    if "  " in text or any(space in text for space in _ODD_ASCII_SPACES):  # _ODD_SPACE.search(text)
        return _SPACES.sub(" ", text)
    return text


@dataclass(frozen=True)
class _Theme:
    slug: str
    include: PatternSet
    exclude: PatternSet | None


class ThemeMatcher:
    """Compile a taxonomy's rules once; ``match(text)`` gives the slugs of the themes a finding is about.
    ``prefilter_after``: the texts matched before the prefilter is compiled (``theme_prefilter.COMPILE_AFTER``); None
    runs every theme's patterns on every text (the answers are the same, only slower). ``prefilter_store``: where the
    prefilter's compiled database is kept between runs (``compiled_store.FolderStore``; see theme_prefilter.py)."""

    def __init__(
        self, rules: Iterable[ThemeRule], *, prefilter_after: int | None = COMPILE_AFTER, prefilter_store=None
    ):
        self.errors: list[str] = []
        self.slugs: list[str] = []
        self._themes: list[_Theme] = []
        sides: list[ThemeSides] = []
        seen: set[str] = set()
        for rule in rules:
            if rule.slug in seen:
                self.errors.append(f"theme '{rule.slug}' appears more than once; only the first is used")
                continue
            seen.add(rule.slug)
            include, include_alternatives = self._side(rule, rule.include, "include", any_match=True)
            exclude, exclude_alternatives = self._side(rule, rule.exclude, "exclude", any_match=False)
            if include is None:
                self._error(rule, "has no usable include pattern")
                continue
            self.slugs.append(rule.slug)
            self._themes.append(_Theme(rule.slug, include, exclude))
            sides.append(ThemeSides(include_alternatives, exclude_alternatives))
        # Compiled only once the matcher has had many texts: one made to validate rules or parse a letter never pays.
        self._prefilter = (
            None
            if prefilter_after is None
            else ThemePrefilter(sides, compile_after=prefilter_after, store=prefilter_store)
        )

    def _error(self, rule: ThemeRule, problem: str) -> None:
        self.errors.append(f"theme '{rule.name}' ({rule.slug}): {problem}")

    def _side(
        self, rule: ThemeRule, patterns: Iterable[str], kind: str, *, any_match: bool
    ) -> tuple[PatternSet | None, list[str] | None]:
        """The side's matcher (None: no pattern) and its folded alternatives for the prefilter (None: not
        prefiltered)."""
        usable = []
        for pattern in patterns:
            problem = validate_pattern(pattern)
            if problem is None:
                usable.append(pattern)
            else:
                self._error(rule, f"{kind} pattern {pattern!r} skipped: {problem}")
        try:
            return compile_patterns(usable, any_match=any_match), folded_alternatives(usable)
        except REGEX_ERRORS as error:  # each pattern compiled alone; together they should too
            self._error(rule, f"{kind} patterns could not be combined ({error}); kept with IGNORECASE")
        side, dropped = compile_one_at_a_time(usable)
        for pattern, problem in dropped:
            self._error(rule, f"{kind} pattern {pattern!r} skipped: {problem}")
        return side, None

    def match(self, text: str) -> list[str]:
        """The slugs of the themes ``text`` is about, in taxonomy order. Never raises on text."""
        if not text:
            return []
        text = normalise_text(str(text))
        lowered = text.lower()
        scan = self._prefilter.scan(lowered) if self._prefilter is not None else None
        if scan is None:
            return [theme.slug for theme in self._themes if _applies(theme, text, lowered)]
        # Only the themes the scan could not rule out (a few of the taxonomy's), in taxonomy order.
        themes = self._themes
        return [
            themes[index].slug
            for index in sorted(scan.includes)
            if _applies_after(scan, index, themes[index], text, lowered)
        ]

    def __len__(self) -> int:
        return len(self._themes)


def _applies(theme: _Theme, text: str, lowered: str) -> bool:
    if not theme.include.search(text, lowered):
        return False
    return theme.exclude is None or _survives_excludes(theme, text, lowered)


def _applies_after(scan: Scan, index: int, theme: _Theme, text: str, lowered: str) -> bool:
    """``_applies``, running only what the prefilter's ``scan`` could not rule out."""
    if index not in scan.includes:
        return False
    alternatives = scan.includes[index]
    if alternatives is None:
        if not theme.include.search(text, lowered):
            return False
    elif not any(alternative.search(lowered) for alternative in alternatives):
        return False
    return index not in scan.excludes or _survives_excludes(theme, text, lowered)


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
