"""The theme rules' regex optimiser (letters/parsing/theme_patterns.py): folding, factoring and needles make
matching fast and must never change what a pattern matches, compared with the plain IGNORECASE alternation."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.parsing import theme_patterns
from letters.parsing.theme_patterns import compile_one_at_a_time, compile_patterns
from letters.parsing.themes import ThemeMatcher, ThemeRule, normalise_text, validate_pattern
from tests.parsing.theme_reference import reference_match

# --- patterns the folding step must leave meaning the same ------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "hits", "misses"),
    [
        (r"\bMASH\b", ["the mash team", "The MASH"], ["smash"]),
        (r"(?-i:\bSEND\b)", ["children with SEND"], ["we send letters"]),  # inline flags keep their meaning
        (r"\b[A-Z]{2}47\b", ["an ss47 enquiry"], ["a 47 enquiry"]),  # upper-case range under IGNORECASE
        (r"\bs\x34\x37\b", ["s47 enquiries"], ["s48"]),  # escapes the folding step leaves alone
        (r"\bcare\b(?=[^.]{0,20}\bleavers?\b)", ["care for leavers"], ["care. leavers"]),
    ],
)
def test_unusual_patterns_keep_ignorecase_semantics(pattern, hits, misses):
    matcher = ThemeMatcher([ThemeRule("t", "T", (pattern,))])
    assert matcher.errors == []
    for text in hits:
        assert matcher.match(text) == ["t"], text
    for text in misses:
        assert matcher.match(text) == [], text


# --- any curator pattern means what it meant ---------------------------------------------------------------


PATTERN_PIECES = [
    "Care", "care", "MASH", r"\b", r"\B", "[- ]?", "(?:plan|PLAN)s?", r"\s", r"\S", r"\W", r"\w+", "[A-Z]",
    "[a-c]", "[^x]", ".", r"\d", "(?-i:SEND)", "(?i:x)", "'", "-", " ", "(?=s)", "(?<!x)", "[]x]", r"[\]X]",
    "[|]", "(?:a|B)", "|",
]  # fmt: skip
TEXT_PIECES = [
    "care", "CARE", "Mash", "send", "SEND", "plans", "PLAN", "-", " ", "x", "X", "1", "s", "\u017f", "\u0130",
    "\u0131", "\u00e9", "\u00c9", "\u2019", "\u2011", ":", "[", "]", "|", "a", "B",
]  # fmt: skip


PATTERNS = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=5).map("".join)


@given(
    st.lists(PATTERNS, min_size=1, max_size=4),
    st.lists(st.sampled_from(PATTERN_PIECES), max_size=3).map("".join),
    st.lists(st.sampled_from(TEXT_PIECES), max_size=12).map("".join),
)
@settings(max_examples=400, deadline=None)
def test_any_curator_pattern_matches_as_ignorecase_would(includes, exclude, text):
    """The folding and factoring that make matching fast must not change what a pattern means."""
    rule = ThemeRule(
        "t",
        "T",
        tuple(p for p in includes if validate_pattern(p) is None),
        tuple(p for p in [exclude] if validate_pattern(p) is None),
    )
    if not rule.include:
        return
    assert ThemeMatcher([rule]).match(text) == reference_match([rule], text)


def _ignorecase(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@given(
    st.lists(PATTERNS, min_size=1, max_size=4),
    st.lists(st.sampled_from(TEXT_PIECES), max_size=12).map("".join),
    st.booleans(),
)
@settings(max_examples=400, deadline=None)
def test_compiled_patterns_find_what_the_ignorecase_alternation_finds(patterns, text, any_match):
    """Without the theme semantics around it: the compiled set matches a text exactly when the alternation does
    (on text as the matcher hands it over, typography made plain)."""
    patterns = [p for p in patterns if validate_pattern(p) is None]
    if not patterns:
        return
    text = normalise_text(text)
    compiled = compile_patterns(patterns, any_match=any_match)
    assert compiled is not None
    assert compiled.search(text, text.lower()) == bool(_ignorecase(patterns).search(text))


def test_no_patterns_compile_to_nothing():
    assert compile_patterns([], any_match=True) is None
    assert compile_patterns([], any_match=False) is None


@pytest.mark.parametrize(
    ("pattern", "alternatives"),
    [
        ("a|(b|c)", ["a", "(b|c)"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        ("[|]x|y", ["[|]x", "y"]),
        ("[]|]|z", ["[]|]", "z"]),
        ("[^]|]|z", ["[^]|]", "z"]),
        ("plain", ["plain"]),
    ],
)
def test_top_level_alternatives_split_only_outside_groups_classes_and_escapes(pattern, alternatives):
    assert theme_patterns._top_level_alternatives(pattern) == alternatives


@pytest.mark.parametrize(
    ("pattern", "folded"),
    [
        (r"\bMASH\b", r"\bmash\b"),
        ("Care[- ]?Leavers?", "care[- ]?leavers?"),
        ("(?:A|B)(?=C)", "(?:a|b)(?=c)"),
        (r"\bs\x34\x37\b", None),  # a numeric escape may spell an upper-case letter
        ("(?-i:SEND)", None),  # inline flags keep IGNORECASE
        ("[A-Z]x", None),  # an upper-case range would change meaning
    ],
)
def test_fold_lowers_a_pattern_or_refuses_when_it_cannot_safely(pattern, folded):
    assert theme_patterns._fold(pattern) == folded


def test_includes_are_grouped_by_their_first_letter():
    assert theme_patterns._by_first_character(["abc", "abd", "xy", "Q", "s?x"]) == "a(?:bc|bd)|x(?:y)|Q|s?x"


def test_patterns_that_will_not_combine_are_added_one_at_a_time_and_the_broken_ones_dropped():
    compiled, dropped = compile_one_at_a_time([r"\bCAF\b", "(", r"\bearly help\b"])
    assert compiled is not None and compiled.folded is None
    assert compiled.search("The caf is used.", "the caf is used.")
    assert compiled.search("Early Help", "early help")
    assert [pattern for pattern, _ in dropped] == ["("] and dropped[0][1]
    assert "unterminated subpattern" in dropped[0][1]
    assert compile_one_at_a_time(["("])[0] is None


# --- needles: the words a match must contain ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("alternative", "literal"),
    [
        (r"domestic[- ]?(?:abuse|violence)\b", "domestic"),
        (r"maracs?\b", "marac"),
        (r"(?:a|new|initial) contact (?:is|was)", " contact "),
        (r"(?:case )?closures?\b", "closure"),
        (r"co-?produc\w+\b", "produc"),
        (r"abc+defg", "defg"),
        (r"x{2,3}yzab", "yzab"),
        (r"(?:re-?)?referrals?\b", "referral"),
        (r"child\'s plan", "child's plan"),
        (r"s\.? ?47\b", "47"),
        (r"(?:a|b)", ""),
    ],
)
def test_required_literal_is_text_every_match_contains(alternative, literal):
    assert theme_patterns._required_literal(alternative) == literal
    for match in re.finditer(
        alternative,
        "a domestic abuse marac new contact is case closures co-production abcccdefg "
        "xxyzab rereferral child's plan s. 47",
    ):
        assert literal in match.group(0)


def _with_and_without_needles():
    import dataclasses

    from letters.parsing.letter import default_theme_matcher

    matcher = default_theme_matcher()
    plain = ThemeMatcher.__new__(ThemeMatcher)
    plain.__dict__.update(matcher.__dict__)
    plain._themes = [
        dataclasses.replace(t, include=dataclasses.replace(t.include, needles=None)) for t in matcher._themes
    ]
    return matcher, plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase[:8] + " -'().", max_size=300))
def test_the_needles_never_change_what_matches(text):
    """The words a theme's text must contain only skip patterns that cannot match: the themes found are the same
    with and without them (here on arbitrary text; the real and seed letters are checked the same way below)."""
    matcher, plain = _with_and_without_needles()
    samples = [text, text.replace("a", "domestic abuse "), text.replace("b", " referral ")]
    assert [matcher.match(t) for t in samples] == [plain.match(t) for t in samples]


def test_the_needles_never_change_what_matches_on_real_letters():
    from pathlib import Path

    from letters.parsing import parse

    matcher, plain = _with_and_without_needles()
    assert sum(1 for t in matcher._themes if t.include.needles is not None) >= len(matcher._themes) // 2
    root = Path(__file__).resolve().parents[2]
    files = sorted((root / "sample_data").glob("*.txt")) + sorted((root.parent / "shared" / "real-letters").glob("*"))
    texts = [finding.text for path in files for finding in parse(path.read_bytes()).findings]
    if len(files) <= 5:  # ../shared absent: the sample letters alone hold fewer than 100 findings
        assert len(texts) > 50
    else:
        assert len(texts) > 100
    assert [matcher.match(t) for t in texts] == [plain.match(t) for t in texts]
    assert any(matcher.match(t) for t in texts)


@pytest.mark.parametrize(
    ("alternative", "lead"),
    [
        (r"\bsafeguards?\b", "safeguard"),  # the optional "s" is left out
        (r"\bchild(?:ren)?", "child"),
        (r"\bmedical diagnos[ie]s\b", "medical diagnos"),
        (r"abc*", "ab"),
        (r"\bx{2}", ""),
        (r"\ba+", ""),
        (r"(?:a|b)c", ""),
        (r"\b\w+ing", ""),
        (r"\bno\.", "no"),
        (r"\b", ""),
        ("", ""),
    ],
)
def test_leading_literal_is_text_every_match_starts_with(alternative, lead):
    assert theme_patterns.leading_literal(alternative) == lead
    for match in re.finditer(alternative, "safeguard safeguards children medical diagnosis abcc xx aaa noting no. ac"):
        assert match.group().startswith(lead)
