"""The page benchmarks (1–4): each one's URL on the archive and the equivalent Datasette request.

Datasette serves the same letters and findings (bench/datasette/load.py) from a database named ``archive``;
its facets are council, year, framework and themes (a JSON array, faceted with ``_facet_array``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

BROAD_WORD = "domestic"
SELECTIVE_WORD = "escalation"
PEER_FINDING_FACETS = [("_facet", "council"), ("_facet", "year"), ("_facet", "framework"), ("_facet_array", "themes")]
PEER_LETTER_FACETS = [("_facet", "council"), ("_facet", "year"), ("_facet", "framework")]
PEER_PAGE = [("_size", "20"), ("_facet_size", "max")]


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
    councils = [c["slug"] for c in picks["councils"]]
    theme = picks["theme"]
    top = picks["councils"][0]
    finding_facets = PEER_FINDING_FACETS + PEER_PAGE
    selected = [("council", slug) for slug in councils] + [("theme", theme)]
    peer_selected = [("council__in", ",".join(councils)), ("themes__arraycontains", theme)]
    return [
        PageCase(
            "findings-word",
            1,
            f"findings '{BROAD_WORD}' + facets",
            (_url("/findings/", [("q", BROAD_WORD)]),),
            (_url("/archive/findings", [("_search", BROAD_WORD), *finding_facets]),),
            expect_mark=True,
        ),
        PageCase(
            "findings-selective",
            1,
            f"findings '{SELECTIVE_WORD}' + facets",
            (_url("/findings/", [("q", SELECTIVE_WORD)]),),
            (_url("/archive/findings", [("_search", SELECTIVE_WORD), *finding_facets]),),
            expect_mark=True,
        ),
        PageCase(
            "browse",
            2,
            "findings, no query (browse)",
            ("/findings/",),
            (_url("/archive/findings", finding_facets),),
        ),
        PageCase(
            "browse-selected",
            2,
            "findings, 2 councils + a theme",
            (_url("/findings/", selected),),
            (_url("/archive/findings", [*peer_selected, *finding_facets]),),
        ),
        PageCase(
            "letters-word",
            3,
            f"letters '{BROAD_WORD}' + facets",
            (_url("/letters/", [("q", BROAD_WORD)]),),
            (_url("/archive/letters", [("_search", BROAD_WORD), *PEER_LETTER_FACETS, *PEER_PAGE]),),
            expect_mark=True,
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
