"""Ingest letter files and folders into the archive, with progress and a summary."""

import os
from collections import Counter

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from letters.management.progress import Progress
from letters.services.ingest import ADDED, REJECTED, UNCHANGED, UPDATED, Ingestor, SkippedFile, letter_files


class Command(BaseCommand):
    help = (
        "Ingest letters from files and folders (folders: every *.txt and *.pdf below them; other files are listed as "
        "skipped, with the reason). Each letter is its own "
        "transaction; unchanged files are skipped; bad files are reported and kept, and make the exit status 1."
    )
    # The checks of what the ingest writes through (models, databases); the URL, admin and template checks would
    # import every view and admin module first (~0.2 s a run), and `manage.py check` and the test suite run them.
    requires_system_checks = [Tags.models, Tags.database]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary and the rejections.")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Processes that parse while this one writes (default: up to 2; 1 parses in this process).",
        )

    def handle(self, *args, paths, quiet, workers, **options):
        # Counted in one walk of the folders and ingested in a second: no list of every file is held.
        skipped: list[SkippedFile] = []
        total = sum(1 for _ in letter_files(paths, skipped))
        for item in skipped:
            self.stderr.write(f"skipped {item.path}: {item.reason}")
        if not total:
            raise CommandError(f"no letter files (*.txt, *.pdf) found in: {', '.join(paths)}")
        ingestor = Ingestor()
        counts: Counter[str] = Counter()
        progress = Progress(self.stderr, total)
        # The ingest brings the count tables up to date after its last letter.
        # Few files are not worth starting worker processes for.
        outcomes = ingestor.ingest_many(letter_files(paths), workers=workers if total >= 50 else 1, expected=total)
        for outcome in outcomes:
            counts[outcome.status] += 1
            if outcome.status == REJECTED:
                self.stderr.write(f"rejected {outcome.path}: {'; '.join(outcome.reasons)}")
            elif outcome.warnings and not quiet:
                self.stderr.write(f"warning {outcome.path}: {'; '.join(outcome.warnings)}")
            if not quiet:
                progress.step()
        handled = sum(counts.values())
        rate = handled / max(progress.elapsed, 1e-9)
        self.stdout.write(
            f"{handled} files in {progress.elapsed:.1f}s ({rate:.0f}/s): {counts[ADDED]} added, "
            f"{counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged, {counts[REJECTED]} rejected"
            + (f"; {len(skipped)} other files skipped" if skipped else "")
        )
        if counts[REJECTED]:
            raise SystemExit(1)
