"""On PostgreSQL, compress the letters' long texts and the kept PDFs with lz4 instead of pglz where the server has it.

A letter's raw and cleaned text (~30 KB each in real letters) are compressed on every ingest and read back on every
letter page; lz4 does both several times faster than PostgreSQL's default, for a little more space. Values already
stored keep their compression until they are next written. A server built without lz4 (or older than PostgreSQL 14)
keeps pglz.
"""

from django.db import migrations

COLUMNS = [
    ("letters_inspection", "raw_text"),
    ("letters_inspection", "cleaned_text"),
    ("letters_originalfile", "content"),
]


def _supports(cursor, method: str) -> bool:
    """The server can compress a column with ``method`` (PostgreSQL 14 and later, lz4 only if built with it)."""
    cursor.execute("SELECT %s = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'", [method])
    row = cursor.fetchone()
    return bool(row and row[0])


def use(method):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            if not _supports(cursor, method):
                return
            for table, column in COLUMNS:
                cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("letters", "0020_covered_foreign_key_indexes")]

    operations = [migrations.RunPython(use("lz4"), use("pglz"))]
