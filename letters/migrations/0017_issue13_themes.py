"""Bring the revised theme taxonomy (issue 13) into an existing archive: add care leavers, private fostering,
unaccompanied asylum-seeking children and family help, and give the new rules to every shipped theme no curator
has edited. Findings keep their tags until `manage.py reparse_letters` re-tags them."""

from django.db import migrations


def load(apps, schema_editor):
    from letters.services.reference_data import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("letters", "0015_judgements_focus_neighbours")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
