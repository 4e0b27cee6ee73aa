"""The parser's cost is bounded by its input, whatever the input: never raises, never hangs, and what it finds
comes from the letter.

No test here reads a clock. Growth is shown by counting work: every call the parser makes to a regular expression
is counted with the length of the text it hands over, and for each pathological family of inputs the count at 4n
units must stay within a linear bound of the count at n. A loop that re-scans a growing string (quadratic) shows
up as a 16-fold count. Work the count cannot see (backtracking inside one regex call, string copying) is covered
by parsing the big inputs outright; bench/parser_worst_cases.py prints their seconds.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import letters.parsing
from letters.parsing import parse
from letters.parsing.letter import MAX_CHARS, MAX_FINDINGS
from tests.conftest import SAMPLE_DIR

SEED = (SAMPLE_DIR / "001_a4209e73c953c179.txt").read_bytes()  # Stoke-on-Trent, 15 findings
HEAD, HEADING, TAIL = SEED.partition(b"Headline findings")


def in_findings(body: bytes) -> bytes:
    """``body`` placed as the letter's findings: after a section heading, before the rest of the letter."""
    return HEAD + b"Strengths\n\n" + body + b"\n\n" + HEADING + TAIL


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parser_failed(parsed) -> bool:
    return any("parser failed" in error for error in parsed.errors)


# --- counting the work handed to regular expressions ---------------------------------------------------------


class Work:
    def __init__(self) -> None:
        self.chars = 0

    def add(self, string, pos: int = 0) -> None:
        if isinstance(string, str | bytes):
            self.chars += max(0, len(string) - pos)


class CountingPattern:
    """A compiled pattern that adds the length of each text it is given to ``work``."""

    def __init__(self, pattern: re.Pattern, work: Work):
        self._pattern, self._work = pattern, work

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def _scan(self, method: str, string, *args, **kwargs):
        self._work.add(string, (args[0] if args else kwargs.get("pos", 0)) if method != "split" else 0)
        return getattr(self._pattern, method)(string, *args, **kwargs)

    def search(self, string, *args, **kwargs):
        return self._scan("search", string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        return self._scan("match", string, *args, **kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return self._scan("fullmatch", string, *args, **kwargs)

    def findall(self, string, *args, **kwargs):
        return self._scan("findall", string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        return self._scan("finditer", string, *args, **kwargs)

    def split(self, string, *args, **kwargs):
        return self._scan("split", string, *args, **kwargs)

    def sub(self, repl, string, *args, **kwargs):
        self._work.add(string)
        return self._pattern.sub(repl, string, *args, **kwargs)

    def subn(self, repl, string, *args, **kwargs):
        self._work.add(string)
        return self._pattern.subn(repl, string, *args, **kwargs)


class CountingRe:
    """Stands in for the ``re`` module inside the parser's modules: module-level calls are counted too."""

    def __init__(self, work: Work):
        self._work = work

    def __getattr__(self, name):
        return getattr(re, name)

    def compile(self, pattern, flags=0):
        return CountingPattern(re.compile(pattern, flags), self._work)

    def _call(self, method, pattern, string, *args, flags=0, **kwargs):
        return getattr(self.compile(pattern, flags), method)(string, *args, **kwargs)

    def search(self, pattern, string, flags=0):
        return self._call("search", pattern, string, flags=flags)

    def match(self, pattern, string, flags=0):
        return self._call("match", pattern, string, flags=flags)

    def fullmatch(self, pattern, string, flags=0):
        return self._call("fullmatch", pattern, string, flags=flags)

    def findall(self, pattern, string, flags=0):
        return self._call("findall", pattern, string, flags=flags)

    def finditer(self, pattern, string, flags=0):
        return self._call("finditer", pattern, string, flags=flags)

    def split(self, pattern, string, maxsplit=0, flags=0):
        return self._call("split", pattern, string, maxsplit, flags=flags)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).subn(repl, string, count)


def _wrap(value, work: Work, depth: int = 0):
    if isinstance(value, re.Pattern):
        return CountingPattern(value, work)
    if depth < 2 and isinstance(value, list | tuple) and any(isinstance(v, re.Pattern | list | tuple) for v in value):
        wrapped = [_wrap(v, work, depth + 1) for v in value]
        return wrapped if isinstance(value, list) else tuple(wrapped)
    return value


def parser_modules():
    for info in pkgutil.iter_modules(letters.parsing.__path__, "letters.parsing."):
        yield importlib.import_module(info.name)


@pytest.fixture
def count_work(monkeypatch) -> Callable[[bytes], int]:
    """``count_work(raw)`` parses ``raw`` and returns the characters its regular expressions were handed."""
    work = Work()
    for module in parser_modules():
        for name, value in list(vars(module).items()):
            if value is re:
                monkeypatch.setattr(module, name, CountingRe(work))
            elif (wrapped := _wrap(value, work)) is not value:
                monkeypatch.setattr(module, name, wrapped)

    def count(raw: bytes) -> int:
        work.chars = 0
        parsed = parse(raw)
        assert not parser_failed(parsed), parsed.errors
        return work.chars

    return count


# name -> (input of k units, n units, why it grows faster than linear today, or "")
FAMILIES: dict[str, tuple[Callable[[int], bytes], int, str]] = {
    "bullets": (lambda k: in_findings(b"".join(b"- Point %d is made.\n" % i for i in range(k))), 1000, ""),
    "lower_case_bullets": (lambda k: in_findings(b"".join(b"- and point %d\n" % i for i in range(k))), 400, ""),
    "lines_that_run_on": (
        lambda k: in_findings(b"".join(b"and then %d more\n" % i for i in range(k))),
        400,
        "",
    ),
    "paragraphs_that_run_on_over_blank_lines": (
        lambda k: in_findings(b"".join(b"and point %d goes on\n\n" % i for i in range(k))),
        400,
        "",
    ),
    "blank_lines_in_findings": (lambda k: in_findings(b"A finding.\n" + b"\n" * k + b"Another one.\n"), 2000, ""),
    "blank_lines_in_header": (lambda k: SEED.replace(b"Dear Niki", b"\n" * k + b"Dear Niki"), 2000, ""),
    "one_line_without_spaces": (lambda k: in_findings(b"x" * k), 20_000, ""),
    "one_paragraph_of_words": (lambda k: in_findings(b"word " * k + b"."), 4000, ""),
    "nested_html": (lambda k: in_findings(b"<ul>" * k + b"<li>Point.</li>" + b"</ul>" * k), 1000, ""),
    "unclosed_tags": (lambda k: in_findings(b"<li" + b" x" * k + b"\n"), 4000, ""),
    "glyph_bullets_in_a_line": (lambda k: in_findings("Point. ▪ ".encode() * k + b"\n"), 1000, ""),
    "dear_lines": (lambda k: SEED + b"Dear Sir\n" * k, 1000, ""),
    "headings": (lambda k: in_findings(b"Strengths\n\nAreas for development\n\n" * k), 500, ""),
    "page_furniture": (lambda k: in_findings(b"Page 3 of 9\n\fOfsted\n" * k + b"Point.\n"), 500, ""),
    "day_lists_without_a_month": (lambda k: in_findings(b"on " + b"1 and " * k + b"visit\n"), 1000, ""),
    "dates_everywhere": (lambda k: in_findings(b"on 12 March 2020 and " * k + b"more.\n"), 1000, ""),
    "inspector_phrases_without_a_full_stop": (lambda k: in_findings(b"inspector was Ann Lee " * k), 500, ""),
    "council_phrases": (lambda k: in_findings(b"visit to Some Place children's services " * k), 500, ""),
}


def marginal_work(count_work, build, n: int) -> tuple[float, float]:
    """Characters scanned per byte added, from n to 2n units and from 2n to 4n units."""
    sizes = [(len(raw), count_work(raw)) for raw in (build(n), build(2 * n), build(4 * n))]
    (b1, w1), (b2, w2), (b4, w4) = sizes
    return (w2 - w1) / (b2 - b1), (w4 - w2) / (b4 - b2)


@pytest.mark.parametrize("family", FAMILIES, ids=list(FAMILIES))
def test_work_grows_linearly_with_the_input(family, count_work, request):
    build, n, known = FAMILIES[family]
    if known:
        request.applymarker(pytest.mark.xfail(strict=True, reason=known))
    first, second = marginal_work(count_work, build, n)
    assert first > 0
    # Linear work costs the same per added byte at any size; quadratic work costs twice as much per byte each time
    # the input doubles. A quarter more leaves room for fixed costs that fade as the input grows.
    assert second <= 1.25 * first, f"{family}: {first:.1f} characters scanned per added byte, then {second:.1f}"


def test_the_counter_sees_a_quadratic_loop(count_work, monkeypatch):
    """The yardstick itself: re-scanning a growing string, as a careless join would, counts as quadratic."""
    import letters.parsing.blocks as blocks

    original = blocks.join_lines

    def careless_join(lines):
        out = ""
        for line in lines:
            blocks.re.search(r"x$", out)
            out += " " + line
        return original(lines)

    monkeypatch.setattr(blocks, "join_lines", careless_join)
    first, second = marginal_work(count_work, lambda k: in_findings(b"".join(b"w%d\n" % i for i in range(k))), 400)
    assert second > 1.5 * first


# --- big inputs parse outright ------------------------------------------------------------------------------------


def test_a_five_megabyte_text_is_parsed_up_to_the_limit_and_says_so():
    raw = SEED + (b"\n\nAnnex\n\nThe local authority has made progress. " * 200_000)[: 5 * 1024 * 1024]
    parsed = parse(raw)
    assert parsed.ok and not parser_failed(parsed)
    assert any(f"only the first {MAX_CHARS:,} were parsed" in warning for warning in parsed.warnings)
    assert len(parsed.verbatim_text) == len(raw)  # the whole text is kept, only its start is parsed
    assert len(parsed.cleaned_text) <= MAX_CHARS
    assert parsed.authority.slug == "stoke-on-trent" and len(parsed.findings) == 15


def test_two_hundred_kilobytes_of_one_line_without_spaces_parse():
    parsed = parse(in_findings(b"x" * 200_000))
    assert parsed.ok
    assert "x" * 200_000 in parsed.cleaned_text.split("\n\n")
    # One word without a full stop reads as a sub-heading, not a finding; the letter's own findings are all there.
    assert len(parsed.findings) == 15


def test_a_hundred_thousand_bullets_parse_and_the_findings_kept_are_capped_with_a_warning():
    parsed = parse(in_findings(b"".join(b"- Point %d.\n" % i for i in range(100_000))))
    assert parsed.ok
    strengths = [f.text for f in parsed.findings if f.section == "strength"]
    assert strengths[0] == "Point 0." and strengths[-1] == f"Point {MAX_FINDINGS - 1}."
    assert len(parsed.findings) == MAX_FINDINGS
    assert any("only the first 2,000 were kept" in warning for warning in parsed.warnings)


def test_fifty_thousand_blank_lines_parse():
    parsed = parse(in_findings(b"A finding.\n" + b"\n" * 50_000 + b"Another one.\n"))
    assert parsed.ok
    assert [f.text for f in parsed.findings[:2]] == ["A finding.", "Another one."]


def test_deeply_nested_html_parses():
    parsed = parse(in_findings(b"<div><ul>" * 10_000 + b"<li>A <b>bold</b> point.</li>" + b"</ul></div>" * 10_000))
    assert parsed.ok
    assert "A bold point." in [f.text for f in parsed.findings]


# --- arbitrary text ---------------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\f",
        "- ",
        "• ",
        "▪",
        "o ",
        "1. ",
        "Strengths\n",
        "Areas for development\n",
        "Areas for priority action\n",
        "Headline findings\n",
        "What needs to improve\n",
        "Main findings\n",
        "Findings\n",
        "Next steps\n",
        "Areas covered by the visit\n",
        "Inspectors looked at ",
        "This letter summarises the findings of the focused visit to Luton children's services on 2 May 2020.\n",
        "Yours sincerely\n",
        "Dear Ms Smith\n",
        "Her Majesty's Inspectors for this visit were Ann Lee and Bob Roe.\n",
        "Page 2 of 7\n",
        "Ofsted\n",
        "<ul><li>",
        "</li>",
        "<p>",
        "&amp;",
        "out-\n",
        "of-hours ",
        "the ",
        "and ",
        "(see ",
        "Social workers visit children regularly. ",
        "leaders have a clear understanding of practice. ",
        "They are:\n",
        "31 February 2020",
        "between 3 and 5 November 2020",
        " " * 12,
    ]
)
LETTER_LIKE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=80).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LETTER_LIKE)
def test_arbitrary_letter_like_text_never_fails_and_every_finding_is_in_the_cleaned_letter(body):
    for raw in (body.encode("utf-8", "surrogatepass"), in_findings(body.encode("utf-8", "surrogatepass"))):
        parsed = parse(raw)
        assert not parser_failed(parsed), parsed.errors
        cleaned = squash(parsed.cleaned_text)
        for finding in parsed.findings:
            assert finding.text.strip() and finding.section
            assert squash(finding.text) in cleaned, finding.text


@pytest.mark.parametrize(
    "body",
    [b"A finding.\n\nStrengths\n\nand more text.\n", b"A finding.\n\nThey are:\n\nand more text.\n"],
    ids=["over_a_heading", "over_a_lead_in"],
)
def test_a_finding_is_never_joined_across_a_block_it_skipped(body):
    parsed = parse(in_findings(body))
    cleaned = squash(parsed.cleaned_text)
    assert all(squash(finding.text) in cleaned for finding in parsed.findings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.integers(min_value=0, max_value=len(SEED)))
def test_arbitrary_bytes_spliced_into_a_letter_never_fail(noise, at):
    parsed = parse(SEED[:at] + noise + SEED[at:])
    assert not parser_failed(parsed), parsed.errors
    assert isinstance(parsed.to_dict(), dict)
