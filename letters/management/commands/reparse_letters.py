"""Re-run the current parser over every stored letter's raw text."""

from django.core.management.base import BaseCommand

from letters.management.progress import Progress
from letters.models import Inspection
from letters.services.reparse import reparse_letters


class Command(BaseCommand):
    help = "Re-parse the stored raw text of every letter (or of those named by --council) with the current parser."

    def add_arguments(self, parser):
        parser.add_argument("--council", action="append", default=[], help="Only this council's letters (slug).")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, council, quiet, **options):
        queryset = Inspection.objects.all()
        if council:
            queryset = queryset.filter(authority__slug__in=council)
        progress = Progress(self.stderr, queryset.count())
        done = failed = 0
        # The service brings the count tables up to date after the last letter (healing them if they were behind).
        for outcome in reparse_letters(queryset, heal=True):
            if outcome.ok:
                done += 1
            else:
                failed += 1
                self.stderr.write(f"kept as it was {outcome.source_name}: {'; '.join(outcome.reasons)}")
            if not quiet:
                progress.step()
        self.stdout.write(f"{done} letters re-parsed, {failed} left unchanged, in {progress.elapsed:.1f}s")
        if failed:
            raise SystemExit(1)
