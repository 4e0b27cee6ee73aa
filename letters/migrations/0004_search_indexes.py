"""Full-text indexes: tsvector triggers and GIN indexes on PostgreSQL, FTS5 tables and triggers on SQLite."""

from django.db import migrations


def install(apps, schema_editor):
    from letters.search.schema import install as install_search

    install_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_search_vectors")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
