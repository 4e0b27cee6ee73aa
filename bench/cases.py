"""The other page benchmarks, timed through Django's test client (bench/pages.py): each one's URLs on the archive
and the equivalent Datasette request. The headline's search pages are in bench/headline.py.

Datasette serves the same letters and findings (bench/datasette/load.py) from a database named ``archive``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from bench.headline import PEER_FINDING_FACETS, PEER_PAGE


@dataclass(frozen=True)
class PageCase:
    name: str  # what --only names
    benchmark: int
    label: str
    ours: tuple[str, ...]  # URLs, requested in turn
    peer: tuple[str, ...]  # Datasette paths, requested in turn; empty if it has no equivalent
    expect_mark: bool = False  # a word search: hits must come back highlighted


def _url(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def page_cases(picks: dict) -> list[PageCase]:
    top = picks["councils"][0]
    return [
        PageCase(
            "browse",
            2,
            "findings, no query (browse)",
            ("/findings/",),
            (_url("/archive/findings", PEER_FINDING_FACETS + PEER_PAGE),),
        ),
        PageCase(
            "letter-page",
            4,
            "a letter page",
            tuple(letter["url"] for letter in picks["letter_pages"]),
            tuple(f"/archive/letters/{letter['id']}" for letter in picks["letter_pages"]),
        ),
        PageCase(
            "council-page",
            4,
            f"a council page ({top['slug']}, {top['letters']} letters)",
            (top["url"],),
            (_url("/archive/letters", [("council", top["slug"]), ("_sort_desc", "letter_date"), ("_facet", "year")]),),
        ),
    ]
