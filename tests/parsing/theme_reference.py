"""The obvious implementation of the theme rules, that the fast matcher (themes.py + theme_patterns.py) must agree
with: each theme's patterns as one IGNORECASE alternation, its excludes blanked out first."""

from __future__ import annotations

import re

from letters.parsing.themes import ThemeRule, normalise_text


def reference_match(rules: list[ThemeRule], text: str) -> list[str]:
    """The slugs of ``rules`` that ``text`` is about, the slow and obvious way."""
    text = normalise_text(text)
    found = []
    for rule in rules:
        include = re.compile("|".join(f"(?:{p})" for p in rule.include), re.IGNORECASE)
        if not include.search(text):
            continue
        if rule.exclude:
            exclude = re.compile("|".join(f"(?:{p})" for p in rule.exclude), re.IGNORECASE)
            chars = list(text)
            for hit in exclude.finditer(text):
                chars[hit.start() : hit.end()] = " " * (hit.end() - hit.start())
            if not include.search("".join(chars)):
                continue
        found.append(rule.slug)
    return found
