"""Run inside Django (a child process): time pages through Django's test client, as a browser would get them.

Reads {"cases": [{"name", "urls", "expect_mark"}], "repeat": N, "budget_s": S} on stdin; prints JSON with, per
case, the "first" samples (each request right after every Django cache is cleared) and the "repeated" samples (the
same URLs again, caches left as the app left them), in milliseconds, and the SQL a request runs. A page slower than
the budget gets fewer samples (at least 3), so that a run stays bounded.
"""

from __future__ import annotations

import json
import sys
import time

import django


def _clear_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def _get(client, url: str) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return (time.perf_counter() - started) * 1000, response


def _queries(client, url: str) -> dict:
    """One more request with its SQL captured (untimed: capturing costs time itself)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _clear_caches()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    timed = sorted(
        ({"ms": float(q["time"]) * 1000, "sql": q["sql"][:400]} for q in captured.captured_queries),
        key=lambda q: -q["ms"],
    )
    return {"count": len(timed), "sql_ms": sum(q["ms"] for q in timed), "slowest": timed[:3]}


def _over_budget(samples: list[float], budget_s: float) -> bool:
    """Keep a slow page's run bounded: at least 3 samples, then stop once the samples add up to the budget."""
    return len(samples) >= 3 and sum(samples) / 1000 >= budget_s


def time_case(client, case: dict, repeat: int, budget_s: float) -> dict:
    urls = case["urls"]
    first, repeated, problems = [], [], []
    for i in range(repeat):
        if _over_budget(first, budget_s):
            problems.append(f"{urls[0]}: stopped after {len(first)} first requests (over {budget_s:.0f} s)")
            break
        _clear_caches()
        ms, response = _get(client, urls[i % len(urls)])
        first.append(ms)
        if response.status_code != 200:
            problems.append(f"{urls[i % len(urls)]}: status {response.status_code}")
    for url in urls:  # every URL once more, so that "repeated" never meets an empty cache
        _get(client, url)
    for i in range(repeat):
        if _over_budget(repeated, budget_s):
            problems.append(f"{urls[0]}: stopped after {len(repeated)} repeated requests (over {budget_s:.0f} s)")
            break
        ms, response = _get(client, urls[i % len(urls)])
        repeated.append(ms)
    _, response = _get(client, urls[0])
    body = response.content if not response.streaming else b""
    if case.get("expect_mark") and b"<mark>" not in body:
        problems.append(f"{urls[0]}: no highlighted hit (<mark>) on the page")
    return {
        "first_ms": first,
        "repeated_ms": repeated,
        "bytes": len(body),
        "problems": sorted(set(problems)),
        "queries": _queries(client, urls[0]),
    }


def main() -> int:
    spec = json.load(sys.stdin)
    django.setup()
    from django.test import Client

    client = Client()
    for case in spec["cases"]:  # warm the process (imports, templates, URL resolver) and the connection
        _get(client, case["urls"][0])
    results = {}
    for case in spec["cases"]:
        print(f"    {case['name']} …", file=sys.stderr, flush=True)
        results[case["name"]] = time_case(client, case, spec["repeat"], spec.get("budget_s", 120))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
