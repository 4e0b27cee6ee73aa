"""How the tables are laid out for writing many letters: no index that another already covers, no database check of
a copied reference key, and the long texts compressed with lz4 on PostgreSQL."""

import pytest
from django.db import connection

from letters.models import Finding, FindingTheme, Inspection, Theme
from letters.services.records import save_records

pytestmark = pytest.mark.django_db


def _index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [info["columns"] for info in constraints.values() if info["index"] or info["unique"] or info["primary_key"]]


@pytest.mark.parametrize("model", [Finding, FindingTheme])
def test_every_foreign_key_leads_an_index_and_none_has_a_redundant_one_of_its_own(model):
    """Deleting a letter, a finding or a theme finds the rows that refer to it by an index; and no key column has a
    one-column index of its own where a wider index already starts with it (each is a write per row ingested)."""
    indexes = _index_columns(model._meta.db_table)
    for field in model._meta.concrete_fields:
        if not field.is_relation:
            continue
        leading = [columns for columns in indexes if columns and columns[0] == field.column]
        assert leading, f"{model.__name__}.{field.name}: no index starts with {field.column}"
        assert not ([field.column] in leading and len(leading) > 1), (
            f"{model.__name__}.{field.name}: a one-column index besides {leading}"
        )


def _checked_keys(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {column for info in constraints.values() if info["foreign_key"] for column in info["columns"]}


def test_the_database_checks_a_finding_s_letter_and_a_link_s_finding_but_not_the_copied_reference_keys():
    """A finding's council and framework are copies of its letter's (which the database checks), and a link's theme
    is reference data that only the admin deletes, through Django's CASCADE: checking them again at every commit
    cost ~0.3 ms of the server's CPU a letter ingested."""
    assert _checked_keys(Finding._meta.db_table) == {"inspection_id"}
    assert _checked_keys(FindingTheme._meta.db_table) == {"finding_id"}
    assert _checked_keys(Inspection._meta.db_table) == {"authority_id", "framework_id"}


def test_deleting_a_theme_deletes_its_links_without_the_database_s_constraint(archive):
    theme = Theme.objects.filter(finding_links__isnull=False).distinct().first()
    linked = FindingTheme.objects.filter(theme=theme).count()
    before = FindingTheme.objects.count()
    assert linked

    save_records(deleted=[theme])

    assert not FindingTheme.objects.filter(theme_id=theme.pk).exists()
    assert FindingTheme.objects.count() == before - linked


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST compression")
def test_a_letter_s_long_texts_are_compressed_with_lz4_where_the_server_has_it(archive):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL was built without lz4")
        longest = Inspection.objects.order_by("-id").first()
        cursor.execute(
            "SELECT pg_column_compression(raw_text), pg_column_compression(cleaned_text) FROM letters_inspection "
            "WHERE id = %s",
            [longest.pk],
        )
        assert cursor.fetchone() == ("lz4", "lz4")
