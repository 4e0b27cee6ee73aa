"""How wide a line of text was on the page, estimated from its characters.

Text converted from PDF (pdftotext) keeps the page's line breaks but not the positions: whether a paragraph ended
at a line, or the next word just did not fit, depends on the printed width of the words. Ofsted sets its letters in
Tahoma, a proportional font, so counting characters misjudges it ("Illegally" and "WWWW" differ by half). The widths
here are Tahoma's advance widths in thousandths of the font size (the font's published metrics, as PDF readers
report them); other sans-serif faces (Arial in older letters) scale close enough for the comparison, which is
always between lines of the same letter.
"""

from __future__ import annotations

from itertools import repeat

_WIDTHS = {
    " ": 313, "!": 332, '"': 401, "%": 977, "&": 681, "'": 216, "(": 383, ")": 383, "*": 558, "+": 729,
    ",": 303, "-": 360, ".": 303, "/": 377, ":": 349, ";": 350, "?": 472, "@": 929,
    "A": 600, "B": 589, "C": 601, "D": 678, "E": 561, "F": 521, "G": 667, "H": 679, "I": 373, "J": 417,
    "K": 588, "L": 498, "M": 771, "N": 669, "O": 708, "P": 551, "Q": 708, "R": 621, "S": 559, "T": 580,
    "U": 659, "V": 600, "W": 902, "X": 596, "Y": 579, "Z": 561,
    "a": 525, "b": 553, "c": 461, "d": 553, "e": 526, "f": 318, "g": 553, "h": 558, "i": 229, "j": 282,
    "k": 498, "l": 229, "m": 840, "n": 558, "o": 543, "p": 553, "q": 553, "r": 360, "s": 446, "t": 334,
    "u": 558, "v": 498, "w": 742, "x": 495, "y": 498, "z": 444,
    "‘": 210, "’": 210, "“": 401, "”": 401, "–": 549, "—": 1000, "•": 457, "£": 549,
}  # fmt: skip
_WIDTHS.update(dict.fromkeys("0123456789", 549))
_DEFAULT = 549  # an average letter's width, for characters outside the table


def text_width(text: str) -> int:
    """The printed width of ``text`` in thousandths of the font size."""
    return sum(map(_WIDTHS.get, text, repeat(_DEFAULT, len(text))))
