"""Serve a SQLite file with Datasette on a free loopback port for the length of a `with` block."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

# Facets and queries may take as long as they need (Datasette's defaults stop them at 0.2 s and 1 s); no suggested
# facets, so that each page computes exactly the four facets asked for, as the archive's pages do.
SETTINGS = {"facet_time_limit_ms": "60000", "sql_time_limit_ms": "60000", "suggest_facets": "off"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(datasette: Path, database: Path, log: Path) -> Iterator[str]:
    """Yield the base URL ("http://127.0.0.1:PORT") of a Datasette serving ``database`` read-only (immutable)."""
    port = _free_port()
    command = [str(datasette), "serve", "-i", str(database), "-h", "127.0.0.1", "-p", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    with log.open("w") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/-/versions.json", timeout=5) as response:
                        response.read()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"datasette did not start: see {log}") from None
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
