"""The headline table's four kinds of search page, requested of the archive (gunicorn, one worker) and of Datasette
side by side over HTTP, every request a first one: each word or (council, theme) pair is asked for once per server
per round, and rounds use words of their own (bench/draw.py), so no page comes from a cache.

The two requests of a word go one after the other, which server first alternating from word to word, so that the
machine's other work falls on both alike.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from urllib.parse import urlencode

from bench.datasette.timing import json_twin, peer_problem
from bench.serve import get
from bench.words import BROAD, SELECTIVE, band_text

PEER_PAGE = [("_size", "20"), ("_facet_size", "max")]
PEER_FINDING_FACETS = [("_facet", "council"), ("_facet", "year"), ("_facet", "section"), ("_facet_array", "themes")]
# Letters: the facets the figures were measured with (no themes: see bench/datasette/load.py).
PEER_LETTER_FACETS = [("_facet", "council"), ("_facet", "year"), ("_facet", "framework")]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    drawn: str  # which of bench/draw.py's sets it requests: "broad", "selective" or "pairs"
    words: bool  # a word search: hits must come back highlighted


KINDS = [
    Kind("findings-broad", f"findings, a broad word (in {band_text(BROAD)} of findings) + facets", "broad", True),
    Kind("findings-selective", f"findings, a selective word ({band_text(SELECTIVE)}) + facets", "selective", True),
    Kind("letters-broad", "letters, a broad word + facets", "broad", True),
    Kind("council-theme", "findings, one council + one theme, no words", "pairs", False),
]
NAMES = [kind.name for kind in KINDS]


def _url(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}"


def urls(kind: Kind, item) -> tuple[str, str]:
    """(the archive's URL, Datasette's) for one drawn word or [council, theme] pair."""
    if kind.name == "letters-broad":
        return (
            _url("/letters/", [("q", item)]),
            _url("/archive/letters", [("_search", item), *PEER_LETTER_FACETS, *PEER_PAGE]),
        )
    if kind.drawn == "pairs":
        council, theme = item
        return (
            _url("/findings/", [("council", council), ("theme", theme)]),
            _url(
                "/archive/findings",
                [("council", council), ("themes__arraycontains", theme), *PEER_FINDING_FACETS, *PEER_PAGE],
            ),
        )
    return (
        _url("/findings/", [("q", item)]),
        _url("/archive/findings", [("_search", item), *PEER_FINDING_FACETS, *PEER_PAGE]),
    )


def warm_up(app: str, peer: str | None, warmup: dict) -> None:
    """Every item of the warm-up set (its own words and pairs, never a timed one) once on each server, untimed: a
    server's first few dozen requests are slower than its steady state (imports and templates, the interpreter's
    specialisation, the database connection's catalogue and prepared statements, the search index's pages), and a
    deployed server has long left them behind. The timed words stay first requests."""
    for kind in KINDS:
        for item in warmup.get(kind.drawn) or []:
            ours, theirs = urls(kind, item)
            get(app + ours)
            if peer:
                get(peer + theirs)


def time_round(app: str, peer: str | None, drawn: dict, log=print) -> dict[str, dict]:
    """One round: every kind's items once on each server. Per kind: the app's and the peer's samples (ms) in the
    order of the items, the items, the peer's match counts, and any problems."""
    results = {}
    for kind in KINDS:
        ours_ms, peer_ms, matches, problems = [], [], [], []
        log(f"    {kind.name} …")
        for i, item in enumerate(drawn[kind.drawn]):
            ours, theirs = urls(kind, item)
            order = ["app", "peer"] if i % 2 == 0 else ["peer", "app"]
            for side in order:
                if side == "app":
                    ms, status, body = get(app + ours)
                    ours_ms.append(ms)
                    if status != 200:
                        problems.append(f"{ours}: status {status}")
                    elif kind.words and b"<mark>" not in body:
                        problems.append(f"{ours}: no highlighted hit (<mark>) on the page")
                elif peer:
                    ms, status, _ = get(peer + theirs)
                    peer_ms.append(ms)
            if peer:  # untimed, after both: facets that timed out, and how many rows matched
                status, body = get(peer + json_twin(theirs))[1:]
                problem = peer_problem(theirs, status, body)
                if problem:
                    problems.append(problem)
                matches.append(_filtered_count(status, body))
        results[kind.name] = {"ms": ours_ms, "peer_ms": peer_ms, "items": drawn[kind.drawn], "peer_matches": matches}
        results[kind.name]["problems"] = problems
    return results


def _filtered_count(status: int, body: bytes) -> int | None:
    return json.loads(body).get("filtered_table_rows_count") if status == 200 else None


def log_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
