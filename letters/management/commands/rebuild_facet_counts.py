"""Rebuild the count tables that answer browsing without words (the services keep them current; this rebuilds them
whole, after writes made outside the services, say)."""

from django.core.management.base import BaseCommand

from letters.services.count_tables import rebuild_facet_counts


class Command(BaseCommand):
    help = "Recount findings and letters per facet combination; the tables then match the current data version."

    def handle(self, *args, **options):
        rebuild_facet_counts()
        self.stdout.write("facet count tables rebuilt")
