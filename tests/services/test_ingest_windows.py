"""How an ingest cuts its files into batches (services/ingest.py's _windows): small first, then doubling up to the
most, and never more than WINDOW_BYTES of files in one; and batches parsed ahead of the one being written."""

from pathlib import Path

import pytest

from letters.models import Inspection
from letters.services.ingest import (
    ADDED,
    BATCHES_AHEAD,
    TAIL_SHARE,
    UNCHANGED,
    WINDOW_FIRST,
    Ingestor,
    _windows,
)
from tests.conftest import SAMPLE_DIR


def _files(folder: Path, count: int, size: int = 10) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"{number:04d}.txt"
        path.write_bytes(b"x" * size)
        paths.append(path)
    return paths


def test_batches_start_small_and_double_up_to_the_most(tmp_path):
    paths = _files(tmp_path, 1000)
    sizes = [len(window) for window in _windows(paths, 256)]
    assert sizes[:4] == [WINDOW_FIRST, 2 * WINDOW_FIRST, 4 * WINDOW_FIRST, 8 * WINDOW_FIRST]
    assert max(sizes) == 256 and sum(sizes) == 1000
    assert [path for window in _windows(paths, 256) for path in window] == paths  # every file, in order


def test_when_the_number_of_files_is_known_the_last_batches_shrink_again(tmp_path):
    """The workers wait while the last batches are written: near the end no batch holds more than a TAIL_SHARE-th of
    the files still to come (WINDOW_FIRST at least)."""
    paths = _files(tmp_path, 2000)
    sizes = [len(window) for window in _windows(paths, 256, expected=2000)]
    assert [path for window in _windows(paths, 256, expected=2000) for path in window] == paths
    assert sizes[:4] == [WINDOW_FIRST, 2 * WINDOW_FIRST, 4 * WINDOW_FIRST, 8 * WINDOW_FIRST] and max(sizes) == 256
    left = 2000
    for size in sizes:
        assert size <= max(WINDOW_FIRST, left // TAIL_SHARE) or size == left
        left -= size
    assert sizes[-3:-1] == [WINDOW_FIRST, WINDOW_FIRST]  # not 256 and 256 - 44, as without the number
    assert [len(window) for window in _windows(paths, 256)][-2:] == [256, 2000 - 32 - 64 - 128 - 256 * 6]


def test_a_wrong_number_of_files_only_changes_the_batches_sizes(tmp_path):
    paths = _files(tmp_path, 300)
    for expected in (0, 10, 3000):
        assert [path for window in _windows(paths, 256, expected=expected) for path in window] == paths


def test_a_batch_smaller_than_the_first_window_is_the_most(tmp_path):
    assert [len(window) for window in _windows(_files(tmp_path, 20), 8)] == [8, 8, 4]


def test_a_batch_ends_at_its_bytes(tmp_path):
    paths = _files(tmp_path, 10, size=400)
    assert [len(window) for window in _windows(paths, 256, most_bytes=1000)] == [3, 3, 3, 1]


def test_a_file_that_cannot_be_read_stays_in_its_batch(tmp_path):
    paths = [*_files(tmp_path, 3), tmp_path / "gone.txt"]
    assert [path for window in _windows(paths, 256) for path in window] == paths


@pytest.mark.django_db
def test_batches_parsed_ahead_still_see_the_letters_written_before_them(tmp_path):
    """With batches of one letter, the copy's batch is read and parsed before its original is written (BATCHES_AHEAD):
    writing it must still find the original, and every outcome comes back in the files' order."""
    sample = sorted(SAMPLE_DIR.glob("*.txt"))
    names = ["a-original.txt", "b-other.txt", "c-copy.txt", "d-last.txt"]
    for name, source in zip(names, [sample[0], sample[1], sample[0], sample[2]], strict=True):
        (tmp_path / name).write_bytes(source.read_bytes())
    assert BATCHES_AHEAD >= 2

    outcomes = list(Ingestor().ingest_many(sorted(tmp_path.iterdir()), batch=1))

    assert [Path(outcome.path).name for outcome in outcomes] == names
    assert [outcome.status for outcome in outcomes] == [ADDED, ADDED, UNCHANGED, ADDED]
    assert "already ingested as a-original.txt" in outcomes[2].warnings[0]
    assert Inspection.objects.count() == 3
