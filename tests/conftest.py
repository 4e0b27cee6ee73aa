"""Shared fixtures: paths to the sample letters, the archive of the sample letters, and a guard that PostgreSQL runs
really use PostgreSQL."""

import io
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
SHARED_DIR = ROOT.parent / "shared"
REAL_LETTERS_DIR = SHARED_DIR / "real-letters"
# Every URL that runs a search from its parameters: both search pages, their four exports and two feeds.
SEARCH_URLS = [
    "/findings/",
    "/letters/",
    "/findings/export.csv",
    "/findings/export.json",
    "/letters/export.csv",
    "/letters/export.json",
    "/feeds/findings/search/",
    "/feeds/letters/search/",
]


def pytest_configure(config):
    """Tests log in and make accounts often: hash their passwords fast. Production keeps Django's slow default
    (PBKDF2), which exists to make stolen hashes expensive to crack; no test is about its cost."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The search engine's snapshot is built by the request that needs it (a background thread could not see a test's
    # uncommitted data), in a folder of this run's own.
    settings.SEARCH_ENGINE_BUILD = "sync"
    settings.SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="search-index-"))
    settings.COMPILED_RULES_DIR = Path(tempfile.mkdtemp(prefix="compiled-rules-"))


@pytest.fixture(scope="session", autouse=True)
def _postgres_when_required(request):
    """In CI's PostgreSQL run, a suite that silently fell back to SQLite (or cannot connect) must fail."""
    if os.environ.get("REQUIRE_POSTGRES"):
        from django.db import connection

        assert connection.vendor == "postgresql", f"REQUIRE_POSTGRES is set but the database is {connection.vendor}"
        request.getfixturevalue("django_db_setup")  # creates the test database: fails if the server is unreachable
        with request.getfixturevalue("django_db_blocker").unblock():
            connection.ensure_connection()
    yield


def ingest_quietly(*folders: Path | str) -> None:
    """Ingest folders of letters through the command, as a user would, its report thrown away."""
    from django.core.management import call_command

    call_command("ingest_letters", *map(str, folders), "--quiet", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def archive(db) -> None:
    """The five sample letters ingested through the command. A test module that needs more (a judgement, other
    letters) overrides it by name and asks for this one: ``def archive(archive): ...``."""
    ingest_quietly(SAMPLE_DIR)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test's database starts again from the same data versions, so no cached page may outlive a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_engine_snapshot():
    """Like the cache: a rolled-back test's data version comes again in the next test with other data."""
    from letters.search_engine import registry

    registry.forget("default")
    yield
    registry.forget("default")
