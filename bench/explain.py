"""Run inside Django (a child process): the SQL one page runs, each query with its plan — EXPLAIN (ANALYZE,
BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite — slowest first, as text on stdout.

    python -m bench.explain URL
"""

from __future__ import annotations

import sys

import django


def explain(url: str) -> str:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(url)  # warm: the plans below are of a warm cache, as the timed requests are
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    total = sum(float(q["time"]) for q in queries) * 1000
    out = [f"{url}: {len(queries)} queries, {total:.1f} ms of SQL (as timed by Django)\n"]
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for query in queries:
        sql = query["sql"]
        out.append(f"--- {float(query['time']) * 1000:.1f} ms\n{sql}\n")
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
        out.append("\n".join(" | ".join(str(cell) for cell in row) for row in rows) + "\n")
    return "\n".join(out)


if __name__ == "__main__":
    django.setup()
    sys.stdout.write(explain(sys.argv[1]))
