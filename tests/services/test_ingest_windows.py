"""How an ingest cuts its files into batches (services/ingest.py's _windows): small first, then doubling up to the
most, and never more than WINDOW_BYTES of files in one."""

from pathlib import Path

from letters.services.ingest import WINDOW_FIRST, _windows


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


def test_a_batch_smaller_than_the_first_window_is_the_most(tmp_path):
    assert [len(window) for window in _windows(_files(tmp_path, 20), 8)] == [8, 8, 4]


def test_a_batch_ends_at_its_bytes(tmp_path):
    paths = _files(tmp_path, 10, size=400)
    assert [len(window) for window in _windows(paths, 256, most_bytes=1000)] == [3, 3, 3, 1]


def test_a_file_that_cannot_be_read_stays_in_its_batch(tmp_path):
    paths = [*_files(tmp_path, 3), tmp_path / "gone.txt"]
    assert [path for window in _windows(paths, 256) for path in window] == paths
