"""Check that a letter's mess kept its content: every finding's words appear, in order, in the raw text.

Both sides are reduced to word tokens after undoing what the noise may do without losing content: decoding,
NFKC (ligatures, no-break spaces), invisible characters, curly quotes, HTML tags, markers and punctuation,
hyphens (so "out-" + "of-hours" and pdftotext's "decisionmaking" both read as the hyphenated word). Between a
finding's words the raw text may hold a little else (a page number, a footer, a footnote), within ``slack``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_left

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"))
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_TAG = re.compile(r"<[^<>]{0,200}>")
_SPLIT_HYPHEN = re.compile(r"-[ \t]*\n\s*")
_TOKEN = re.compile(r"[a-z0-9']+")


def decode(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_QUOTES)
    text = _TAG.sub(" ", text.replace("\r\n", "\n"))
    text = _SPLIT_HYPHEN.sub("", text).replace("-", "").lower()
    return [t.strip("'") for t in _TOKEN.findall(text) if t.strip("'")]


class Located:
    """Where each finding's words sit in the letter's tokens."""

    def __init__(self, raw: bytes):
        self.words = tokens(decode(raw))
        self.index: dict[str, list[int]] = {}
        for position, word in enumerate(self.words):
            self.index.setdefault(word, []).append(position)

    def find(self, text: str, start: int = 0, slack: int = 100) -> int | None:
        """Position of the first word of ``text`` (its words in order within ``len + slack``), or None."""
        wanted = tokens(text)
        if not wanted:
            return start
        limit_span = len(wanted) + slack
        for first in self.index.get(wanted[0], ()):
            if first < start:
                continue
            position, ok = first, True
            for word in wanted[1:]:
                places = self.index.get(word)
                if not places:
                    return None
                at = bisect_left(places, position + 1)
                if at == len(places) or places[at] - first > limit_span:
                    ok = False
                    break
                position = places[at]
            if ok:
                return first
        return None


def missing_findings(raw: bytes, truth: dict, slack: int = 100) -> list[str]:
    """The finding texts (and scope items) not found, in order, in ``raw``; empty when all are there."""
    located = Located(raw)
    missing = []
    start = 0
    for finding in truth["findings"]:
        at = located.find(finding["text"], start, slack)
        if at is None:
            missing.append(finding["text"])
        else:
            start = at + 1
    for item in truth.get("scope", []):
        if located.find(item, 0, slack) is None:
            missing.append(item)
    return missing
