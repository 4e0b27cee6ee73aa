"""Apply theme rules to every finding from the command line: for archives where the admin's button would outlast
the web server's worker timeout. One transaction (a run killed half-way changes nothing); progress on stderr."""

from django.core.management.base import BaseCommand, CommandError

from letters.models import Theme
from letters.services.themes import reapply_theme_rules


class Command(BaseCommand):
    help = "Re-tag findings by the themes' current rules (curated themes kept): all themes, or those named."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="THEME", help="theme slugs (default: every theme)")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary.")

    def handle(self, *args, slugs, quiet, **options):
        themes = None
        if slugs:
            themes = Theme.objects.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(themes.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"no such theme: {', '.join(unknown)}")

        def progress(done: int, total: int) -> None:
            if not quiet:
                self.stderr.write(f"[{done}/{total} findings]")

        changed = reapply_theme_rules(themes=themes, progress=progress)
        self.stdout.write(f"theme rules applied: {changed} findings' tags changed")
