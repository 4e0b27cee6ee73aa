"""Turn raw bytes into text: BOMs, UTF-8, UTF-16, cp1252 fallback, and one line-ending convention."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Every byte but the control characters a text never holds (tab, line feed, form feed and return are allowed).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13)))

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    verbatim: str  # exactly the file's characters: verbatim.encode(encoding) gives the bytes back
    encoding: str
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return normalise_newlines(self.verbatim)


def decode(raw: bytes) -> Decoded:
    """Decode ``raw`` without ever raising; say which encoding was used and what was lossy."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError:
                warnings.append(f"byte-order mark says {encoding} but the bytes are not valid {encoding}")
                break
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", tuple(warnings))
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
        warnings.append("not valid UTF-8: decoded as cp1252 (Windows-1252)")
        return Decoded(text, "cp1252", tuple(warnings))
    except UnicodeDecodeError:
        # cp1252 leaves five byte values undefined; latin-1 maps every byte, so nothing is dropped.
        text = raw.decode("latin-1")
        warnings.append("not valid UTF-8 or cp1252: decoded as ISO-8859-1")
        return Decoded(text, "latin-1", tuple(warnings))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters in the first 8 KB.

    UTF-16 and UTF-32 text (with its byte-order mark) is full of NUL bytes, so it is judged by its characters.
    """
    head = raw[:8192]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        chars = decode(head[: len(head) - len(head) % 4]).verbatim
        controls = sum(1 for c in chars if ord(c) < 32 and c not in "\t\n\f\r")
        return controls / max(len(chars), 1) > 0.05
    if b"\x00" in raw:  # anywhere: PostgreSQL cannot store NUL in text, and no letter holds one
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # the bytes left when all but the controls go
    return controls / len(head) > 0.05
