"""Safe highlighting: the database marks hits with control characters, we escape the text, then mark it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\x02", "\x03"


def mark(text: str) -> SafeString:
    """Escape ``text`` (letter text may hold markup), then turn the sentinels into <mark> elements."""
    escaped = escape(text)
    opens, closes = escaped.count(START), escaped.count(STOP)
    if opens != closes or _misnested(escaped):
        # A sentinel that the letter's own text carried: show the text plainly rather than risk broken markup.
        return mark_safe(escaped.replace(START, "").replace(STOP, ""))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def _misnested(text: str) -> bool:
    depth = 0
    for char in text:
        if char == START:
            depth += 1
        elif char == STOP:
            depth -= 1
        if depth not in (0, 1):
            return True
    return depth != 0
