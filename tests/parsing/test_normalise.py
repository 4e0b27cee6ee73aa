import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import letters.parsing.authorities as _authorities_module
import letters.parsing.fields as _fields_module
import letters.parsing.focus as _focus_module
import letters.parsing.normalise as _normalise_module
import letters.parsing.themes as _themes_module
from letters.parsing.normalise import (
    CharMap,
    collapse_whitespace,
    normalise,
    restore_dropped_hyphens,
    split_glyph_bullets,
    strip_html_debris,
    unstick_headings,
)


def test_html_list_debris_becomes_bullet_lines():
    text = 'Strengths\n<ul style="list-style-type: none">▪ First point.▪ Second point.</ul>'
    assert normalise(text).split("\n") == ["Strengths", "", "• First point.", "• Second point.", ""]


def test_li_tags_become_bullets_and_entities_are_unescaped():
    assert strip_html_debris("<li>Risk &amp; need</li>").strip() == "• Risk & need"


def test_plain_text_with_angle_brackets_is_left_alone():
    assert strip_html_debris("caseloads < 20 and > 10") == "caseloads < 20 and > 10"


def test_private_use_and_square_glyph_bullets_are_normalised():
    text = "\uf0b7 One.\n◼ Two.\n\uf06e Three."
    assert split_glyph_bullets(text).split("\n") == ["• One.", "• Two.", "• Three."]


def test_heading_stuck_to_the_end_of_a_line_is_split_off():
    text = "the following features of the service were identified: Strengths"
    assert unstick_headings(text).split("\n") == ["the following features of the service were identified:", "Strengths"]


def test_ligatures_and_odd_spaces_are_spelt_out():
    assert normalise("ﬁndings\u00a0and\u00adﬂow") == "findings andflow"


def test_typographic_quotes_become_plain():
    assert normalise("children’s “front door”") == 'children\'s "front door"'


def test_a_compound_whose_first_word_folds_oddly_is_left_as_it_is():
    assert restore_dropped_hyphens("the ınformationsharing and İnformationsharing") == (
        "the ınformationsharing and İnformationsharing"
    )


def test_hyphens_that_pdftotext_dropped_from_compounds_are_restored_but_solid_words_are_left():
    text = "Decisionmaking and informationsharing in preproceedings; coordinated multiagency work; premises."
    assert restore_dropped_hyphens(text) == (
        "Decision-making and information-sharing in pre-proceedings; coordinated multi-agency work; premises."
    )


WHITE_AND_NOT = ["a", "b", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\u00a0", "\u2003", "\u3000", "\u200b", "\u0085"]


@given(st.text(alphabet=st.sampled_from(WHITE_AND_NOT), max_size=40))
def test_collapse_whitespace_is_re_sub_of_white_space_runs(text):
    assert collapse_whitespace(text) == re.sub(r"\s+", " ", text)


_CHAR_MAPS = {
    "normalise quotes": _normalise_module._QUOTES,
    "fields apostrophes": _fields_module.APOSTROPHES,
    "theme typography": _themes_module._TYPOGRAPHY,
    "focus quotes": _focus_module._QUOTES,
    "authority apostrophes": _authorities_module._APOSTROPHES,
}


@pytest.mark.parametrize("name", sorted(_CHAR_MAPS))
@given(data=st.data())
def test_every_char_map_gives_what_str_translate_gives(name, data):
    char_map = _CHAR_MAPS[name]
    alphabet = st.sampled_from([*char_map.mapping, *"ab '\"-\n", "é", "\u00a0", "\u2014"])
    text = data.draw(st.text(alphabet=alphabet, max_size=60))
    assert char_map.apply(text) == text.translate(str.maketrans(char_map.mapping))


def test_a_char_map_refuses_a_replacement_that_another_entry_would_replace_again():
    with pytest.raises(ValueError, match="one-character replacement"):
        CharMap({"’": "'", "'": "`"})
    with pytest.raises(ValueError, match="one-character replacement"):
        CharMap({"ab": "x"})


# The whole-text rewrites that the faster forms above must equal (normalise.py says why each is faster).
def _glyphs_everywhere(text: str) -> str:
    text = _normalise_module._MIDLINE_GLYPH.sub("\n• ", text)
    return _normalise_module._LINE_GLYPH.sub("• ", text)


def _hyphens_everywhere(text: str) -> str:
    compounds = _normalise_module._SOLID_COMPOUNDS

    def fix(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        return f"{first}-{second}" if second.lower() in compounds.get(first.lower(), ()) else match.group(0)

    return _normalise_module._DROPPED_HYPHEN.sub(fix, text)


_STUCK_LOOKING_BEHIND = re.compile(
    r"(?<=[.:;!?])[ ]+((?:Strengths|Areas for development|Areas for priority action|Satisfactory practice|"
    r"Headline findings|Main findings|Findings|Overview|What needs to improve in this area of social work "
    r"practice\??))[ ]*$",
    re.M,
)


@given(st.lists(st.sampled_from(["•", "▪", "\uf0b7", " ", "  ", "\n", "\f", "a", "Word.", "x"]), max_size=30))
def test_glyph_bullets_rewritten_line_by_line_are_the_whole_text_rewritten(parts):
    text = "".join(parts)
    assert split_glyph_bullets(text) == _glyphs_everywhere(text)


_COMPOUND_PARTS = [
    spelling
    for word in ("decision", "making", "pre", "proceedings", "multi", "agency", "child", "centred", "long", "term")
    for spelling in (word, word.title(), word.upper())
]
# Words that IGNORECASE matches to the compounds' words though lower() does not spell them so.
_ODDLY_FOLDED = ["ınformation", "İnformation", "chıld", "ſhort", "ſharing", "\u212aing", "tıme"]


@given(st.lists(st.sampled_from([*_COMPOUND_PARTS, *_ODDLY_FOLDED, " ", "-", "x"]), max_size=12))
@example(["Decision", "MAKING"])
@example(["pre", "Proceedings", " ", "ınformation", "sharing"])
def test_hyphens_restored_after_the_quick_test_are_those_of_the_whole_text_regex(parts):
    for text in (
        "".join(parts),
        "information" + "".join(parts),
        "".join(parts) + "sharing",
        "ınformation" + "".join(parts),
    ):
        assert restore_dropped_hyphens(text) == _hyphens_everywhere(text)


@given(
    st.lists(
        st.sampled_from(["Findings", "Strengths", ".", ":", "?", " ", "  ", "\n", "text", "Overview"]), max_size=14
    )
)
def test_a_stuck_heading_matched_with_its_mark_is_the_heading_looked_behind_at(parts):
    text = "".join(parts)
    assert unstick_headings(text) == _normalise_module._HEADING_THEN_BULLET.sub(
        "\\1\n• ", _STUCK_LOOKING_BEHIND.sub(r"\n\1", text)
    )
