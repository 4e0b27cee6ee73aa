"""Conversion mess: which kinds a letter gets, and the small functions that make each kind.

Kinds fall in four stages. Block stage: ``ocr`` (slips in boilerplate words, never in findings or key words).
Layout stage (``layout.Style``): ``hard_wrap``, ``page_break``, ``form_feed``, ``page_number``,
``investor_in_people``, ``running_footer``, ``hyphen_break``, ``dehyphenate``, ``lost_markers``,
``marker_alone``, ``glyph_markers``, ``indented_continuation``, ``run_together_header``, ``html_list``,
``stuck_heading``, ``heading_bullet``, ``markdown_bold``, ``footnote``. Text stage: ``curly_quotes``,
``ligatures``, ``trailing_spaces``, ``odd_spaces``. Byte stage: ``crlf``, ``bom``, ``cp1252``, ``utf16``.

The truth never passes through here. ``choose`` draws a letter's kinds: ``"realistic"`` (per-kind
probabilities by era), ``"heavy"`` (higher ones), ``"none"`` (clean text, one paragraph per line), or an
explicit collection of kind names (exactly those, with what they imply; contradictory sets raise ValueError).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from random import Random

from letters.synthetic.document import Block, Kind
from letters.synthetic.layout import Style

BLOCK_KINDS = ("ocr",)
LAYOUT_KINDS = (
    "hard_wrap",
    "page_break",
    "form_feed",
    "page_number",
    "investor_in_people",
    "running_footer",
    "hyphen_break",
    "dehyphenate",
    "lost_markers",
    "marker_alone",
    "glyph_markers",
    "indented_continuation",
    "run_together_header",
    "html_list",
    "stuck_heading",
    "heading_bullet",
    "markdown_bold",
    "footnote",
)
TEXT_KINDS = ("curly_quotes", "ligatures", "trailing_spaces", "odd_spaces")
BYTE_KINDS = ("crlf", "bom", "cp1252", "utf16")
ALL_KINDS = BLOCK_KINDS + LAYOUT_KINDS + TEXT_KINDS + BYTE_KINDS

NEEDS_WRAP = frozenset(("dehyphenate", "indented_continuation", "form_feed"))
NEEDS_UNWRAPPED = frozenset(("html_list", "stuck_heading", "heading_bullet"))
NEEDS_PAGES = frozenset(("page_number", "investor_in_people", "running_footer", "hyphen_break", "form_feed"))

GLYPHS = ("\u25fc ", "\u25aa ", "\u2022 ", "\uf0b7 ", "\uf0a7 ", "\uf06e ")
DASHES = ("- ", "- ", "- ", "- ", "\u2013 ", "* ")


def _probabilities(fmt: str, wrapped: bool) -> dict[str, float]:
    cra = fmt == "cra"
    old = cra or fmt == "sif_monitoring"
    return {
        "page_break": 0.9,
        "form_feed": 0.8 if wrapped else 0.0,
        "page_number": 0.5,
        "investor_in_people": 0.3 if old else 0.02,
        "running_footer": 0.06,
        "hyphen_break": 0.15,
        "dehyphenate": 0.85 if wrapped else 0.0,
        "lost_markers": 0.1,
        "marker_alone": 0.07,
        "glyph_markers": 0.85 if wrapped else 0.25,
        "indented_continuation": 0.1 if wrapped else 0.0,
        "run_together_header": 0.3 if cra else 0.05,
        "html_list": 0.0 if wrapped else 0.3,
        "stuck_heading": 0.0 if wrapped else 0.12,
        "heading_bullet": 0.0 if wrapped else (0.25 if cra else 0.05),
        "markdown_bold": 0.04,
        "footnote": 0.9,
        "ocr": 0.12,
        "curly_quotes": 0.2 if cra else 0.75,
        "ligatures": 0.05,
        "trailing_spaces": 0.15,
        "odd_spaces": 0.05,
        "crlf": 0.1,
        "bom": 0.07,
        "cp1252": 0.06,
        "utf16": 0.02,
    }


def _draw(rng: Random, fmt: str, heavy: bool) -> set[str]:
    wrapped = rng.random() < (0.35 if fmt == "cra" else 0.85)
    chosen = {"hard_wrap"} if wrapped else set()
    for kind, p in _probabilities(fmt, wrapped).items():
        if heavy and p > 0:
            p = min(0.9, p * 2.5)
        if rng.random() < p:
            chosen.add(kind)
    if chosen & NEEDS_PAGES:
        chosen.add("page_break")
    if "cp1252" in chosen:
        chosen -= {"bom", "utf16"}
        chosen.add("curly_quotes")
    if "utf16" in chosen:
        chosen.discard("bom")
    return chosen


def _explicit(kinds: Iterable[str]) -> set[str]:
    chosen = set(kinds)
    unknown = chosen - set(ALL_KINDS)
    if unknown:
        raise ValueError(f"unknown noise kinds: {sorted(unknown)}")
    if chosen & NEEDS_WRAP:
        chosen.add("hard_wrap")
    if "hard_wrap" in chosen and chosen & NEEDS_UNWRAPPED:
        raise ValueError(f"{sorted(chosen & NEEDS_UNWRAPPED)} need unwrapped text; they exclude hard_wrap")
    if chosen & NEEDS_PAGES:
        chosen.add("page_break")
    if "cp1252" in chosen and chosen & {"bom", "utf16"} or {"bom", "utf16"} <= chosen:
        raise ValueError("choose one of cp1252, bom (UTF-8) and utf16")
    if "cp1252" in chosen:
        chosen.add("curly_quotes")
    return chosen


def choose(rng: Random, fmt: str, noise) -> tuple[set[str], bool]:
    """The kinds for one letter, and whether they were forced (explicit) rather than drawn."""
    if noise is None or noise == "none":
        return set(), False
    if noise in ("realistic", "heavy"):
        return _draw(rng, fmt, noise == "heavy"), False
    if isinstance(noise, str):
        raise ValueError(f"noise must be 'realistic', 'heavy', 'none' or a collection of kinds, not {noise!r}")
    return _explicit(noise), True


def style_for(rng: Random, kinds: set[str], forced: bool) -> Style:
    """The layout choices for a letter with these kinds."""
    share = (lambda: 0.5) if forced else (lambda: rng.uniform(0.2, 1.0))
    wrapped = "hard_wrap" in kinds
    style = Style(
        width=rng.randint(78, 92) if wrapped else None,
        gap=(not wrapped) or rng.random() < 0.15,
        heading_gap=rng.random() < 0.2,
        marker=rng.choice(GLYPHS) if "glyph_markers" in kinds else rng.choice(DASHES),
        lost_markers=share() if "lost_markers" in kinds else 0.0,
        lost_marker_space=rng.random() < 0.5,
        marker_alone=(0.5 if forced else rng.uniform(0.3, 1.0)) if "marker_alone" in kinds else 0.0,
        indent_continuation="indented_continuation" in kinds,
        run_together="run_together_header" in kinds,
        formfeed="form_feed" in kinds,
        page_numbers="page_number" in kinds,
        investor="investor_in_people" in kinds,
        footer=rng.choice(("page_of", "dashes")) if "running_footer" in kinds else "",
        break_blanks=rng.randint(2, 4),
        hyphen_break="hyphen_break" in kinds,
        dehyphenate=(1.0 if forced else rng.uniform(0.7, 1.0)) if "dehyphenate" in kinds else 0.0,
        html_list=(0.5 if forced else rng.uniform(0.4, 1.0)) if "html_list" in kinds else 0.0,
        stuck_heading=0.5 if "stuck_heading" in kinds else 0.0,
        heading_bullet=0.6 if "heading_bullet" in kinds else 0.0,
        markdown_bold="markdown_bold" in kinds,
        footnote="footnote" in kinds,
        force=frozenset(kinds) if forced else frozenset(),
    )
    if "page_break" in kinds:
        style.page_every = rng.randint(46, 54) if wrapped else rng.randint(3200, 4200)
    return style


# --- block stage: OCR slips ------------------------------------------------------------------------------

_SLIPS = (("rn", "m"), ("m", "rn"), ("g", "q"), ("cl", "d"), ("li", "h"), ("e", "c"), ("t", "l"), ("ff", "f"))
_KEY_WORDS = frozenset(
    (
        "inadequate",
        "monitoring",
        "focused",
        "inspection",
        "unannounced",
        "framework",
        "referral",
        "contact",
        "assessment",
        "inspector",
        "inspectors",
        "majesty's",
        "judged",
        "visit",
        "children's",
        "services",
        "sincerely",
        "copying",
        "ofsted",
        "department",
        "education",
        "safeguarding",
    )
)
_WORD = re.compile(r"[A-Za-z][a-z]{4,}")


def ocr_slip(word: str, rng: Random) -> str:
    options = [(a, b) for a, b in _SLIPS if a in word[1:]]
    if not options:
        return word
    a, b = rng.choice(options)
    at = word.find(a, 1)
    return word[:at] + b + word[at + len(a) :]


def ocr(blocks: list[Block], rng: Random, rate: float = 0.05, ensure: bool = False) -> bool:
    """Slip letters in boilerplate paragraphs and the letterhead's e-mail addresses; True when any slipped.
    With ``ensure``, a letter whose words all escaped gets one slip in its first boilerplate paragraph."""
    if ensure and not _ocr_pass(blocks, rng, rate):
        return _ocr_pass(blocks, rng, 1.0, once=True)
    return ensure or _ocr_pass(blocks, rng, rate)


def _ocr_pass(blocks: list[Block], rng: Random, rate: float, once: bool = False) -> bool:
    slipped = False

    def slip(match: re.Match) -> str:
        nonlocal slipped
        word = match.group(0)
        if word.lower() in _KEY_WORDS or (once and slipped) or rng.random() >= rate:
            return word
        new = ocr_slip(word, rng)
        slipped = slipped or new != word
        return new

    for block in blocks:
        if block.ocr:
            block.text = _WORD.sub(slip, block.text)
        elif block.kind == Kind.FURNITURE and not once:
            block.lines = [
                line.replace("Safeguarding.", "Safequarding.")
                if line.startswith("Safeguarding.") and rng.random() < 0.5
                else line
                for line in block.lines
            ]
            slipped = slipped or any(line.startswith("Safequarding.") for line in block.lines)
    return slipped


# --- text stage -----------------------------------------------------------------------------------------

_INNER_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")
_OPENING_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(]))'(?=\w)", re.M)


def curl(line: str) -> str:
    if line.startswith("<"):
        return line
    line = _INNER_APOSTROPHE.sub("\u2019", line)
    line = _OPENING_QUOTE.sub("\u2018", line)
    return line.replace("'", "\u2019")


def curly_quotes(text: str, rng: Random) -> str:
    """Typographic apostrophes and quotes: everywhere, or on most lines only (mixed, as some letters are)."""
    if rng.random() < 0.75:
        return curl(text) if "\n<" not in text else "\n".join(curl(line) for line in text.split("\n"))
    return "\n".join(curl(line) if rng.random() < 0.7 else line for line in text.split("\n"))


def ligatures(text: str, rng: Random) -> str:
    rate = rng.uniform(0.3, 1.0)
    parts = re.split(r"(fi|fl)", text)
    for i in range(1, len(parts), 2):
        if rng.random() < rate:
            parts[i] = "\ufb01" if parts[i] == "fi" else "\ufb02"
    return "".join(parts)


def trailing_spaces(text: str, rng: Random) -> str:
    return "\n".join(
        line + rng.choice((" ", " ", "  ", "   ")) if line and rng.random() < 0.35 else line
        for line in text.split("\n")
    )


def odd_spaces(text: str, rng: Random) -> str:
    """No-break spaces between some words; zero-width spaces and soft hyphens inside a few words."""
    out = []
    for piece in text.split(" "):
        if len(piece) > 7 and piece.isalpha() and rng.random() < 0.01:
            at = rng.randint(2, len(piece) - 3)
            piece = piece[:at] + rng.choice(("\u200b", "\u00ad")) + piece[at:]
        out.append(piece)
    joined = []
    for index, piece in enumerate(out):
        if index:
            joined.append("\u00a0" if rng.random() < 0.03 else " ")
        joined.append(piece)
    return "".join(joined)


TEXT_FUNCTIONS = {
    "curly_quotes": curly_quotes,
    "ligatures": ligatures,
    "odd_spaces": odd_spaces,
    "trailing_spaces": trailing_spaces,
}


def apply_text(text: str, kinds: set[str], rng: Random) -> str:
    for kind in TEXT_KINDS:
        if kind in kinds:
            text = TEXT_FUNCTIONS[kind](text, rng)
    return text


# --- byte stage -----------------------------------------------------------------------------------------

_CP1252_MAP = str.maketrans(
    {
        "\u25fc": "\u2022",
        "\u25aa": "\u2022",
        "\uf0b7": "\u2022",
        "\uf0a7": "\u2022",
        "\uf06e": "\u2022",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\u200b": None,
    }
)


def encode(text: str, kinds: set[str]) -> bytes:
    if "crlf" in kinds:
        text = text.replace("\n", "\r\n")
    if "cp1252" in kinds:
        return text.translate(_CP1252_MAP).encode("cp1252", errors="replace")
    if "utf16" in kinds:
        return text.encode("utf-16")
    if "bom" in kinds:
        return text.encode("utf-8-sig")
    return text.encode("utf-8")
