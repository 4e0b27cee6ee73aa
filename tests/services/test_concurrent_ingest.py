"""Two ingests at once: two real `ingest_letters` processes on overlapping folders leave each letter, inspector and
authority once, because the database's constraints say so (not only the ingest's own checks)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count

from letters.models import Authority, Finding, Inspection, InspectionInspector, Inspector
from letters.parsing import parse
from letters.services.ingest import Ingestor
from tests.conftest import REAL_LETTERS_DIR, ROOT, SAMPLE_DIR

SUMMARY = re.compile(r"(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) rejected")
WAIT_SECONDS = 600  # a guard against a deadlock hanging the suite, far above the few seconds the ingests take


def corpus() -> list[Path]:
    """The seed letters and the real letters (when ../shared/real-letters is there): up to 30 files."""
    return (sorted(SAMPLE_DIR.glob("*.txt")) + sorted(REAL_LETTERS_DIR.glob("*.txt")))[:30]


def database_url() -> str:
    settings = connection.settings_dict  # inside a test: the test database (test_<name>)
    user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


def split_with_overlap(files: list[Path], folder_a: Path, folder_b: Path) -> list[Path]:
    """A third of the files go into both folders, the rest alternately into one; returns the shared ones.

    The shared files keep their names but sort first in both folders, so that both processes reach them together.
    """
    shared = files[: len(files) // 3]
    folder_a.mkdir()
    folder_b.mkdir()
    for path in shared:
        for folder in (folder_a, folder_b):
            (folder / f"0_{path.name}").write_bytes(path.read_bytes())
    for index, path in enumerate(files[len(shared) :]):
        folder = folder_a if index % 2 == 0 else folder_b
        (folder / path.name).write_bytes(path.read_bytes())
    return shared


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite allows one writer at a time, so two ingests cannot race there",
)
def test_two_ingests_at_once_on_overlapping_folders_store_each_letter_once(
    django_db_serialized_rollback, transactional_db, tmp_path
):
    # serialized_rollback: the reference data the migrations loaded is there (and is put back for later tests).
    assert Authority.objects.exists()
    files = corpus()
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    shared = split_with_overlap(files, folder_a, folder_b)
    stored_names = {f"0_{p.name}" for p in shared} | {p.name for p in files[len(shared) :]}
    env = {**os.environ, "DATABASE_URL": database_url(), "DB_CONN_MAX_AGE": "0"}

    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest_letters", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (folder_a, folder_b)
    ]
    results = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            for other in processes:
                other.kill()
            pytest.fail(f"an ingest did not finish in {WAIT_SECONDS} s: deadlock?")
        results.append((process.returncode, out, err))

    for code, _, err in results:
        assert code == 0 and "Traceback" not in err, err
    counts = [tuple(map(int, SUMMARY.search(out).groups())) for _, out, _ in results]
    added = sum(c[0] for c in counts)
    assert added == len(files), counts  # each letter added by exactly one of the two
    assert sum(c[1] for c in counts) == 0 and sum(c[3] for c in counts) == 0
    assert sum(c[2] for c in counts) == len(shared), counts  # the other saw it as there already

    # Each file's letter is there once, whole.
    assert set(Inspection.objects.values_list("source_name", flat=True)) == stored_names
    assert Inspection.objects.count() == len(files)
    by_name = {(f"0_{p.name}" if p in shared else p.name): p for p in files}
    for letter in Inspection.objects.all():
        raw = by_name[letter.source_name].read_bytes()
        assert letter.sha256 == hashlib.sha256(raw).hexdigest()
        assert letter.findings.count() == len(parse(raw).findings)
    # No duplicates anywhere, by any key the archive treats as an identity.
    assert not Inspection.objects.values("sha256").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Inspection.objects.values("authority", "url_key").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Inspector.objects.values("slug").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Authority.objects.values("slug").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Finding.objects.values("inspection", "position").annotate(n=Count("id")).filter(n__gt=1).exists()
    pairs = Counter(InspectionInspector.objects.values_list("inspection_id", "inspector_id"))
    assert pairs and max(pairs.values()) == 1
    # Every inspector a letter names exists (no link to an inspector that a rolled-back write created).
    assert not InspectionInspector.objects.exclude(inspector_id__in=Inspector.objects.values("id")).exists()
    assert not Inspector.objects.filter(inspection_links__isnull=True).exists()


@pytest.mark.django_db
def test_the_same_bytes_under_two_names_from_two_runs_at_once_are_one_letter():
    raw = (SAMPLE_DIR / "001_a4209e73c953c179.txt").read_bytes()
    first, second = Ingestor(), Ingestor()  # two runs that started together: neither has seen the other's files
    first.ingest_bytes(raw, source_name="from_a.txt", source_path="/a/from_a.txt")
    second.ingest_bytes(raw, source_name="copy_from_b.txt", source_path="/b/copy_from_b.txt")
    assert Inspection.objects.filter(sha256=hashlib.sha256(raw).hexdigest()).count() == 1


# --- the constraints themselves, at the database level -------------------------------------------------------------


def insert_copy(model, row_id: int, **changes) -> None:
    """INSERT a copy of a row with raw SQL (no model code involved), with some columns changed."""
    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    values = ", ".join("%s" if column in changes else quote(column) for column in columns)
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
        f"SELECT {values} FROM {quote(table)} WHERE id = %s"
    )
    params = [changes[column] for column in columns if column in changes] + [row_id]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def one_letter(db):
    from django.core.management import call_command

    call_command(
        "ingest_letters", str(SAMPLE_DIR / "001_a4209e73c953c179.txt"), "--quiet", stdout=open(os.devnull, "w")
    )
    return Inspection.objects.get()


@pytest.mark.parametrize(
    ("model", "changes", "what"),
    [
        (Inspection, {"url_key": "elsewhere"}, "a second letter with the same file name"),
        (Inspection, {"source_name": "other.txt"}, "a second letter at the same URL"),
        (Inspector, {"name": "Someone Else"}, "a second inspector with the same slug"),
        (Authority, {"gss_code": "", "name": "Another Council"}, "a second authority with the same slug"),
        (Finding, {"text": "Another finding."}, "a second finding in the same place"),
        (InspectionInspector, {"lead": False}, "the same inspector twice on a letter"),
    ],
    ids=["inspection_source_name", "inspection_url", "inspector_slug", "authority_slug", "finding_position", "link"],
)
def test_the_database_itself_refuses_duplicates(one_letter, model, changes, what):
    row = {
        Inspection: one_letter,
        Inspector: one_letter.inspectors.first(),
        Authority: one_letter.authority,
        Finding: one_letter.findings.first(),
        InspectionInspector: one_letter.inspector_links.first(),
    }[model]
    before = model.objects.count()
    with pytest.raises(IntegrityError):
        insert_copy(model, row.pk, **changes)
    assert model.objects.count() == before, what
