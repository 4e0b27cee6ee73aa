"""Command line: write a synthetic corpus and its truth.

    python -m letters.synthetic OUT_DIR --count N --seed S [--noise realistic|heavy|none]
        [--framework cra|ilacs|sif] [--authorities FILE]

Writes one ``.txt`` file (the raw bytes) per letter into OUT_DIR and ``OUT_DIR/truth.jsonl``: one JSON object
a line, ``{"filename", "seed", "format", "noise", "truth"}``, in generation order. Progress goes to stderr
every 1000 letters.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from letters.synthetic.generator import FRAMEWORK_FORMATS, generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m letters.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--noise", choices=("realistic", "heavy", "none"), default="realistic")
    parser.add_argument("--framework", choices=sorted(FRAMEWORK_FORMATS))
    parser.add_argument("--authorities", help="an authorities.json-format file (default: the project's)")
    parser.add_argument("--every", type=int, default=1000, help="report progress every N letters")
    args = parser.parse_args(argv)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    written = 0
    with (args.out_dir / "truth.jsonl").open("w", encoding="utf-8") as truth_file:
        for letter in generate_corpus(
            args.count, args.seed, noise=args.noise, framework=args.framework, authorities=args.authorities
        ):
            (args.out_dir / letter.filename).write_bytes(letter.raw)
            record = {
                "filename": letter.filename,
                "seed": letter.seed,
                "format": letter.format,
                "noise": list(letter.noise),
                "truth": letter.truth,
            }
            truth_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if written % args.every == 0:
                elapsed = time.perf_counter() - started
                print(f"{written}/{args.count} letters ({elapsed:.1f} s)", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print(f"wrote {written} letters and truth.jsonl to {args.out_dir} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
