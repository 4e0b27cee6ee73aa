"""PDF parse and ingest rates beside the text rates, from the shared letters (../shared/real-letters-pdf and their
text twins in ../shared/real-letters). Skips with a message where they are absent.

    python -m bench.pdf_rates [--rounds 3] [--copies 4]

Parse: ``parse()`` over every letter ``--rounds`` times, in this process (one core, CPU time) and in a pool of 2
processes (wall time).
Ingest: ``manage.py ingest_letters --workers 1`` and ``--workers 2`` into a fresh SQLite database (migrated once,
copied for each run), over ``--copies`` copies of the letters made distinct by a trailing comment (the ingest skips
identical bytes, and starts workers only from 50 files). The machine may be shared: the figures are rough.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.databases import REPO, BenchDatabase, django_env, migrate, recreate
from bench.measure import run_measured

SHARED = REPO.parent / "shared"
PDF_DIR = SHARED / "real-letters-pdf"
TEXT_DIR = SHARED / "real-letters"


def _parse_all(raws: list[bytes]) -> int:
    from letters.parsing import parse

    return sum(1 for raw in raws if parse(raw).ok)


def parse_rate(raws: list[bytes], rounds: int, workers: int) -> float:
    """Letters parsed a second, after one warm-up parse for the caches: by CPU time in this process (one core, so
    that other load on a shared machine counts less), by wall time for a pool of processes."""
    work = raws * rounds
    _parse_all(raws[:1])
    if workers == 1:
        started = time.process_time()
        _parse_all(work)
        return len(work) / (time.process_time() - started)
    else:
        chunks = [work[i::workers] for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers, initializer=_parse_all, initargs=(raws[:1],)) as pool:
            started = time.perf_counter()
            pool.map(_parse_all, chunks)
    return len(work) / (time.perf_counter() - started)


def _copies(files: list[Path], copies: int, folder: Path) -> None:
    folder.mkdir(parents=True)
    for number in range(copies):
        for path in files:
            marker = b"\n%% copy %d\n" % number if path.suffix == ".pdf" else b"\n" * (number + 1)
            (folder / f"{path.stem}_copy{number}{path.suffix}").write_bytes(path.read_bytes() + marker)


def ingest_rate(template: Path, corpus: Path, workers: int, var: Path) -> tuple[float, str]:
    database = var / f"ingest_{corpus.name}_{workers}.sqlite3"
    shutil.copyfile(template, database)
    result = run_measured(
        [sys.executable, "manage.py", "ingest_letters", str(corpus), "--quiet", "--workers", str(workers)],
        django_env(var, f"sqlite:///{database}"),
        cwd=str(REPO),
    )
    files = sum(1 for _ in corpus.iterdir())
    return files / result.seconds, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4)
    options = parser.parse_args(argv)
    pdfs = sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else []
    if not pdfs:
        print(f"skipped: no PDF letters at {PDF_DIR}")
        return 0
    texts = [TEXT_DIR / f"{p.stem}.txt" for p in pdfs if (TEXT_DIR / f"{p.stem}.txt").exists()]
    print(f"{len(pdfs)} PDF letters, {len(texts)} text twins; rough figures (shared machine)")
    for label, files in (("pdf", pdfs), ("text", texts)):
        raws = [path.read_bytes() for path in files]
        one = parse_rate(raws, options.rounds, 1)
        two = parse_rate(raws, options.rounds, 2)
        print(f"parse  {label:4}: {one:6.0f} letters/s on one core (CPU time), {two:6.0f} letters/s with 2 processes")

    with tempfile.TemporaryDirectory(prefix="pdf_rates_") as folder:
        var = Path(folder)
        template_db = BenchDatabase("sqlite", 0, var)
        recreate(template_db)
        migrate(template_db)
        for label, files in (("pdf", pdfs), ("text", texts)):
            corpus = var / f"corpus_{label}"
            _copies(files, options.copies, corpus)
            for workers in (1, 2):
                rate, summary = ingest_rate(template_db.sqlite_path, corpus, workers, var)
                print(f"ingest {label:4}: {rate:6.0f} letters/s, --workers {workers}, start-up included ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
