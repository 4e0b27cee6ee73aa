"""Character-level clean-up of decoded text: odd spaces, ligatures, HTML list debris and glyph bullets.

Everything here maps text to text and keeps the words; the line structure is rebuilt in ``lines.py``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping


class CharMap:
    """``str.translate`` for a table of single characters, done by ``str.replace`` one character at a time.

    The same string as ``text.translate(str.maketrans(mapping))``; but ``translate`` walks the text a character at a
    time in Python's slow path whenever the table maps outside Latin-1 (~400 µs for a 7 KB letter), while
    ``replace`` looks for each character with a fast search and copies only when it finds one (~1 µs). The
    replacements must not contain a character the map replaces, so that the order of the replacements cannot matter.
    """

    def __init__(self, mapping: Mapping[str, str]):
        for old, new in mapping.items():
            if len(old) != 1 or any(character in mapping for character in new):
                raise ValueError(f"CharMap: {old!r} -> {new!r} is not a one-character replacement by other characters")
        self.mapping = dict(mapping)
        self._pairs = tuple(self.mapping.items())

    def apply(self, text: str) -> str:
        for old, new in self._pairs:
            if old in text:
                text = text.replace(old, new)
        return text


# Glyphs that converters leave as bullet markers (U+F0xx are Symbol/Wingdings private-use glyphs).
BULLET_GLYPHS = "•▪◼■●◦○►▶➢➤✓✔❖♦◆□▫➔→" + "".join(chr(c) for c in range(0xF000, 0xF100))
NORMAL_MARKER = "•"

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# The two classes above as character maps: the same text (each character of a class replaced on its own), found by
# plain search (~5 µs a letter) instead of a class test at every character (~75 µs each, measured on the bench
# letters; tests/parsing/test_regex_equivalents.py compares them).
_ODD_SPACES = CharMap(dict.fromkeys("\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\t", " "))
_INVISIBLES = CharMap(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""))
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Typographic quotes become plain ones, so that "children’s" and "children's" read, search and compare alike.
_QUOTES = CharMap({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_HTML_HINT = re.compile(r"</?(?:ul|ol|li|p|br|div|span|b|i|em|strong|font|table|tr|td)\b[^<>]{0,300}>", re.I)
_HTML_LI = re.compile(r"<li\b[^<>]{0,300}>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}\b[^<>]{0,300}/?>")
_GLYPH_CLASS = "[" + re.escape(BULLET_GLYPHS) + "]"
_MIDLINE_GLYPH = re.compile(r"(?<=\S)[ ]*" + _GLYPH_CLASS + r"[ ]*(?=\S)")
_LINE_GLYPH = re.compile(r"^[ ]*" + _GLYPH_CLASS + r"[ ]*", re.M)
_ANY_GLYPH = re.compile(_GLYPH_CLASS)

# Section headings that a converter glued to the end of the previous sentence.
# (The sentence's last mark is matched, not looked behind at: a pattern that starts with a character class lets the
# regex engine skip every other position at once. The replacement puts the mark back.)
_WHAT_NEEDS = "What needs to improve in this area of social work practice"  # "?" after it or not
_STUCK_HEADINGS = (
    "Strengths", "Areas for development", "Areas for priority action", "Satisfactory practice", "Headline findings",
    "Main findings", "Findings", "Overview", _WHAT_NEEDS,
)  # fmt: skip
# Headings that a converter ran into their first bullet on the same line: "Strengths - Capacity in ...".
_LEADING_HEADINGS = (
    "Strengths", "Areas for development", "Areas for priority action", "Satisfactory practice",
    "The service meets the requirements of statutory guidance in the following areas", _WHAT_NEEDS,
)  # fmt: skip


def _alternatives(headings: tuple[str, ...]) -> str:
    return "|".join(re.escape(heading) + (r"\??" if heading == _WHAT_NEEDS else "") for heading in headings)


_STUCK_HEADING = re.compile(r"([.:;!?])[ ]+((?:" + _alternatives(_STUCK_HEADINGS) + r"))[ ]*$", re.M)
_HEADING_THEN_BULLET = re.compile(
    r"^((?:" + _alternatives(_LEADING_HEADINGS) + r"))[ ]+(?:[-–]|" + _GLYPH_CLASS + r")[ ]+", re.M
)


def collapse_whitespace(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)``, the same string (``str.split`` and ``re``'s ``\\s`` agree on what is white
    space), made by ``str.split`` and ``join``: ~15 times faster on a page of text, where every space is a match."""
    parts = text.split()
    if not parts:
        return " " if text else ""
    collapsed = " ".join(parts)
    if text[0].isspace():
        collapsed = " " + collapsed
    if text[-1].isspace():
        collapsed += " "
    return collapsed


def normalise_characters(text: str) -> str:
    """Odd spaces to spaces, invisible characters out, ligatures spelt out, typographic quotes made plain."""
    text = _INVISIBLES.apply(text)  # _INVISIBLE.sub("", text)
    text = _ODD_SPACES.apply(text)  # _SPACES.sub(" ", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return _QUOTES.apply(text)


def strip_html_debris(text: str) -> str:
    """Turn list markup left by HTML converters into plain bulleted lines; other tags become line breaks."""
    if not _HTML_HINT.search(text):
        return text
    text = _HTML_LI.sub(f"\n{NORMAL_MARKER} ", text)
    text = _HTML_TAG.sub("\n", text)
    return html.unescape(text)


def split_glyph_bullets(text: str) -> str:
    """Give each glyph-marked bullet its own line with one normal marker (``a.▪ b`` -> two lines).

    Only the lines that hold a glyph are rewritten: neither rewrite reaches past its line (``[ ]`` and ``\\S`` never
    match a line break, and a lookbehind at a line's start sees none), and each tries every position it is given, so
    a fast scan for the glyphs finds the few lines to give them (~125 -> ~20 µs a letter)."""
    starts = {text.rfind("\n", 0, glyph.start()) + 1 for glyph in _ANY_GLYPH.finditer(text)}
    return _rewrite_lines(text, starts, _split_glyph_line)


def _split_glyph_line(line: str) -> str:
    return _LINE_GLYPH.sub(f"{NORMAL_MARKER} ", _MIDLINE_GLYPH.sub(f"\n{NORMAL_MARKER} ", line))


# pdftotext drops the hyphen of a compound split at a line end ("decision-" / "making" -> "decisionmaking").
# Only compounds that letters use and that are never written solid are restored.
_SOLID_COMPOUNDS = {
    "decision": ("making",),
    "information": ("sharing", "gathering"),
    "pre": ("proceedings", "birth", "school"),
    "multi": ("agency", "disciplinary", "professional"),
    "inter": ("agency",),
    "time": ("specific", "limited", "bound"),
    "high": ("quality", "risk"),
    "child": ("focused", "centred", "centered", "led"),
    "long": ("term", "standing"),
    "short": ("term",),
    "non": ("compliance", "engagement", "attendance"),
}
# The lookahead on the first letters adds no condition (the alternation starts with one of them); it lets the regex
# engine skip every other position at once rather than try eleven words there.
_FIRST_LETTERS = "".join(sorted({c for word in _SOLID_COMPOUNDS for c in (word[0].lower(), word[0].upper())}))
_DROPPED_HYPHEN = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])("
    + "|".join(_SOLID_COMPOUNDS)
    + r")("
    + "|".join({s for v in _SOLID_COMPOUNDS.values() for s in v})
    + r")\b",
    re.I,
)


# Each compound as the dropped hyphen leaves it, lower case: only a text that holds one is rewritten (below).
_SOLID_SPELLINGS = tuple(first + second for first, seconds in _SOLID_COMPOUNDS.items() for second in seconds)


def restore_dropped_hyphens(text: str) -> str:
    # A compound is restored only where its two words, lower-cased, are one of the pairs above, so the lower-cased
    # text holds its spelling: most letters hold none, which that tells in ~60 µs where the regex took ~170.
    lowered = text.lower()
    if not any(spelling in lowered for spelling in _SOLID_SPELLINGS):
        return text

    def fix(match: re.Match) -> str:
        # IGNORECASE also matches "ı", "İ", "ſ" and the Kelvin sign to ASCII letters: such a word is left as it is.
        first, second = match.group(1), match.group(2)
        return f"{first}-{second}" if second.lower() in _SOLID_COMPOUNDS.get(first.lower(), ()) else match.group(0)

    return _DROPPED_HYPHEN.sub(fix, text)


def unstick_headings(text: str) -> str:
    """Put a heading glued to the sentence before it, or to its first bullet, on a line of its own.

    Each rewrite's matches lie within a line (``[ ]`` never matches a line break, and ``^``/``$`` match at a line's
    ends), so only the lines that hold one of the headings where a match needs it (after a space, or at the line's
    start) are given to the regex: found by plain search, ~10 µs a letter, where each regex tried every position of
    the text (~150 µs each, measured on the bench letters)."""
    stuck = _line_starts(text, [" " + heading for heading in _STUCK_HEADINGS])
    text = _rewrite_lines(text, stuck, lambda line: _STUCK_HEADING.sub(r"\1\n\2", line))
    leading = _line_starts(text, ["\n" + heading for heading in _LEADING_HEADINGS])
    if text.startswith(_LEADING_HEADINGS):
        leading.add(0)
    return _rewrite_lines(text, leading, lambda line: _HEADING_THEN_BULLET.sub(rf"\1\n{NORMAL_MARKER} ", line))


def _line_starts(text: str, needles: list[str]) -> set[int]:
    """Where the lines that hold any of ``needles`` start (a needle's leading line break is its line's start)."""
    starts = set()
    for needle in needles:
        found = text.find(needle)
        while found >= 0:
            starts.add(text.rfind("\n", 0, found + 1) + 1)
            found = text.find(needle, found + 1)
    return starts


def _rewrite_lines(text: str, starts: set[int], rewrite: Callable[[str], str]) -> str:
    """``text`` with the lines that start at ``starts`` rewritten (each without its line break): for rewrites that never
    reach past a line, given only the lines that can hold a match."""
    if not starts:
        return text
    pieces: list[str] = []
    done = 0  # the text before this is in pieces
    for start in sorted(starts):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        pieces += (text[done:start], rewrite(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def normalise(text: str) -> str:
    """All character-level clean-ups, in order."""
    text = normalise_characters(text).replace("\f", "\f\n")  # a page's first line starts a line of its own
    text = strip_html_debris(text)
    text = split_glyph_bullets(text)
    text = restore_dropped_hyphens(text)
    return unstick_headings(text)
