"""Import an archive written by export_archive: upsert every record, a batch per transaction; twice is harmless."""

import sys

from django.core.management.base import BaseCommand, CommandError

from letters.management.progress import Progress
from letters.services.archive_import import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Read an export_archive file (or standard input with '-') and upsert its records in dependency order. "
        "Records already there and equal are left alone; records that cannot be imported are named on standard "
        "error and make the exit status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="IN.jsonl", help="the file to read, or - for standard input")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary and the failures.")

    def handle(self, *args, source, quiet, **options):
        progress = Progress(self.stderr, None, label="records")

        def step(kind: str, number: int) -> None:
            progress.done += number - 1
            if not quiet:
                progress.step(kind)

        try:
            if source == "-":
                report = import_archive(sys.stdin, progress=step)
            else:
                with open(source, encoding="utf-8") as stream:
                    report = import_archive(stream, progress=step)
        except OSError as error:
            raise CommandError(f"cannot read {source}: {error.strerror or error}") from error
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        for failure in report.failed:
            self.stderr.write(f"failed {failure}")
        self.stdout.write(f"{report.summary()} ({progress.elapsed:.1f}s)")
        if report.failed:
            raise SystemExit(1)
