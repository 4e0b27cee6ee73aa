"""Tag a finding's text with the themes it is about, by include/exclude regex rules kept as data.

The starting taxonomy lives in ``data/themes.json``; curators will later edit the same rules in the admin,
so nothing here trusts a pattern to compile: a bad pattern is skipped and named in ``ThemeMatcher.errors``.

Rule semantics, per theme: patterns are Python regexes matched case-insensitively against the finding's
text (typographic apostrophes and hyphens made plain, runs of white space made one space). A theme is
tagged when one of its ``include`` patterns matches once the text its ``exclude`` patterns match has been
blanked out: an exclude masks a known false-positive phrase ("missing important details"); it does not
veto the whole finding. Each theme's includes are compiled into one alternation, its excludes into
another, once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "themes.json"
FLAGS = re.IGNORECASE

# Letters write the same word with typographic apostrophes, non-breaking hyphens and odd spaces.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_SPACES = re.compile(r"\s+")
_PROBE = "Zq, 12 xv!"  # no theme pattern should match this, let alone with zero width


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
    try:
        compiled = re.compile(pattern, FLAGS)
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
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY))


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


@dataclass(frozen=True)
class _Compiled:
    slug: str
    include: re.Pattern[str]
    exclude: re.Pattern[str] | None


class ThemeMatcher:
    """Compile a taxonomy's rules once; ``match(text)`` gives the slugs of the themes a finding is about."""

    def __init__(self, rules: Iterable[ThemeRule]):
        self.errors: list[str] = []
        self.slugs: list[str] = []
        self._themes: list[_Compiled] = []
        seen: set[str] = set()
        for rule in rules:
            if rule.slug in seen:
                self.errors.append(f"theme '{rule.slug}' appears more than once; only the first is used")
                continue
            seen.add(rule.slug)
            include = _alternation(self._usable(rule, rule.include, "include"))
            exclude = _alternation(self._usable(rule, rule.exclude, "exclude"))
            if include is None:
                self.errors.append(f"theme '{rule.name}' ({rule.slug}) has no usable include pattern")
                continue
            self.slugs.append(rule.slug)
            self._themes.append(_Compiled(rule.slug, include, exclude))

    def _usable(self, rule: ThemeRule, patterns: Iterable[str], kind: str) -> list[str]:
        usable = []
        for pattern in patterns:
            problem = validate_pattern(pattern)
            if problem is None:
                try:  # the pattern compiles alone; make sure it also compiles inside an alternation
                    re.compile(f"(?:{pattern})|x", FLAGS)
                except (re.error, RecursionError, OverflowError, ValueError) as error:
                    problem = f"not usable inside an alternation: {error}"
            if problem is None:
                usable.append(pattern)
            else:
                self.errors.append(f"theme '{rule.name}' ({rule.slug}): {kind} pattern {pattern!r} skipped: {problem}")
        return usable

    def match(self, text: str) -> list[str]:
        """The slugs of the themes ``text`` is about, in taxonomy order. Never raises on text."""
        if not text:
            return []
        text = normalise_text(str(text))
        found = []
        for theme in self._themes:
            if theme.include.search(text) is None:
                continue
            if theme.exclude is not None and not _outside_excludes(theme, text):
                continue
            found.append(theme.slug)
        return found

    def __len__(self) -> int:
        return len(self._themes)


def _outside_excludes(theme: _Compiled, text: str) -> bool:
    """Whether an include of ``theme`` still matches once the text its excludes match is blanked."""
    assert theme.exclude is not None
    spans = [m.span() for m in theme.exclude.finditer(text) if m.end() > m.start()]
    if not spans:
        return True
    chars = list(text)
    for start, end in spans:  # blank with spaces: offsets and word boundaries stay as they were
        chars[start:end] = " " * (end - start)
    return theme.include.search("".join(chars)) is not None
