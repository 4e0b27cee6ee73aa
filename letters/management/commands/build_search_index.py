"""Build the search engine's snapshot of the archive as it is now (after an ingest, at deploy), so that the web
processes on this machine open it instead of each building it on their first search."""

from django.core.management.base import BaseCommand, CommandError

from letters import search_engine
from letters.search_engine import registry


class Command(BaseCommand):
    help = "Index every finding and letter for the search pages (var/search-index/, one folder per data version)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        if not registry.enabled():
            raise CommandError("the search engine is off (SEARCH_ENGINE is not 'tantivy'): nothing to build")
        snapshot = search_engine.build_now(database)
        self.stdout.write(
            f"search index built: {snapshot.findings.count} findings and {snapshot.letters.count} letters "
            f"at data version {snapshot.key} in {registry.database_folder(database)}"
        )
