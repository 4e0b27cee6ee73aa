"""Time the parser on pathological inputs, each at three sizes, to show how its time grows with the input.

    .venv/bin/python bench/parser_worst_cases.py [--scale 1.0] [--only NAME ...]

For each case it prints the seconds per parse at n, 2n and 4n, and the growth exponent between the last two
sizes (1 is linear, 2 quadratic). A case over the --limit (2 s by default) at its largest size is flagged.
Pure parser, no database. Figures are for a report, never for a test: tests count work instead.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from letters.parsing import parse  # noqa: E402

SEED = (ROOT / "sample_data" / "001_a4209e73c953c179.txt").read_bytes()
HEAD, HEADING, TAIL = SEED.partition(b"Headline findings")


def in_findings(body: bytes) -> bytes:
    """``body`` as the letter's findings: after the salutation and a section heading, before the sign-off."""
    return HEAD + b"Strengths\n\n" + body + b"\n\n" + HEADING + TAIL


# name -> (how to build an input of size n, n at the smallest size)
CASES: dict[str, tuple[Callable[[int], bytes], int]] = {
    "letter_repeated_to_n_bytes": (lambda n: (SEED * (n // len(SEED) + 1))[:n], 1_250_000),
    "one_line_without_spaces": (lambda n: b"x" * n + b"\n\n" + SEED, 200_000),
    "one_line_without_spaces_in_findings": (lambda n: in_findings(b"x" * n), 200_000),
    "one_paragraph_of_words": (lambda n: in_findings(b"word " * (n // 5) + b"."), 200_000),
    "bullets": (lambda n: in_findings(b"".join(b"- Point %d is made.\n" % i for i in range(n))), 25_000),
    "lower_case_paragraphs_that_continue": (
        lambda n: in_findings(b"".join(b"and point %d goes on\n\n" % i for i in range(n))),
        25_000,
    ),
    "lower_case_bullets": (lambda n: in_findings(b"".join(b"- and point %d\n" % i for i in range(n))), 25_000),
    "lines_that_run_on": (lambda n: in_findings(b"".join(b"and then %d more\n" % i for i in range(n))), 25_000),
    "blank_lines": (lambda n: SEED.replace(b"Dear Niki", b"\n" * n + b"Dear Niki"), 12_500),
    "blank_lines_in_findings": (lambda n: in_findings(b"Some finding.\n" + b"\n" * n + b"Another one.\n"), 12_500),
    "spaces_then_a_glyph": (lambda n: in_findings(b"a" + b" " * n + "•".encode() + b"b\n"), 100_000),
    "nested_html": (lambda n: in_findings(b"<ul>" * n + b"<li>Point.</li>" + b"</ul>" * n), 12_500),
    "unclosed_tags": (lambda n: in_findings(b"<li" + b" x" * n + b"\n"), 50_000),
    "dear_lines": (lambda n: SEED + b"Dear Sir\n" * n, 12_500),
    "headings": (lambda n: in_findings(b"Strengths\n\nAreas for development\n\n" * n), 12_500),
    "day_lists_without_a_month": (lambda n: in_findings(b"on " + b"1 and " * n + b"visit\n"), 12_500),
    "inspector_phrases_without_a_full_stop": (lambda n: in_findings(b"inspector was Ann Lee " * n), 5_000),
    "majesty_phrases_without_a_full_stop": (
        lambda n: in_findings(b"Her Majesty's Inspectors were Ann Lee " * n),
        5_000,
    ),
    "council_phrases": (lambda n: in_findings(b"visit to Some Place children's services " * n), 5_000),
    "dates_everywhere": (lambda n: in_findings(b"on 12 March 2020 and " * n + b"more.\n"), 12_500),
    "footnote_like_lines": (lambda n: in_findings(b"1 see this http://x " * n + b"\n"), 12_500),
}


def measure(build: Callable[[int], bytes], n: int) -> tuple[int, float, int]:
    raw = build(n)
    started = time.perf_counter()
    parsed = parse(raw)
    seconds = time.perf_counter() - started
    assert not any("parser failed" in error for error in parsed.errors), parsed.errors
    return len(raw), seconds, len(parsed.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every case's sizes")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a parse may take before it is flagged")
    parser.add_argument("--only", nargs="*", help="case names to run")
    args = parser.parse_args(argv)
    print(f"{'case':40} {'bytes (4n)':>12} {'n':>8} {'2n':>8} {'4n':>8}  growth  findings")
    slow = []
    for name, (build, base) in CASES.items():
        if args.only and name not in args.only:
            continue
        n = max(1, int(base * args.scale))
        runs = [measure(build, size) for size in (n, 2 * n, 4 * n)]
        (_, t1, _), (_, t2, _), (size, t4, findings) = runs
        growth = math.log2(t4 / t2) if t2 > 0.005 and t4 > 0 else float("nan")
        flag = "  SLOW" if t4 > args.limit else ""
        print(f"{name:40} {size:12,} {t1:8.3f} {t2:8.3f} {t4:8.3f}  {growth:6.2f}  {findings:8}{flag}", flush=True)
        if flag:
            slow.append(name)
    if slow:
        print(f"over {args.limit} s at 4n: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
