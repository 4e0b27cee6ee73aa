"""Run inside Django (a child process): stream the full CSV export of all findings through the test client and
print JSON {seconds, rows, bytes, rss_before_mb}. The parent measures this process's peak RSS."""

from __future__ import annotations

import json
import resource
import time

import django

URL = "/findings/export.csv"


def main() -> int:
    django.setup()
    from django.test import Client

    client = Client()
    client.get("/findings/?q=warmup")  # load the app as a server would have it loaded, before the export
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    response = client.get(URL)
    records, size = 0, 0
    for chunk in response.streaming_content:
        size += len(chunk)
        records += chunk.count(b"\r\n")  # csv ends each record with CRLF; line breaks inside a field are bare LF
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": seconds,
                "rows": records - 1,
                "bytes": size,
                "rss_before_mb": rss_before,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
