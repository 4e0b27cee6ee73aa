"""Rebuild the facet count tables from the findings and letters, and record the data version they match."""

from __future__ import annotations

from django.db import connection, transaction

_DIMENSIONS = (
    "r.authority_id, a.region, r.year, r.framework_id, r.visit_type, r.jtai_topic, r.focus_mask, a.latest_overall_grade"
)
_COLUMNS = "authority_id, region, year, framework_id, visit_type, jtai_topic, focus_mask, judgement"
_STATEMENTS = [
    "DELETE FROM letters_findingfacetcount",
    "DELETE FROM letters_themefacetcount",
    "DELETE FROM letters_letterfacetcount",
    f"""INSERT INTO letters_findingfacetcount ({_COLUMNS}, section, n)
        SELECT {_DIMENSIONS}, r.section, COUNT(*) FROM letters_finding r
        JOIN letters_authority a ON a.id = r.authority_id
        GROUP BY {_DIMENSIONS}, r.section""",
    f"""INSERT INTO letters_themefacetcount ({_COLUMNS}, section, theme_id, n)
        SELECT {_DIMENSIONS}, r.section, t.id, COUNT(*) FROM letters_finding r
        JOIN letters_authority a ON a.id = r.authority_id
        JOIN letters_theme t ON t.bit IS NOT NULL AND (r.theme_mask & (CAST(1 AS BIGINT) << t.bit)) <> 0
        GROUP BY {_DIMENSIONS}, r.section, t.id""",
    f"""INSERT INTO letters_letterfacetcount ({_COLUMNS}, n)
        SELECT {_DIMENSIONS}, COUNT(*) FROM letters_inspection r
        JOIN letters_authority a ON a.id = r.authority_id
        GROUP BY {_DIMENSIONS}""",
]


@transaction.atomic
def rebuild_facet_counts() -> None:
    """Recount everything; the tables are used only while no later write has raised the data version."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
        if row is None:
            cursor.execute("INSERT INTO letters_dataversion (id, version, counts_version) VALUES (1, 0, -1)")
            row = (0,)
        for statement in _STATEMENTS:
            cursor.execute(statement)
        cursor.execute("UPDATE letters_dataversion SET counts_version = %s WHERE id = 1", [row[0]])
    _store_unfiltered_counts()


def _store_unfiltered_counts() -> None:
    """Every facet with nothing selected, counted once from the tables just built."""
    from letters.browse.counting import unfiltered_from_tables
    from letters.models import Finding, Inspection, UnfilteredFacetCounts

    for model in (Finding, Inspection):
        counts = unfiltered_from_tables(model.objects.all())
        UnfilteredFacetCounts.objects.update_or_create(table=model._meta.db_table, defaults={"counts": counts})


def counts_are_current() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version = counts_version FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return bool(row and row[0])
