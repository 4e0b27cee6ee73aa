"""The synthetic corpus of a given size and seed, generated on demand into var/bench/ and reused while complete
and made by the same generator code (a fingerprint of letters/synthetic/*.py is kept beside it)."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from bench.measure import progress_printer, run_measured

GENERATOR = Path(__file__).resolve().parent.parent / "letters" / "synthetic"


def corpus_dir(var: Path, size: int, seed: int) -> Path:
    return var / f"corpus-{size}-{seed}"


def generator_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in sorted(GENERATOR.rglob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def ensure_corpus(var: Path, size: int, seed: int, env: dict[str, str]) -> Path:
    """The folder of ``size`` letter files for ``seed``; a ``.complete`` marker says a previous run finished it."""
    folder = corpus_dir(var, size, seed)
    marker = folder / ".complete"
    wanted = f"{size} {generator_fingerprint()}"
    if marker.exists() and marker.read_text().strip() == wanted:
        print(f"corpus: reusing {folder}", file=sys.stderr)
        return folder
    if marker.exists():
        print(f"corpus: the generator has changed since {folder} was made", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"corpus: generating {size} letters (seed {seed}) into {folder}", file=sys.stderr, flush=True)
    every = str(max(1000, size // 10))
    command = [sys.executable, "-m", "letters.synthetic", str(folder), "--count", str(size), "--seed", str(seed)]
    result = run_measured(command + ["--every", every], env, on_stderr_line=progress_printer("  corpus: "))
    if result.returncode != 0:
        raise RuntimeError(f"the generator failed ({result.returncode}): {' | '.join(result.stderr_tail[-5:])}")
    marker.write_text(wanted)
    return folder
