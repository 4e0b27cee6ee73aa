"""Keep letters' tsvectors in the table's pages (STORAGE MAIN), and move the ones already stored out of line."""

from django.db import migrations


def keep_in_line(apps, schema_editor):
    from letters.search.schema import KEEP_LETTER_VECTORS_IN_LINE

    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(KEEP_LETTER_VECTORS_IN_LINE)
        # A new value is stored by the new rule; an unchanged one would keep its TOAST pointer.
        cursor.execute(
            "UPDATE letters_inspection SET search_vector = search_vector || ''::tsvector "
            "WHERE search_vector IS NOT NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("letters", "0011_finding_order_index")]

    operations = [migrations.RunPython(keep_in_line, migrations.RunPython.noop)]
