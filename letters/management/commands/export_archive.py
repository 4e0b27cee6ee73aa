"""Export the whole archive (letters with their raw text, findings, themes, curations, authorities) as JSON Lines."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.management.progress import Progress
from letters.services.archive_export import export_archive


class Command(BaseCommand):
    help = (
        "Write the archive to OUT as JSON Lines, one record a line (or to standard output with '-'), so that "
        "import_archive can rebuild it elsewhere. Progress goes to standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", metavar="OUT.jsonl", help="the file to write, or - for standard output")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary.")

    def handle(self, *args, out, quiet, **options):
        counts: Counter[str] = Counter()
        progress = Progress(self.stderr, None, label="records")

        def counted(kind: str) -> None:
            counts[kind] += 1
            if not quiet:
                progress.step(kind)

        if out == "-":
            for line in export_archive(progress=counted):
                self.stdout.write(line, ending="")
        else:
            path = Path(out)
            partial = path.with_name(path.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8", newline="\n") as stream:
                    stream.writelines(export_archive(progress=counted))
            except OSError as error:
                raise CommandError(f"cannot write {out}: {error.strerror or error}") from error
            partial.replace(path)  # a reader never sees half an archive under the final name
        summary = ", ".join(f"{number} {kind}" for kind, number in counts.items()) or "nothing"
        self.stderr.write(f"exported {summary} in {progress.elapsed:.1f}s")
