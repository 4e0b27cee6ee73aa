"""Property-based tests: the parser never raises, on any bytes, and what it finds comes from the letter."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.parsing import parse
from tests.conftest import SAMPLE_DIR

SEED = (SAMPLE_DIR / "001_a4209e73c953c179.txt").read_bytes()
FRAGMENTS = st.sampled_from(
    [
        "Dear Ms X\n",
        "Strengths\n",
        "- ",
        "▪",
        "\f",
        "\n\n\n",
        "Headline findings\n",
        "Main findings\n",
        "Yours sincerely\n",
        "<ul>",
        "<li>",
        "on 2 and 3 June 2010",
        "31 February 2020",
        "Her Majesty’s Inspectors for this visit were A and B.",
        "Focused visit to Luton children’s services\n",
        "What needs to improve?1\n",
        "◼\n",
        "Ofsted\n",
        "the ",
        "out-\n",
    ]
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_parse_never_raises_on_arbitrary_bytes(raw):
    result = parse(raw)
    assert isinstance(result.to_dict(), dict)
    assert not any("parser failed" in error for error in result.errors)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60))
def test_parse_never_raises_on_letter_like_text(parts):
    result = parse("".join(parts).encode("utf-8", "surrogatepass"))
    assert not any("parser failed" in error for error in result.errors)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEED)), st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_or_sliced_letters_never_raise_and_findings_come_from_the_cleaned_text(start, end):
    result = parse(SEED[min(start, end) : max(start, end)])
    assert not any("parser failed" in error for error in result.errors)
    cleaned = squash(result.cleaned_text)
    for finding in result.findings:
        assert squash(finding.text) in cleaned
