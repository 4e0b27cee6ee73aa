"""Load the shipped reference data: authorities with aliases, frameworks and the starting themes."""

from django.db import migrations


def load(apps, schema_editor):
    from letters.services.reference_data import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
