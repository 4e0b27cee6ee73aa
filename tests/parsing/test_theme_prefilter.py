"""The Hyperscan prefilter (letters/parsing/theme_prefilter.py) only saves work: with it, every text gets exactly the
themes it gets when every theme's patterns run on it."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.parsing import parse, theme_prefilter
from letters.parsing.theme_prefilter import prefilterable, scannable
from letters.parsing.themes import ThemeMatcher, ThemeRule, load_default_themes, rules_from_dicts, validate_pattern
from tests.conftest import SAMPLE_DIR, SHARED_DIR

pytestmark = [
    pytest.mark.skipif(theme_prefilter.hyperscan is None, reason="the hyperscan wheel is not installed"),
    pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning"),  # '[[:alpha:]]' on purpose
]


def _both(rules: list[ThemeRule]) -> tuple[ThemeMatcher, ThemeMatcher]:
    return ThemeMatcher(rules, prefilter_after=0), ThemeMatcher(rules, prefilter_after=None)


def _shipped() -> tuple[ThemeMatcher, ThemeMatcher]:
    return _both(rules_from_dicts(load_default_themes()))


def _findings(folder) -> list[str]:
    return [finding.text for path in sorted(folder.glob("*.txt")) for finding in parse(path.read_bytes()).findings]


def test_the_shipped_themes_are_all_prefiltered():
    fast, _ = _shipped()
    assert fast._prefilter.available
    assert fast._prefilter._unfiltered_includes == {}
    assert fast._prefilter._unfiltered_excludes == set()


def test_the_sample_letters_get_the_same_themes_with_and_without_the_prefilter():
    fast, slow = _shipped()
    texts = _findings(SAMPLE_DIR)
    assert texts
    assert [fast.match(text) for text in texts] == [slow.match(text) for text in texts]


@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="../shared is not beside the project")
@pytest.mark.parametrize("folder", ["real-letters", "real-reports", "real-jtai"])
def test_real_documents_get_the_same_themes_with_and_without_the_prefilter(folder):
    fast, slow = _shipped()
    texts = _findings(SHARED_DIR / folder)
    assert texts
    assert [fast.match(text) for text in texts] == [slow.match(text) for text in texts]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bab{,2}c\b", "an abbc here"),  # Python's {,2} is {0,2}; PCRE reads a literal
        (r"\b[[:alpha:]]x\b", "ba:]x here"),  # a class of '[', ':', 'a', … in Python; a POSIX class in PCRE
        (r"\bcaf\u00e9\b", "the caf\u00e9 opens"),  # a non-ASCII pattern
        (r"\bx{2,90000}y", "xxy"),  # a repeat Hyperscan refuses
        (r"(?i:\bMASH\b)", "the mash team"),  # kept with IGNORECASE
    ],
)
def test_patterns_hyperscan_could_read_otherwise_still_match(pattern, text):
    rule = ThemeRule("t", "T", (pattern, r"\bunrelated\b"))
    assert validate_pattern(pattern) is None
    fast, slow = _both([rule, ThemeRule("u", "U", (r"\bhere\b|\bopens\b|\bteam\b|\bxxy\b|\bb\b",))])
    assert fast._prefilter.available
    assert fast.match(text) == slow.match(text)
    assert "t" in fast.match(text)
    assert fast._prefilter._unfiltered_includes == {0: None}  # the other theme is still prefiltered


def test_prefilterable_refuses_what_pcre_reads_otherwise():
    assert prefilterable(r"\bcare leavers?\b")
    assert prefilterable(r"\boversight\b(?=[^.]{0,60}\bmanag)")
    assert not prefilterable(r"a{,3}")
    assert not prefilterable(r"[[:digit:]]")
    assert not prefilterable("caf\u00e9")
    assert not prefilterable("a\tb")


def test_scannable_stands_in_for_punctuation_and_gives_up_on_letters_digits_and_spaces():
    assert scannable("plain text") == b"plain text"
    assert scannable("2019\u20132020 \u00a3 5") == b"2019\x012020 \x01 5"
    assert scannable("caf\u00e9") is None
    assert scannable("\u0663 children") is None  # an Arabic-Indic digit: \d and \w in Python
    assert scannable("a\u2003b") is None  # an em space: \s in Python


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("care leavers \u2013 good", ["t"]),  # a dash stands in as \x01: still a word boundary
        ("care\u2013leavers", ["t"]),  # \W in both
        ("cafécare leavers", []),  # no word boundary before 'care' after an accented letter
        ("care leavers\u00e9", []),
        ("caf\u00e9 care leavers", ["t"]),
    ],
)
def test_non_ascii_text_keeps_pythons_word_boundaries(text, expected):
    fast, slow = _both([ThemeRule("t", "T", (r"\bcare\W{1,2}leavers\b",))])
    assert slow.match(text) == expected
    assert fast.match(text) == expected


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\w+leavers\b", "\u00e9leavers"),  # an accented letter is \w to Python
        (r"\bleavers\s\w", "leavers\u2003x"),  # an em space is \s
        (r"\bsection \d\b", "section \u0663"),  # an Arabic-Indic digit is \d
    ],
)
def test_text_whose_letters_digits_or_spaces_are_not_ascii_still_matches(pattern, text):
    fast, slow = _both([ThemeRule("t", "T", (pattern,))])
    assert slow.match(text) == ["t"]
    assert fast.match(text) == ["t"]


def test_excludes_still_mask_their_phrase_when_prefiltered():
    rule = ThemeRule("t", "T", (r"\bmissing\b",), (r"\bmissing (?:important )?details\b",))
    fast, slow = _both([rule])
    for text in ["missing important details", "missing details but children go missing", "children go missing"]:
        assert fast.match(text) == slow.match(text)
    assert fast.match("missing important details") == []
    assert fast.match("missing details but children go missing") == ["t"]


def test_without_hyperscan_every_theme_runs(monkeypatch):
    monkeypatch.setattr(theme_prefilter, "hyperscan", None)
    fast = ThemeMatcher([ThemeRule("t", "T", (r"\bcare\b",))], prefilter_after=0)
    assert not fast._prefilter.available
    assert fast.match("care") == ["t"]


def test_the_prefilter_is_compiled_only_after_many_texts():
    matcher = ThemeMatcher([ThemeRule("t", "T", (r"\bcare\b",))], prefilter_after=3)
    for _ in range(3):
        assert matcher.match("care") == ["t"]
        assert not matcher._prefilter._compiled  # a few texts: the patterns ran alone
    assert matcher.match("care") == ["t"]
    assert matcher._prefilter._compiled and matcher._prefilter.available


def test_a_default_matcher_parsing_one_letter_never_compiles_the_prefilter():
    matcher = ThemeMatcher(rules_from_dicts(load_default_themes()))
    path = sorted(SAMPLE_DIR.glob("*.txt"))[0]
    assert parse(path.read_bytes(), themes=matcher).findings
    assert not matcher._prefilter._compiled


def test_threads_each_scan_with_their_own_scratch():
    fast, slow = _shipped()
    texts = _findings(SAMPLE_DIR)
    expected = [slow.match(text) for text in texts]
    results: list[list] = []
    errors: list[BaseException] = []

    def run():
        try:
            for _ in range(5):
                results.append([fast.match(text) for text in texts])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 20
    assert all(result == expected for result in results)


PATTERN_PIECES = [
    "care", "plan", r"\b", r"\B", "[- ]?", "(?:plan|leaver)s?", r"\s", r"\S", r"\W", r"\w+", r"\d", "[a-c]",
    "[^x]", ".", "'", "-", " ", "(?=s)", "(?<!x)", "(?!e)", "{,2}", "{1,3}", "[[:alpha:]]", "x{2,70000}", "(?i:x)",
    "\u00e9", "|", "(?>a+)", "a++", r"[^\w]", r"[\d-]",
]  # fmt: skip
TEXT_PIECES = [
    "care", "plans", "leaver", "-", " ", "x", "1", "s", "e", "a", "\u00e9", "\u2013", "\u00a3", "\u0663", "\u2003",
    "{,2}", ":", "[", "]", "'", "\u2019",
]  # fmt: skip
PATTERNS = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=5).map("".join)


@given(
    st.lists(PATTERNS, min_size=1, max_size=4),
    st.lists(PATTERNS, max_size=2),
    st.lists(st.sampled_from(TEXT_PIECES), max_size=14).map("".join),
)
@settings(max_examples=300, deadline=None)
def test_any_rules_give_the_same_themes_with_and_without_the_prefilter(includes, excludes, text):
    include = tuple(p for p in includes if validate_pattern(p) is None)
    exclude = tuple(p for p in excludes if validate_pattern(p) is None)
    if not include:
        return
    rules = [ThemeRule("t", "T", include, exclude), ThemeRule("u", "U", (r"\bcare\b",), exclude)]
    fast, slow = _both(rules)
    assert fast.match(text) == slow.match(text)


def test_a_compiled_database_is_kept_in_the_store_and_used_from_the_first_text_of_the_next_run(tmp_path):
    from letters.parsing.compiled_store import FolderStore

    rules = rules_from_dicts(load_default_themes())
    texts = _findings(SAMPLE_DIR)
    store = FolderStore(tmp_path / "compiled")
    first = ThemeMatcher(rules, prefilter_after=0, prefilter_store=store)
    answers = [first.match(text) for text in texts]
    (saved,) = (tmp_path / "compiled").iterdir()  # compiled once and saved under the rules' key
    later = ThemeMatcher(rules, prefilter_after=10**9, prefilter_store=store)
    assert later._prefilter.scan(texts[0].lower()) is not None  # no waiting: the database was in the store
    assert [later.match(text) for text in texts] == answers == [_both(rules)[1].match(text) for text in texts]
    # Other rules have another key: they wait as before, and are not given this database.
    other = ThemeMatcher(rules[:-1], prefilter_after=10**9, prefilter_store=store)
    assert other._prefilter.scan(texts[0].lower()) is None


def test_a_stored_database_this_hyperscan_cannot_load_is_compiled_anew_and_replaced(tmp_path):
    from letters.parsing.compiled_store import FolderStore

    rules = rules_from_dicts(load_default_themes())
    store = FolderStore(tmp_path)
    assert ThemeMatcher(rules, prefilter_after=0, prefilter_store=store)._prefilter.available
    (saved,) = tmp_path.iterdir()
    saved.write_bytes(b"not a hyperscan database")
    again = ThemeMatcher(rules, prefilter_after=0, prefilter_store=store)
    assert again._prefilter.available
    assert saved.read_bytes() != b"not a hyperscan database"
    texts = _findings(SAMPLE_DIR)
    assert [again.match(text) for text in texts] == [_both(rules)[1].match(text) for text in texts]


def _shipped_alternatives() -> list[str]:
    from letters.parsing.theme_patterns import folded_alternatives

    return [a for rule in rules_from_dicts(load_default_themes()) for a in folded_alternatives(rule.include) or ()]


def test_most_shipped_alternatives_are_confirmed_where_their_leading_words_are():
    confirmations = [theme_prefilter.Confirmation(alternative) for alternative in _shipped_alternatives()]
    assert sum(1 for c in confirmations if c.lead) > 0.6 * len(confirmations)


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_a_confirmation_finds_a_match_exactly_where_a_search_does(data):
    alternative = data.draw(st.sampled_from(_shipped_alternatives()))
    confirmation = theme_prefilter.Confirmation(alternative)
    words = [confirmation.lead or "x", confirmation.lead[:-1] or "y", "s", "es", " ", "-", "the ", "children", "x",
             "of ", "are ", "were ", "'", ".", "\n", "not "]  # fmt: skip
    text = "".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    assert confirmation.search(text) == (confirmation.pattern.search(text) is not None)


def test_confirmations_agree_with_a_search_on_the_findings_of_the_samples():
    confirmations = [theme_prefilter.Confirmation(alternative) for alternative in _shipped_alternatives()]
    texts = [text.lower() for text in _findings(SAMPLE_DIR)]
    for confirmation in confirmations:
        for text in texts:
            assert confirmation.search(text) == (confirmation.pattern.search(text) is not None), confirmation.pattern
    assert any(c.search(t) for c in confirmations if c.lead for t in texts)  # the leading words are found at all


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"\bcare\b", "daycare care", True),  # the first place is no match, the second is
        (r"\bcare\b", "daycare", False),  # \b sees the character before the leading word
        (r"\baaab", "aaaab", False),
        (r"abab\b", "ababab", True),  # places that overlap are all tried: the first is no match, the second is
    ],
)
def test_a_confirmation_tries_every_place_its_leading_words_are(pattern, text, found):
    assert theme_prefilter.Confirmation(pattern).search(text) is found
