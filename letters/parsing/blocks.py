"""Rebuild a letter's logical blocks (header lines, paragraphs, bullets, headings) from its physical lines.

Conversions hard-wrap paragraphs (pdftotext), put a paragraph on one line (HTML), split sentences across
page breaks, leave page furniture between them and lose bullet markers. The rules here are for that whole
family: a line joins the one before when the break was a wrap (the next word would not have fitted) or
when the sentence plainly runs on (no full stop, lower-case start, a dangling 'the').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from letters.parsing import anchored
from letters.parsing.anchored import Anchor
from letters.parsing.headings import heading_section
from letters.parsing.linewidth import text_width
from letters.parsing.normalise import NORMAL_MARKER, collapse_whitespace

HEADER, SALUTATION, PARA, BULLET, HEADING = "header", "salutation", "para", "bullet", "heading"
# Why a block is set aside (``Block.set_aside``): never a finding, always listed in the parse report.
BOILERPLATE, FOOTNOTE, PAGE_FURNITURE, UNPLACED = "boilerplate", "footnote", "page_furniture", "unplaced"

# A line that is page furniture, whole: a page number, Ofsted's address and contacts, a reference. Split in two so
# that most lines are tried against few alternatives: the short ones (none longer than SHORT_FURNITURE_CHARS, which a
# test checks) only on lines that short, the rest (a name of the address with anything after it, an address with
# no space) on every line. A line is furniture when either matches, as when they were one alternation.
_SHORT_FURNITURE = re.compile(
    r"^(?:"
    r"\d{1,3}|page \d{1,3}(?: of \d{1,3})?|[-–] ?\d{1,3} ?[-–]|investors? in people|"
    r"ofsted|store street|manchester m1 2wd|redcliffe way|bristol bs1 6nl|"
    r"125 kingsway|london wc2b 6se|st ann'?s square|"
    r"manchester m2 7la|agora|6 cumberland place|nottingham ng1 6hj|clive house|70 petty france|"
    r"(?:direct )?[tf]:? ?\+?[\d ]{9,16}|(?:direct )?(?:tel|fax|telephone|textphone|minicom)\.?:? ?\+?[\d ]{6,16}|"
    r"(?:© )?crown copyright.{0,40}|(?:our |your )?ref(?:erence)?(?: no\.?| number)?[:.] ?\S{2,20}"
    r")$",
    re.I,
)
SHORT_FURNITURE_CHARS = 60
_LONG_FURNITURE = re.compile(
    r"^(?:piccadilly gate.*|freshford house.*|aviation house.*|royal exchange buildings.*|"
    r"\S+@ofsted\.gov\.uk|(?:https?://)?www\.(?:gov\.uk/)?ofsted(?:\.gov\.uk)?\S*)$",
    re.I,
)
_OFSTED_ADDRESS_RUN = re.compile(
    r"(?:freshford house|piccadilly gate|aviation house|royal exchange buildings|@ofsted\.gov\.uk|"
    r"www\.ofsted|gov\.uk/ofsted)",
    re.I,
)
# Every _OFSTED_ADDRESS_RUN match is one of these, lower-cased (anchored.py: found by plain search).
_OFSTED_ADDRESS_WORDS = tuple(
    Anchor(words, lower=True)
    for words in (
        "freshford house", "piccadilly gate", "aviation house", "royal exchange buildings", "@ofsted.gov.uk",
        "www.ofsted", "gov.uk/ofsted",
    )
)  # fmt: skip
_BREAKING_PART = re.compile(r"[^ -]*-?")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_THREE_WORDS = re.compile(r"[a-z]{4,} [a-z]{4,} [a-z]{4,}")
_SALUTATION = re.compile(r"^Dear\b", re.I)
_DASH_BULLET = re.compile(r"^(?:[-–—*]|o(?= +\S))\s+(?=\S)")  # "o" is no English word: a bullet, whatever the case
# The first characters _DASH_BULLET matches (a test tries every one): other lines are not tried against it.
_DASH_BULLET_STARTS = frozenset("-–—*o")
_MARKER_ONLY = re.compile(r"^(?:[-–—*o•]|\d{1,2}[.)])$")
MARKER_ONLY_CHARS = 3  # the longest line _MARKER_ONLY matches ("12."): longer lines are not tried against it
_TERMINAL = re.compile(r"[.!?:;][\"'’”)\]]*\d{0,2}$")  # what ends_with_terminal tells, read from the end
_SENTENCE_MARKS = ".!?:;"
_TERMINAL_BACKWARDS = re.compile(
    r"\n?\d{0,2}[\"'’”)\]]*[.!?:;]"
)  # _TERMINAL on the reversed text, matched at its start
_FUNCTION_WORDS = frozenset(
    "a an the of to in on for and or but with by from as at that which who whose than into onto upon their "
    "its his her our your this these those be been being is are was were has have had not no all some any "
    "more most such very so when where while whether both either neither between about across after before "
    "through within without under over including because although though if".split()
)


@dataclass
class Block:
    kind: str
    lines: list[str] = field(default_factory=list)
    followed_by_break: bool = False
    widest_line: int = 0
    guessed_boundaries: int = 0  # line breaks inside or before the block that the text could not tell (full lines)
    set_aside: str = ""  # why the block is kept out of the findings ("footnote", "page_furniture", …), or ""
    measured: tuple[int, int] = (0, 0)  # (lines measured so far, the widest of them): see _widest_earlier_line

    @cached_property
    def text(self) -> str:
        """The block's lines joined; read only once the block is complete."""
        return join_lines(self.lines)


def join_lines(lines: list[str]) -> str:
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        last = parts[-1] if parts else ""
        if len(last) >= 2 and last[-1] == "-" and last[-2].isalpha() and line[:1].islower():
            parts[-1] = last + line  # a word split at its hyphen by a page or line break: "out-" + "of-hours"
        else:
            parts.append(line)
    return collapse_whitespace(" ".join(parts)).strip()


def is_furniture(line: str) -> bool:
    line = line.strip()
    if (len(line) <= SHORT_FURNITURE_CHARS and _SHORT_FURNITURE.match(line)) or _LONG_FURNITURE.match(line):
        return True
    # Ofsted's address block run together on one line by a converter. (The address's names are looked for first, by
    # plain search: most lines hold none. Looking for three long words in a row first cost four times as much.)
    return (
        len(line) < 260
        and anchored.holds(line, _OFSTED_ADDRESS_WORDS)
        and not _THREE_WORDS.search(line)
        and anchored.search(_OFSTED_ADDRESS_RUN, line, _OFSTED_ADDRESS_WORDS) is not None
        and not ends_with_terminal(line)
    )


def ends_sentence(text: str) -> bool:
    return ends_with_terminal(text.rstrip())


def ends_with_terminal(text: str) -> bool:
    """``_TERMINAL.search(text) is not None``: a sentence's mark, closing quotes or brackets, at most two digits (a
    note's number), then the end (or a last line break). Told by the last character for most lines, else read back
    from the end: the search tried the pattern at every character of the line (~150 lines a letter)."""
    last = text[-1:]
    if not last or last.isalpha():  # a letter is no mark, closing mark, digit or line break
        return False
    if last in _SENTENCE_MARKS:
        return True
    return _TERMINAL_BACKWARDS.match(text[::-1]) is not None


def runs_on(previous: str, following: str) -> bool:
    """True when ``following`` plainly continues the sentence that ``previous`` leaves unfinished."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following or ends_sentence(previous):
        return False
    first = following[0]
    if first.islower() or (first == "(" and following[1:2].islower()):
        return True
    if previous[-1] in "-–,(/&":
        return True
    last_word = previous.rsplit(None, 1)[-1].lower()  # re.split(r"\s+", previous)[-1]: the same white space
    return last_word in _FUNCTION_WORDS


def wrap_width(lines: list[str]) -> int | None:
    """The column at which the converter wrapped paragraphs, or None when paragraphs are unwrapped."""
    lengths = [length for length in map(len, map(str.strip, lines)) if length >= 20]
    if len(lengths) < 8:
        return None
    if sum(1 for n in lengths if n > 125) > 0.1 * len(lengths):
        return None
    lengths.sort()
    return lengths[int(0.9 * (len(lengths) - 1))]


def _first_word(text: str) -> str:
    return text.strip().split(" ", 1)[0]


_REFERS_BACK = re.compile(
    r"(?:This|These|That|Those|They|It|Its|Their|However|Therefore|Consequently|Nevertheless|Furthermore|"
    r"Additionally|Also|As a result|In addition|Despite this|Because of this)\b"
)


def _wrapped(previous: str, following: str, width: int | None) -> bool:
    """True when the line break between ``previous`` and ``following`` was a wrap (character counts)."""
    if width is None:
        return False
    previous = previous.strip()
    needed = len(previous) + 1 + len(_first_word(following))
    if needed > width:
        return True
    # Proportional fonts make character counts rough: a nearly full line followed by a sentence that refers back
    # ("This means …", "However, …") is one paragraph, not two.
    if needed > 0.85 * width and _REFERS_BACK.match(following):
        return True
    # A long line that stops mid-sentence was wrapped too, whatever the next word.
    return not ends_sentence(previous) and len(previous) > width * 0.6


@dataclass(frozen=True)
class Wrap:
    """How a letter's lines were wrapped: the measure of a line (printed width or characters) and the margin."""

    measure: Callable[[str], int]
    margin: int


def find_wrap(lines: list[str], width: int | None) -> Wrap | None:
    """How the converter wrapped this letter's lines, or None for unwrapped text (a paragraph per line).

    PDF conversions wrap where the printed words reach the margin (proportional font); other converters wrap
    at a number of characters. The measure that explains the letter's sure wraps (a line that stops mid-sentence
    before a lower-case word) better is the one it was wrapped by: under it, no such line's next word would have
    fitted below the margin the wrapped lines reach.
    """
    if width is None:  # wrap_width(lines), which the caller has
        return None
    wraps = _sure_wraps(lines)
    measure = text_width if _misfits(wraps, text_width) <= _misfits(wraps, len) else len
    widths = sorted(measure(line) for line in map(str.strip, lines) if len(line) >= 20)
    median = widths[len(widths) // 2]
    ordinary = [w for w in widths if w <= 1.15 * median]  # lines in a smaller font, or run together, stand out
    return Wrap(measure, ordinary[int(0.97 * (len(ordinary) - 1))])


def _sure_wraps(lines: list[str]) -> list[tuple[str, str]]:
    """The lines that stop mid-sentence before a lower-case word (sure wraps), each with that word's breaking part."""
    wraps = []
    for previous, following in zip(lines, lines[1:], strict=False):
        previous, following = previous.strip(), following.strip()
        if len(previous) > 30 and following[:1].islower() and not ends_sentence(previous):
            wraps.append((previous, _breaking_word(following)))
    return wraps


def _misfits(wraps: list[tuple[str, str]], measure: Callable[[str], int]) -> float:
    """Under ``measure``, the share of sure wraps whose next word seems to have fitted (lower is a better fit)."""
    if len(wraps) < 5:
        return 0.0
    widths = [measure(previous) for previous, _ in wraps]
    reach = sorted(widths)[int(0.9 * (len(widths) - 1))]
    space = measure(" ")
    return sum(
        1 for width, (_, word) in zip(widths, wraps, strict=True) if width + space + measure(word) <= reach
    ) / len(wraps)


def _breaking_word(line: str) -> str:
    """The part of a line's first word that would have had to fit on the line before (up to a hyphen)."""
    # _BREAKING_PART.match(line.strip()).group(0): up to the first space or hyphen, with the hyphen.
    word = line.strip()
    space, hyphen = word.find(" "), word.find("-")
    if hyphen >= 0 and (space < 0 or hyphen < space):
        return word[: hyphen + 1]
    return word if space < 0 else word[:space]


def _ended_short(block: Block, following: str, wrap: Wrap) -> bool:
    """The block's last line stopped well before the margin although the next word would have fitted."""
    previous = block.lines[-1].strip()
    needed = wrap.measure(previous) + wrap.measure(" ") + wrap.measure(_breaking_word(following))
    return needed <= 0.8 * wrap.margin and previous[-1:] not in "-–,(/&"


def _widest_earlier_line(block: Block, measure: Callable[[str], int]) -> int:
    """The widest of the block's lines but the last, measured once each (blocks can be long: no quadratic work)."""
    counted, widest = block.measured
    for line in block.lines[counted : len(block.lines) - 1]:
        widest = max(widest, measure(line))
    block.measured = (max(counted, len(block.lines) - 1), widest)
    return widest


FITS, FULL, UNSURE = "fits", "full", "unsure"
# Body paragraphs of the family's letters run to about six printed lines (median 5–6, few beyond 9): past that,
# a full line that ends a sentence is taken (and reported) as the paragraph's end rather than a wrap.
USUAL_PARAGRAPH_LINES = 6
BULLET_SLACK = 1.0
GUESSED = "guessed"


def _joins(block: Block, following: str, width: int | None, wrap: Wrap | None) -> bool | str:
    """Whether ``following`` continues ``block`` across a plain line break: True, False, or GUESSED (joined,
    though the text cannot show it: the line before was full and ended a sentence)."""
    previous = block.lines[-1]
    if runs_on(previous, following):
        return True
    if not ends_sentence(previous) or wrap is None:
        return _wrapped(previous, following, width)
    fit = _next_word_fits(block, following, wrap)
    if fit == FITS:
        # A nearly full line followed by a sentence that refers back ("However, …", "This means …"): one paragraph.
        nearly_full = wrap.measure(previous.strip()) > 0.85 * wrap.margin
        return GUESSED if nearly_full and _REFERS_BACK.match(following) else False
    if fit == UNSURE and not _REFERS_BACK.match(following):
        return False
    if len(block.lines) >= USUAL_PARAGRAPH_LINES and not _REFERS_BACK.match(following):
        return False  # a paragraph already as long as most end here more often than they go on
    return GUESSED


def _at_full_line(block: Block, following: str, wrap: Wrap | None) -> bool:
    """A paragraph break taken after a full line that ended a sentence: a guess, to be reported."""
    return wrap is not None and ends_sentence(block.lines[-1]) and _next_word_fits(block, following, wrap) != FITS


def _next_word_fits(block: Block, following: str, wrap: Wrap | None) -> str:
    """Would ``following``'s first word have fitted at the end of the block's last line?

    FITS when it would (so the line ended short: a paragraph break), FULL when it would not (the line was full:
    the text cannot show whether the paragraph ended there), UNSURE in between.
    """
    if wrap is None:
        return UNSURE
    measure, margin = wrap.measure, wrap.margin
    previous = block.lines[-1]
    needed = measure(previous.strip()) + measure(" ") + measure(_breaking_word(following))
    widest = _widest_earlier_line(block, measure)
    if widest and needed <= widest:
        return FITS  # an earlier line of this very block was printed at least that wide
    if block.kind == BULLET and widest:
        margin = min(margin, int(BULLET_SLACK * widest))  # a list item's lines wrap at its own indent
    if needed <= 0.96 * margin:
        return FITS
    if needed > 1.005 * margin:
        return FULL
    return UNSURE


def split_header(lines: list[str]) -> int:
    """Index of the salutation line ("Dear …"), or -1 when the letter has none."""
    for index, line in enumerate(lines[:200]):
        if _SALUTATION.match(line.strip()):
            return index
    return -1


def build_blocks(text: str) -> list[Block]:
    """The letter as blocks: header lines, the salutation, then paragraphs, bullets and headings."""
    physical: list[str | None] = []  # None marks a page break
    for line in text.split("\n"):
        parts = line.split("\f")
        for index, part in enumerate(parts):
            if index:
                physical.append(None)
            physical.append(part.rstrip())
    texts = [line for line in physical if line is not None]
    salutation = split_header(texts)

    blocks: list[Block] = []
    position = 0
    if salutation >= 0:
        seen = 0
        for position, line in enumerate(physical):
            if line is None:
                continue
            if seen == salutation:
                blocks.append(Block(SALUTATION, [line.strip()]))
                position += 1
                break
            if line.strip() and not is_furniture(line):
                blocks.append(Block(HEADER, [line.strip()]))
            seen += 1
    body = physical[position:]
    text_lines = [line for line in body if line]  # each stripped on the right: none is only white space
    width = wrap_width(text_lines)  # measured once, for the paragraphs and the footnotes
    blocks.extend(_body_blocks(body, text_lines, width))
    _drop_footnotes(blocks, width)
    return blocks


def _body_blocks(body: list[str | None], text_lines: list[str], width: int | None) -> list[Block]:
    wrap = find_wrap(text_lines, width)
    joined: bool | str = False
    indented = sum(1 for line in text_lines if line[:1].isspace())
    lost_markers_possible = indented <= max(2, 0.3 * len(text_lines))

    blocks: list[Block] = []
    current: Block | None = None
    gap = 0
    page_break = False
    pending_bullet = False

    def flush() -> None:
        nonlocal current
        if current is not None and current.lines:
            blocks.append(current)
        current = None

    for raw in body:
        if raw is None:
            page_break = True
            gap += 1
            continue
        stripped = raw.strip()
        if not stripped:
            gap += 1
            continue
        if is_furniture(stripped):
            blocks.append(Block(PARA, [stripped], set_aside=PAGE_FURNITURE))  # listed, never a finding
            page_break = page_break or bool(_PAGE_NUMBER.fullmatch(stripped)) or "investor" in stripped.lower()
            gap += 1
            continue
        if len(stripped) <= MARKER_ONLY_CHARS and _MARKER_ONLY.match(stripped):
            pending_bullet = True
            continue

        bullet = pending_bullet
        pending_bullet = False
        if stripped.startswith(NORMAL_MARKER):
            bullet, stripped = True, stripped[1:].strip()
        elif stripped[:1] in _DASH_BULLET_STARTS and _DASH_BULLET.match(stripped):
            bullet, stripped = True, _DASH_BULLET.sub("", stripped)
        elif (
            lost_markers_possible
            and raw[:1].isspace()
            and stripped[:1].isupper()
            and current is not None
            and current.kind in (BULLET, PARA)
            and ends_sentence(current.lines[-1])
        ):
            bullet = True  # a bullet whose glyph the converter dropped, leaving its indent
        elif (
            gap == 0
            and stripped[:1].islower()
            and current is not None
            and current.kind == BULLET
            and wrap is not None
            and _ended_short(current, stripped, wrap)
        ):
            bullet = True  # an item of a list whose glyphs were lost: the line before stopped well short
        if not stripped:
            pending_bullet = True
            continue

        at_block_start = (
            current is None
            or gap > 0
            or ends_sentence(current.lines[-1])
            or current.kind == HEADING
            or current.lines[-1].endswith(")")
        )
        section = None if bullet else heading_section(stripped)
        # One-word headings ("Findings") need a block start; longer ones ("Main findings") stand alone anyway.
        if (
            section is not None
            and (at_block_start or len(stripped.split()) >= 2)
            or _is_title(stripped, blocks, current)
        ):
            if current is not None:
                current.followed_by_break = current.followed_by_break or page_break
            flush()
            blocks.append(Block(HEADING, [stripped]))
            gap, page_break = 0, False
            continue

        if (
            current is not None
            and current.kind == HEADING
            and _is_title_line(current)
            and runs_on(current.lines[-1], stripped)
        ):
            current.lines.append(stripped)  # a title wrapped onto a second line
            gap, page_break = 0, False
            continue
        if current is None or current.kind == HEADING or bullet or _is_sign_off_line(stripped):
            if current is not None:
                current.followed_by_break = page_break
            flush()
            current = Block(BULLET if bullet else PARA, [stripped])
        elif gap == 0 and (joined := _joins(current, stripped, width, wrap)):
            current.lines.append(stripped)
            current.guessed_boundaries += joined == GUESSED
        elif gap > 0 and runs_on(current.lines[-1], stripped):
            # A sentence going on over blank lines or a page break. (A finished sentence at the foot of a page
            # is taken to end its paragraph: in real conversions that is right more often than not.)
            current.lines.append(stripped)
        else:
            # Split after a full line that ended a sentence, here or at a page's foot: a guess, reported.
            guessed = ((gap == 0 and joined is False) or page_break) and _at_full_line(current, stripped, wrap)
            current.followed_by_break = page_break
            flush()
            current = Block(PARA, [stripped])
            current.guessed_boundaries += guessed
        current.widest_line = max(current.widest_line, len(stripped))
        gap, page_break = 0, False
    if current is not None:
        current.followed_by_break = True
    flush()
    return blocks


_TITLE = re.compile(
    r"^(?:annual )?(?:unannounced inspection of|(?:focused|monitoring|assurance) visit to|"
    r"joint targeted area inspection of|inspection of (?:local authority )?children)",
    re.I,
)


_SIGN_OFF_LINE = re.compile(r"^(?:yours? (?:sincerely|faithfully)|copy(?: to)?:|cc:)", re.I)
# The only characters that IGNORECASE matches to "y" or "c" (a test tries every one): other lines are not tried.
_SIGN_OFF_STARTS = frozenset("yYcC")


def _is_sign_off_line(line: str) -> bool:
    return line[:1] in _SIGN_OFF_STARTS and _SIGN_OFF_LINE.match(line) is not None


def _is_title_line(block: Block) -> bool:
    return bool(_TITLE.match(block.lines[0]))


def _is_title(line: str, blocks: list[Block], current: Block | None) -> bool:
    """The letter's title, the first line after the salutation, never runs into the opening paragraph."""
    return not blocks and current is None and len(line) < 200 and bool(_TITLE.match(line))


_FOOTNOTE_PHRASES = re.compile(
    r"cross-referenced with the (?:outcomes|enablers|principles)|^\d{1,2} ?(?:see|this|the|for|these) .{0,200}"
    r"(?:https?://|www\.)",
    re.I,
)


# Where _FOOTNOTE_PHRASES can match but at the text's start: its first branch's words (anchored.py).
_FOOTNOTE_ANCHORS = (Anchor("cross-referenced with the ", lower=True),)


def is_standard_footnote(text: str) -> bool:
    """A note in the wording Ofsted's footnotes use (a cross-reference to the national framework, a link)."""
    # ``_FOOTNOTE_PHRASES.search(text)``: the second branch starts with ^, the first with fixed words.
    return bool(_FOOTNOTE_PHRASES.match(text) or anchored.search(_FOOTNOTE_PHRASES, text, _FOOTNOTE_ANCHORS))


_NOTE_MARKER = re.compile(r"^(\d{1,2}) ?(?=[A-Z(‘'\"]|https?:|www\.)")


def _drop_footnotes(blocks: list[Block], width: int | None) -> None:
    """Set aside footnotes, provably: a note in the standard footnote wording, or a numbered note at a page's
    foot whose number is stuck to a word above it ("practice?1", "arrangements.2"). Nothing else is taken out:
    a wide line before a page break is often a hyphenated word joined by the conversion, not a smaller font."""
    markers = _body_note_markers(blocks)
    for block in blocks:
        if block.kind != PARA or block.set_aside:
            continue
        text = block.text
        if is_standard_footnote(text):
            block.set_aside = FOOTNOTE
            continue
        numbered = _NOTE_MARKER.match(text)
        if numbered and numbered.group(1) in markers and (block.followed_by_break or block.widest_line > (width or 0)):
            block.set_aside = FOOTNOTE


def _body_note_markers(blocks: list[Block]) -> set[str]:
    """Footnote numbers stuck to the end of a word or a heading in the body."""
    found: set[str] = set()
    for block in blocks:
        if block.set_aside or block.kind == HEADER:
            continue
        # The block's lines at once: a line's start and end read the same after a newline as alone.
        found.update(_stuck_note_numbers("\n".join(block.lines)))
    return found


_STUCK_NOTE_NUMBER = re.compile(r"(?<=[a-z?.,;:)’'\"])(\d{1,2})(?=\s|$)")  # what _stuck_note_numbers finds
_NOTE_NUMBER = re.compile(r"\d{1,2}(?=\s|$)")
_NOTE_STUCK_TO = frozenset("abcdefghijklmnopqrstuvwxyz?.,;:)’'\"")


def _stuck_note_numbers(text: str) -> list[str]:
    """``_STUCK_NOTE_NUMBER.findall(text)``: the numbers found first (a pattern that starts with a digit lets the
    regex engine skip to the digits; the lookbehind first was tried at every position), then the character before
    each looked at. A number's digits are preceded by no digit in either form, so the two find the same."""
    return [
        number.group()
        for number in _NOTE_NUMBER.finditer(text)
        if number.start() and text[number.start() - 1] in _NOTE_STUCK_TO
    ]
