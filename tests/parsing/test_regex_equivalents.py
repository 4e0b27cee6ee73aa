"""The parser's faster forms of its regular expressions give what the expressions give: anchored.py's search only
where a pattern's fixed words are (and the patterns that use it hold those words), sentences split after their
marks, hyphenated words read around each hyphen, a theme text's odd spaces found by plain search."""

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from letters.parsing import anchored, fields
from letters.parsing.anchored import Anchor


def _spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(match.span(), match.groupdict()) for match in matches]


_SENTENCE_PARTS = [
    "Her Majesty's Inspectors were ", "His Majesty's Inspector ", "The inspectors were ", "the lead inspector is ",
    "The inspector for this visit was ", "The visit was carried out by ", "inspection was led by ",
    "by Her Majesty's Inspectors ", "Inspectors were ", "inspector was ", "Lead inspector ", "team inspector, ",
    "Ann Lee", "Ceri Evans", " and ", ", ", ".", ". ", " ", "\n", "x", "İnspector ", "the ",
]  # fmt: skip


@given(st.lists(st.sampled_from(_SENTENCE_PARTS), max_size=16))
@example(["Lead inspector ", "Ann Lee", " and ", "team inspector, ", "Ceri Evans", "."])
def test_every_inspector_sentence_is_found_as_a_search_of_the_whole_text_finds_it(parts):
    text = "".join(parts)
    for pattern, anchors in fields._INSPECTOR_SENTENCES:
        assert _spans(anchored.finditer(pattern, text, anchors)) == _spans(pattern.finditer(text))


_HYPHEN_PARTS = ["a", "Bc", "-", " ", "é", "1", "_", "word", "\n", "well-being", "--"]


@given(st.lists(st.sampled_from(_HYPHEN_PARTS), max_size=20))
@example(["a", "-", "a", "-", "a"])
@example(["é", "a", "-", "b"])
def test_hyphenated_words_are_the_regex_s(parts):
    text = "".join(parts)
    assert fields._hyphenated_words(text) == fields._HYPHENATED.findall(text)


def test_matches_resume_after_the_last_one_as_finditer_does():
    pattern = re.compile(r"ab[a-z]*")
    text = "xabab abz ab"
    anchors = (Anchor("ab"),)
    assert _spans(anchored.finditer(pattern, text, anchors)) == _spans(pattern.finditer(text))
    assert [m.group() for m in anchored.finditer(pattern, text, anchors)] == ["abab", "abz", "ab"]


def test_a_word_boundary_still_sees_the_character_before_the_anchor():
    pattern = re.compile(r"\bby me")
    assert anchored.search(pattern, "standby me", (Anchor("by me"),)) is None
    assert anchored.search(pattern, "stand by me", (Anchor("by me"),)).start() == 6


def test_a_case_free_pattern_is_anchored_in_the_lower_cased_text_or_searched_whole_when_a_character_folds_oddly():
    pattern = re.compile(r"inspection of", re.I)
    anchors = (Anchor("inspection of", lower=True),)
    assert anchored.search(pattern, "An INSPECTION OF x", anchors).start() == 3
    # IGNORECASE matches a dotless i to "i"; lower() would not find the words, so the whole text is searched.
    assert anchored.search(pattern, "An ınspection of x", anchors) is not None
    assert anchored.search(pattern, "nothing here", anchors) is None


_PROSE_PARTS = [
    "It was judged",
    " good",
    ".",
    "!",
    "?",
    " ",
    "  ",
    "\n",
    "Rated ",
    "graded",
    "x",
    "İ",
    "Σ",
    "a. B",
    "JUDGED",
]


@given(st.lists(st.sampled_from(_PROSE_PARTS), max_size=16))
@example(["İ"] * 10 + [".", " ", "JUDGED", "a. B"])  # positions drift past a short sentence
def test_sentences_are_re_split_s_and_those_holding_a_word_are_found_in_the_whole_lower_cased_text(parts):
    text = "".join(parts)
    sentences, starts = fields._sentences(text)
    assert sentences == re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    assert all(text.startswith(sentence, start) for sentence, start in zip(sentences, starts, strict=True))
    words = fields._JUDGED_WORDS
    assert fields._sentences_holding(text, sentences, starts, words) == [
        i for i, sentence in enumerate(sentences) if any(word in sentence.lower() for word in words)
    ]


_ORDINAL_PARTS = ["This was the ", "it is their ", "findings of the ", "second ", "3rd ", "visit", "monitoring ",
                  "This Is Its ", "ıt was the ", " ", "x", ". "]  # fmt: skip


@given(st.lists(st.sampled_from(_ORDINAL_PARTS), max_size=10))
@example([". ", "findings of the ", "second ", "visit"])
def test_the_visit_ordinal_is_found_as_a_search_of_the_whole_text_finds_it(parts):
    text = "".join(parts)
    found = anchored.search(fields._ORDINAL, text, fields._ORDINAL_STARTS)
    whole = fields._ORDINAL.search(text)
    assert (found and found.span()) == (whole and whole.span())


@given(st.text(alphabet=st.sampled_from(["a", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "’"])))
def test_theme_text_is_re_normalised_exactly_when_the_regex_finds_an_odd_space(text):
    from letters.parsing import themes

    expected = (
        themes._SPACES.sub(" ", themes._TYPOGRAPHY.apply(text))
        if not text.isascii()
        else (themes._SPACES.sub(" ", text) if themes._ODD_SPACE.search(text) else text)
    )
    assert themes.normalise_text(text) == expected


@given(st.lists(st.sampled_from(["a", "1", "12", "123", ".", "?", " ", "\n", "A", "’", "x7", "٣"]), max_size=14))
@example(["a", "123", " "])
@example(["1", " ", "a"])  # a number at the start follows nothing
def test_stuck_note_numbers_are_the_lookbehind_regex_s(parts):
    from letters.parsing import blocks

    text = "".join(parts)
    assert blocks._stuck_note_numbers(text) == blocks._STUCK_NOTE_NUMBER.findall(text)


_NOTE_PARTS = ["Cross-referenced with the ", "outcomes", "enablers", "1 ", "12", "See ", "this ", "www.", "https://",
               "x", " ", "\n", "İ", "cross-referenced with the principles"]  # fmt: skip


@given(st.lists(st.sampled_from(_NOTE_PARTS), max_size=10))
@example(["1 ", "See ", "x", "www."])
@example(["x", "Cross-referenced with the ", "enablers"])
def test_a_standard_footnote_is_what_the_whole_search_finds(parts):
    from letters.parsing import blocks

    text = "".join(parts)
    assert blocks.is_standard_footnote(text) == bool(blocks._FOOTNOTE_PHRASES.search(text))


_CLOSING_PARTS = ["Ofsted will take the findings", "I am copying this letter", "We will take the findings",
                  "Any areas for development identified above will", "areas for improvement identified above will",
                  ".", "?", "'", "”", ")", " ", "\n", "x", "Text", "area"]  # fmt: skip


@given(st.lists(st.sampled_from(_CLOSING_PARTS), max_size=12))
@example(["Text", ".", "”", " ", "Ofsted will take the findings"])
@example(["x", ".", " ", "Any areas for development identified above will"])
def test_a_closing_sentence_run_into_a_finding_is_found_where_the_whole_search_finds_it(parts):
    from letters.parsing import headings

    text = "".join(parts)
    found, whole = headings._closing_inside(text), headings._CLOSING_INSIDE.search(text)
    assert (found and found.span()) == (whole and whole.span())


_ADDRESS_PARTS = ["Freshford House", "PICCADILLY GATE", "aviation house", "Royal Exchange Buildings", "x@Ofsted.gov.uk",
                  "www.ofsted.gov.uk", "gov.uk/ofsted", "Store Street", " ", ",", "İ", "ſ"]  # fmt: skip


@given(st.lists(st.sampled_from(_ADDRESS_PARTS), max_size=8))
def test_ofsted_s_address_run_is_found_where_the_whole_search_finds_it(parts):
    from letters.parsing import blocks

    text = "".join(parts)
    found = anchored.search(blocks._OFSTED_ADDRESS_RUN, text, blocks._OFSTED_ADDRESS_WORDS)
    whole = blocks._OFSTED_ADDRESS_RUN.search(text)
    assert (found and found.span()) == (whole and whole.span())
    assert anchored.holds(text, blocks._OFSTED_ADDRESS_WORDS) or whole is None  # the quick test never rules one out


_FURNITURE_PARTS = [*_ADDRESS_PARTS, "ı", "Leaders know their services well", ".", "Page 2 of 9", "ofsted", "12",
                    "© Crown copyright ", "Tel: 0300 123 1231", "Our ref: ABC/123", "x" * 20, "K",
                    "KINGSWAY"]  # fmt: skip
# Page furniture as one alternation, before it was split in two (blocks.py).
_FURNITURE_AS_IT_WAS = re.compile(
    r"^(?:"
    r"\d{1,3}|page \d{1,3}(?: of \d{1,3})?|[-–] ?\d{1,3} ?[-–]|investors? in people|"
    r"ofsted|piccadilly gate.*|store street|manchester m1 2wd|freshford house.*|redcliffe way|bristol bs1 6nl|"
    r"aviation house.*|125 kingsway|london wc2b 6se|royal exchange buildings.*|st ann'?s square|"
    r"manchester m2 7la|agora|6 cumberland place|nottingham ng1 6hj|clive house|70 petty france|"
    r"(?:direct )?[tf]:? ?\+?[\d ]{9,16}|(?:direct )?(?:tel|fax|telephone|textphone|minicom)\.?:? ?\+?[\d ]{6,16}|"
    r"\S+@ofsted\.gov\.uk|(?:https?://)?www\.(?:gov\.uk/)?ofsted(?:\.gov\.uk)?\S*|"
    r"(?:© )?crown copyright.{0,40}|(?:our |your )?ref(?:erence)?(?: no\.?| number)?[:.] ?\S{2,20}"
    r")$",
    re.I,
)


def test_no_short_furniture_is_longer_than_the_lines_it_is_tried_on():
    from re import _parser  # the regex engine's own reading of a pattern: its shortest and longest match

    from letters.parsing import blocks

    longest = _parser.parse(blocks._SHORT_FURNITURE.pattern, blocks._SHORT_FURNITURE.flags).getwidth()[1]
    assert longest <= blocks.SHORT_FURNITURE_CHARS


def _furniture_as_it_was(line: str) -> bool:
    """is_furniture before the address's names were looked for first."""
    from letters.parsing import blocks

    line = line.strip()
    if _FURNITURE_AS_IT_WAS.match(line):
        return True
    return (
        len(line) < 260
        and not blocks._THREE_WORDS.search(line)
        and blocks._OFSTED_ADDRESS_RUN.search(line) is not None
        and not blocks._TERMINAL.search(line)
    )


@given(st.lists(st.sampled_from(_FURNITURE_PARTS), max_size=8))
@example(["Store Street", ",", " ", "Piccadılly Gate"])  # a dotless i: IGNORECASE matches it to "i", str.lower not
@example(["Aviation House", " ", "Leaders know their services well"])  # three long words: prose, not furniture
def test_page_furniture_is_told_as_before_the_quick_test_on_the_address_s_names(parts):
    from letters.parsing import blocks

    line = "".join(parts)
    assert blocks.is_furniture(line) == _furniture_as_it_was(line)


@pytest.mark.parametrize(
    "name", ["Freshford House", "PICCADILLY GATE", "aviation house", "Royal Exchange Buildings", "x@Ofsted.gov.uk",
             "www.Ofsted.gov.uk", "GOV.UK/ofsted"],
)  # fmt: skip
def test_a_line_run_together_from_the_address_is_furniture_whichever_name_it_holds(name):
    from letters.parsing import blocks

    line = f"Store Street, {name}"
    assert blocks.is_furniture(line) and _furniture_as_it_was(line)


_WHITE_PARTS = ["a", "B", " ", "\t", "\x0b", "\x1c", "\x85", "\xa0", "\u2009", "\u3000", "."]


@given(st.text(alphabet=st.sampled_from(_WHITE_PARTS)))
@example("of\u2009the")  # a thin space: white space to both
def test_a_line_s_last_word_is_the_last_of_the_regex_split_on_white_space(text):
    line = text.rstrip()  # runs_on reads the words of a line stripped on the right
    if line:
        assert line.rsplit(None, 1)[-1] == re.split(r"\s+", line)[-1]


_ENDING_PARTS = ["a", " ", ".", "?", ":", ";", "!", ",", '"', "'", "’", "”", ")", "]", "1", "23", "٣", "²", "\n", "x"]


@given(st.lists(st.sampled_from(_ENDING_PARTS), max_size=10))
@example(["a", ".", "123"])  # three digits: no note number
@example(["a", ".", ")", "12", "\n"])  # the end before a last line break, as $ reads it
@example(["a", ".", "\n", "\n"])  # but only the last
@example(["a", ".", "²"])  # a superscript two is no decimal digit
@example(["a", ".", "٣"])  # an Arabic-Indic three is
def test_a_line_ends_with_a_terminal_where_the_regex_finds_one(parts):
    from letters.parsing import blocks

    text = "".join(parts)
    assert blocks.ends_with_terminal(text) == (blocks._TERMINAL.search(text) is not None)


# The clean-up's rewrites as they were, applied to the whole text (normalise.py now gives them only the lines that
# can hold a match).
_STUCK_HEADING_AS_IT_WAS = re.compile(
    r"([.:;!?])[ ]+((?:Strengths|Areas for development|Areas for priority action|Satisfactory practice|"
    r"Headline findings|Main findings|Findings|Overview|What needs to improve in this area of social work "
    r"practice\??))[ ]*$",
    re.M,
)
_HEADING_THEN_BULLET_AS_IT_WAS = (
    r"^((?:Strengths|Areas for development|Areas for priority action|Satisfactory practice|"
    r"The service meets the requirements of statutory guidance in the following areas|"
    r"What needs to improve in this area of social work practice\??))[ ]+(?:[-–]|"
)
_HEADING_PARTS = [
    "Strengths", "Findings", "Main findings", "Overview", "Areas for priority action", "Satisfactory practice",
    "What needs to improve in this area of social work practice", "?", "The service meets the requirements of "
    "statutory guidance in the following areas", ".", ":", " ", "  ", "\n", "\r", "-", "–", "•", "\uf0b7", "text",
    "Strengthsx",
]  # fmt: skip


@given(st.lists(st.sampled_from(_HEADING_PARTS), max_size=14))
@example(["Strengths", " ", "-", " ", "text", ".", " ", "Findings"])  # both rewrites, the first at the text's start
@example(["x", ".", " ", "Overview", "\n", "Strengths", " ", "•", " ", "text"])
@example([".", " ", "Findings", " ", "\n", "Strengths", " ", "–", " "])
def test_headings_are_unstuck_as_the_whole_text_rewrites_did(parts):
    from letters.parsing import normalise

    text = "".join(parts)
    heading_then_bullet = re.compile(_HEADING_THEN_BULLET_AS_IT_WAS + normalise._GLYPH_CLASS + r")[ ]+", re.M)
    expected = heading_then_bullet.sub(
        rf"\1\n{normalise.NORMAL_MARKER} ", _STUCK_HEADING_AS_IT_WAS.sub(r"\1\n\2", text)
    )
    assert normalise.unstick_headings(text) == expected


_ODD_CHARACTER_PARTS = ["a", " ", "\t", "\n", "\u00a0", "\u2000", "\u2005", "\u200a", "\u200b", "\u200c", "\u200d",
                        "\u200e", "\u202f", "\u205f", "\u2060", "\u3000", "\u00ad", "\ufeff", "’", "ﬁ"]  # fmt: skip


@given(st.lists(st.sampled_from(_ODD_CHARACTER_PARTS), max_size=16))
@example(["\u200b", "\u00a0", "\u200e"])  # U+200E (a mark) is neither
def test_odd_spaces_and_invisible_characters_go_as_the_regex_classes_took_them(parts):
    from letters.parsing import normalise

    text = "".join(parts)
    assert normalise._INVISIBLES.apply(text) == normalise._INVISIBLE.sub("", text)
    assert normalise._ODD_SPACES.apply(text) == normalise._SPACES.sub(" ", text)


def test_the_quick_tests_on_a_line_s_first_character_or_length_never_rule_out_a_match():
    from re import _parser

    from letters.parsing import blocks

    every_character = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    sign_offs = ("ours sincerely", "opy:", "c:")  # each alternative of _SIGN_OFF_LINE after its first character
    starting_sign_offs = {
        c for c in every_character if any(blocks._SIGN_OFF_LINE.match(c + rest) for rest in sign_offs)
    }
    assert starting_sign_offs == blocks._SIGN_OFF_STARTS
    assert {c for c in every_character if blocks._DASH_BULLET.match(c + " x")} == blocks._DASH_BULLET_STARTS
    longest = _parser.parse(blocks._MARKER_ONLY.pattern, blocks._MARKER_ONLY.flags).getwidth()[1]
    assert longest <= blocks.MARKER_ONLY_CHARS


_LINE_START_PARTS = ["Yours sincerely", "yours faithfully", "Copy to:", "CC:", "cc:", "- ", "– ", "o ", "o", "* ",
                     "12.", "1)", "•", "-", "x", " ", "Ofsted", "\t", "word-break", "a-b c", "-x"]  # fmt: skip


@given(st.lists(st.sampled_from(_LINE_START_PARTS), max_size=6))
def test_a_line_s_start_is_read_as_the_regexes_read_it(parts):
    from letters.parsing import blocks

    line = "".join(parts)
    assert blocks._is_sign_off_line(line) == (blocks._SIGN_OFF_LINE.match(line) is not None)
    stripped = line.strip()
    assert blocks._breaking_word(line) == blocks._BREAKING_PART.match(stripped).group(0)
    if stripped:
        assert (stripped[:1] in blocks._DASH_BULLET_STARTS and blocks._DASH_BULLET.match(stripped) is not None) == (
            blocks._DASH_BULLET.match(stripped) is not None
        )
        assert (len(stripped) <= blocks.MARKER_ONLY_CHARS and blocks._MARKER_ONLY.match(stripped) is not None) == (
            blocks._MARKER_ONLY.match(stripped) is not None
        )
