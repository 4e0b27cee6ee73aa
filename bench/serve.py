"""A server in a child process on a free loopback port for the length of a `with` block (the app under gunicorn,
Datasette), and one timed GET."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

TIMEOUT_S = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[float, int, bytes]:
    """(milliseconds, status, body) of one GET, the body read whole."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, body


@contextlib.contextmanager
def serving(
    command: list[str], port: int, ready_path: str, log: Path, env: dict[str, str] | None = None, cwd: str | None = None
) -> Iterator[str]:
    """Start ``command`` (which listens on 127.0.0.1:``port``), yield its base URL once ``ready_path`` answers 200,
    stop it afterwards."""
    with log.open("w") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + ready_path, timeout=5) as response:
                        response.read()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"{command[0]} did not start: see {log}") from None
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=10)
            if server.poll() is None:  # still there after 10 s
                server.kill()
                server.wait()
