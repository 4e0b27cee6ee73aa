"""Time GET requests to Datasette over HTTP on loopback: each URL's JSON twin first, untimed, to check that no
query or facet timed out; then ``repeat`` timed requests of the HTML pages, in turn."""

from __future__ import annotations

import json
import sys

from bench.serve import get


def json_twin(path: str) -> str:
    head, question, query = path.partition("?")
    return f"{head}.json{question}{query}"


def peer_problem(path: str, status: int, body: bytes) -> str | None:
    """What is wrong with the JSON twin's answer (a status, a facet that timed out), or None."""
    timed_out = json.loads(body).get("facets_timed_out") if status == 200 else None
    return f"{path}: status {status}, facets timed out: {timed_out}" if status != 200 or timed_out else None


def time_urls(base: str, paths: tuple[str, ...], repeat: int) -> dict:
    problems = []
    for path in paths:
        problem = peer_problem(path, *get(base + json_twin(path))[1:])
        if problem:
            problems.append(problem)
        get(base + path)
    samples = []
    for i in range(repeat):
        ms, status, _ = get(base + paths[i % len(paths)])
        samples.append(ms)
        if status != 200:
            problems.append(f"{paths[i % len(paths)]}: status {status}")
    if problems:
        print(f"      datasette: {'; '.join(sorted(set(problems)))}", file=sys.stderr, flush=True)
    return {"ms": samples, "problems": sorted(set(problems))}
