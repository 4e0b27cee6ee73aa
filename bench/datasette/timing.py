"""Time GET requests to Datasette over HTTP on loopback: each URL's JSON twin first, untimed, to check that no
query or facet timed out; then ``repeat`` timed requests of the HTML pages, in turn."""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request

TIMEOUT_S = 180


def _get(url: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, body


def _json_twin(path: str) -> str:
    head, question, query = path.partition("?")
    return f"{head}.json{question}{query}"


def time_urls(base: str, paths: tuple[str, ...], repeat: int) -> dict:
    problems = []
    for path in paths:
        _, status, body = _get(base + _json_twin(path))
        timed_out = json.loads(body).get("facets_timed_out") if status == 200 else None
        if status != 200 or timed_out:
            problems.append(f"{path}: status {status}, facets timed out: {timed_out}")
        _get(base + path)
    samples = []
    for i in range(repeat):
        ms, status, _ = _get(base + paths[i % len(paths)])
        samples.append(ms)
        if status != 200:
            problems.append(f"{paths[i % len(paths)]}: status {status}")
    if problems:
        print(f"      datasette: {'; '.join(sorted(set(problems)))}", file=sys.stderr, flush=True)
    return {"ms": samples, "problems": sorted(set(problems))}
