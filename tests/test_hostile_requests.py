"""Hostile requests against a live server: gunicorn on 127.0.0.1 with a 5-second worker timeout, serving a SQLite
archive of the sample letters made for this module. Odd numbers in every numeric parameter, control characters in
every text parameter, hundreds of facet values, very long values, NUL bytes in paths, the classes of issue 12:
no answer may be a 5xx, take more than 3 seconds or weigh more than 300 KB. Then the same server's code against a
database that is down and one that never answers: /healthz and pages answer 503, quickly.

Every loop is bounded and every server is killed in a ``finally``; the test skips when gunicorn cannot start.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from urllib.parse import quote, urlencode

import pytest

from tests.conftest import ROOT, SAMPLE_DIR, SEARCH_URLS

MAX_SECONDS = 3.0
MAX_BYTES = 300 * 1024
WORKER_TIMEOUT = 5
NUMERIC_PARAMS = ["year_from", "year_to", "year", "page"]
TEXT_PARAMS = ["q", "council", "region", "framework", "visit_type", "section", "theme", "sort"]
ODD_NUMBERS = [
    "-1e1000000",
    "1e1000000",
    "-1e5000",
    "9" * 3000,
    "-" + "9" * 3000,
    "9223372036854775807",
    "-9223372036854775809",
    "NaN",
    "-Infinity",
    "1.5e3",
    "0x7e4",
    "0b11111011110",
    "１９９９",
    "2020\x00",
    "-0",
    " ",
    "2020.000000000000000001",
]
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"
CONTROL_VALUES = [CONTROL, "\x00", "domestic\x00abuse", "\r\n\t", "\x1b[31mred", "\ufeff\u202e\u200b"]


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var_dir, **extra) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_", "PRODUCTION", "DEBUG"))}
    return {
        **keep,
        "OFSTED_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "ofsted_archive.settings",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


@contextmanager
def _gunicorn(env: dict[str, str]):
    """A gunicorn of two workers on a free port; yields the port once /healthz answers at all (any status)."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ofsted_archive.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            str(WORKER_TIMEOUT),
            "--graceful-timeout",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.skip("gunicorn did not start")
            try:
                _get(port, "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.skip("gunicorn did not answer within 60 s")
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _get(port: int, target: str) -> tuple[int, int, float]:
    """(status, body size, seconds) for one GET; the body is read in full (exports stream)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    started = time.monotonic()
    try:
        connection.request("GET", target, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
            if size > MAX_BYTES * 4:
                break
        return response.status, size, time.monotonic() - started
    finally:
        connection.close()


@pytest.fixture(scope="module")
def live_archive(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("hostile-var")
    env = _env(var_dir)
    for command in (["migrate", "-v0"], ["ingest_letters", str(SAMPLE_DIR), "--quiet", "--workers", "1"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-2000:]
    with _gunicorn(env) as port:
        yield port


def _targets() -> list[str]:
    targets = []
    for path in SEARCH_URLS:
        for param in NUMERIC_PARAMS:
            targets += [f"{path}?{urlencode({param: value})}" for value in ODD_NUMBERS]
        for param in TEXT_PARAMS:
            targets += [f"{path}?{urlencode({param: value})}" for value in CONTROL_VALUES]
        for param in ("council", "theme", "region", "year", "section"):
            targets.append(f"{path}?" + urlencode([(param, f"value-{n}") for n in range(300)]))
        targets.append(f"{path}?" + urlencode([("council", "stoke-on-trent")] * 200))
        targets.append(f"{path}?" + urlencode({"q": "domestic " * 400}))
        targets.append(f"{path}?" + urlencode({"council": "x" * 3500}))
    for page in ODD_NUMBERS:
        for path in ("/councils/stoke-on-trent/", "/themes/domestic-abuse/", "/frameworks/ilacs/", "/"):
            targets.append(f"{path}?{urlencode({'page': page})}")
    targets += [
        "/councils/stoke-on-trent/letters/" + quote("2022-01-31\x00") + "/",
        "/councils/" + quote("stoke\x00") + "/",
        "/councils/stoke-on-trent/letters/" + "9" * 3000 + "/",
        "/councils/stoke-on-trent/letters/" + quote(CONTROL) + "/raw.txt",
        "/themes/" + "a" * 3000 + "/",
        "/" + "%2e%2e/" * 200,
        "/admin/login/?next=" + quote("https://evil.example/" + "x" * 2000),
        "/healthz?" + "x" * 3900,
    ]
    return targets


def test_hostile_requests_get_no_5xx_no_slow_and_no_huge_answers(live_archive):
    failures = []
    targets = _targets()
    assert 500 < len(targets) < 3000  # bounded
    for target in targets:
        try:
            status, size, seconds = _get(live_archive, target)
        except (OSError, http.client.HTTPException) as error:  # e.g. the worker killed by its timeout
            failures.append((target[:120], type(error).__name__))
            continue
        if status >= 500 or seconds > MAX_SECONDS or size > MAX_BYTES:
            failures.append((target[:120], status, size, round(seconds, 2)))
    assert not failures, failures[:20]
    status, _, _ = _get(live_archive, "/healthz")
    assert status == 200  # every worker still alive and answering


def test_a_database_that_is_down_or_never_answers_gives_503s_quickly(tmp_path):
    """A closed port (down) and a listener that accepts and then says nothing (frozen): libpq's connect timeout."""
    closed_port = _free_port()
    with closing(socket.socket()) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)  # connections complete in the backlog and are never answered
        silent_port = silent.getsockname()[1]
        for port in (closed_port, silent_port):
            env = _env(tmp_path, DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/archive", DB_CONNECT_TIMEOUT="2")
            with _gunicorn(env) as live:
                for target in ("/healthz", "/", "/findings/?q=children", "/councils/stoke-on-trent/"):
                    status, size, seconds = _get(live, target)
                    assert status == 503, (port, target, status)
                    assert seconds <= MAX_SECONDS + 0.5, (port, target, seconds)
