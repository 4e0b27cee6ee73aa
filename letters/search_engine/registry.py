"""The engine's snapshots: one folder per database and data version under ``SEARCH_INDEX_DIR``, shared by every
process on the machine, and the one each process has open.

``snapshot_for`` answers at once: the snapshot at the data version the caller read, or None. None starts a build (in
a background thread, or at once when ``SEARCH_ENGINE_BUILD`` is "sync", as in the tests) unless another process is
building it already (a lock file), and the caller answers from SQL meanwhile. A snapshot is only ever used at the
data version it was read at, so the engine is never stale. ``manage.py build_search_index`` builds it ahead (after an
ingest, at deploy); a web server on another machine builds its own from the same database.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connections

from letters.freshness import data_version
from letters.search_engine.build import META, Snapshot, build, open_snapshot

log = logging.getLogger(__name__)
_lock = threading.Lock()
_open: dict[str, Snapshot] = {}  # database alias -> the snapshot this process has open
_building: set[str] = set()


def enabled() -> bool:
    return settings.SEARCH_ENGINE == "tantivy"


def database_folder(using: str) -> Path:
    """The folder of one database's snapshots, named for the database (two archives never share one)."""
    params = connections[using].settings_dict
    identity = "|".join(str(params.get(name) or "") for name in ("ENGINE", "HOST", "PORT", "NAME"))
    return Path(settings.SEARCH_INDEX_DIR) / hashlib.sha256(identity.encode()).hexdigest()[:16]


def data_key(using: str) -> str:
    """The data version and its stamp (freshness/data_version.py): what a snapshot is built at."""
    return data_version.stamped(using)


def _version(key: str) -> int:
    return int(key.split("-", 1)[0])


# The snapshots' layout (schema.py): raised when it changes, so that a snapshot of another layout is never opened (its
# folder has another name; the next build removes it).
FORMAT = 2


def _folder(using: str, version: int) -> Path:
    return database_folder(using) / f"format-{FORMAT}-version-{version}"


def snapshot_for(using: str, version: int) -> Snapshot | None:
    """The snapshot of database ``using`` at data version ``version``, or None (and a build is started)."""
    if not enabled():
        return None
    current = _open.get(using)
    if current is not None and _version(current.key) == version:
        return current
    folder = _folder(using, version)
    if (folder / META).exists():
        try:
            snapshot = open_snapshot(folder)
        except (OSError, ValueError):  # removed meanwhile by a newer build: SQL answers this request
            return None
        # The same number in a database made anew is other data: the stamp tells (one query, once per snapshot).
        if snapshot.key == data_key(using):
            with _lock:
                _open[using] = snapshot
            return snapshot
    if settings.SEARCH_ENGINE_BUILD == "sync":
        snapshot = build_now(using)
        return snapshot if snapshot is not None and _version(snapshot.key) == version else None
    with _lock:
        if using in _building:
            return None
        _building.add(using)
    threading.Thread(target=_build_in_background, args=(using,), daemon=True).start()
    return None


def build_now(using: str = "default", *, wait: bool = True) -> Snapshot | None:
    """Build the snapshot of the database as it is now, unless another process holds the lock (then None, or wait
    for it with ``wait``). Older snapshots of the database are removed once the new one is in place."""
    base = database_folder(using)
    base.mkdir(parents=True, exist_ok=True)
    with open(base / "build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        started = time.perf_counter()
        scratch = base / f"building-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            snapshot = build(using, data_key, scratch)
            folder = _folder(using, _version(snapshot.key))
            shutil.rmtree(folder, ignore_errors=True)  # a folder of the same number from a database made anew
            scratch.rename(folder)
            snapshot = open_snapshot(folder)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        for other in base.iterdir():
            if other.is_dir() and other != folder:
                shutil.rmtree(other, ignore_errors=True)  # an open snapshot's files stay readable until closed
    with _lock:
        _open[using] = snapshot
    log.info(
        "search engine: %s findings and %s letters of %r indexed in %.2f s (data version %s)",
        snapshot.findings.count, snapshot.letters.count, using, time.perf_counter() - started, snapshot.key,
    )  # fmt: skip
    return snapshot


def _build_in_background(using: str) -> None:
    try:
        build_now(using, wait=False)
    except Exception:  # the pages go on from SQL; the next request tries again
        log.exception("search engine: building the index of %r failed", using)
    finally:
        with _lock:
            _building.discard(using)
        connections.close_all()


def forget(using: str | None = None) -> None:
    """Close this process's snapshots and remove the folders (the tests: a rolled-back test's data version comes
    again in the next test with other data)."""
    with _lock:
        _open.clear()
    if using is not None:
        shutil.rmtree(database_folder(using), ignore_errors=True)
