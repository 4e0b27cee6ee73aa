"""Load or refresh the shipped authorities, frameworks, themes and statistical neighbours (curators' edits are kept)."""

from django.core.management.base import BaseCommand

from letters.services.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Upsert the reference authorities and frameworks, add missing themes and update themes no curator edited."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(
            f"{counts.authorities} authorities ({counts.aliases} new aliases), {counts.frameworks} frameworks, "
            f"{counts.themes_added} themes added, {counts.themes_updated} updated, "
            f"{counts.neighbours} statistical neighbour links"
            + (
                f" ({counts.neighbour_rows_unmatched} rows matched no authority)"
                if counts.neighbour_rows_unmatched
                else ""
            )
        )
        if counts.themes_added or counts.themes_updated:
            self.stdout.write("Run `manage.py reparse_letters` to tag stored findings with the new theme rules.")
