"""Exports: a search's whole result set streamed as CSV or JSON, each row saying what the finding and its letter
say, in a fixed number of queries per chunk of rows."""

import csv
import json
import re

import pytest

from letters import exports
from letters.models import Finding

pytestmark = pytest.mark.django_db


def test_exports_stream_every_row_of_the_result_set(client, archive):
    response = client.get("/findings/export.csv", {"q": "domestic"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("letter_date,council,council_slug")
    texts = Finding.objects.values_list("text", flat=True)
    assert len(list(csv.reader(lines))) - 1 == sum(1 for text in texts if re.search(r"\bdomestic", text, re.I))
    response = client.get("/letters/export.json", {"council": "stoke-on-trent"})
    rows = json.loads(b"".join(response.streaming_content))
    assert [r["letter_date"] for r in rows] == ["2022-01-31", "2010-07-01"]


def test_export_rows_say_what_the_findings_say(archive, django_assert_max_num_queries):
    """The export reads plain values (no model per row); each row must say what the finding and its letter say."""
    findings = Finding.objects.select_related("inspection__authority", "inspection__framework").order_by(
        "-year", "-inspection_id", "position"
    )
    expected = [
        {
            "letter_date": f.inspection.letter_date.isoformat() if f.inspection.letter_date else "",
            "council": f.inspection.authority.name,
            "council_slug": f.inspection.authority.slug,
            "gss_code": f.inspection.authority.gss_code,
            "framework": f.inspection.framework.short_name if f.inspection.framework else "",
            "visit_type": f.inspection.visit_type,
            "section": f.section,
            "position": f.position,
            "themes": [t.slug for t in f.themes.order_by("position", "name")],
            "text": f.text,
            "letter_url": "https://example.org" + f.inspection.get_absolute_url() + f"#finding-{f.position}",
            "year": f.inspection.letter_date.year if f.inspection.letter_date else None,
            "region": f.inspection.authority.region,
            "inspectors": [
                link.inspector.name + (" (lead)" if link.lead else "") for link in f.inspection.inspector_links.all()
            ],
            "focus": list(f.inspection.focus or []),
            "theme_names": [t.name for t in f.themes.order_by("position", "name")],
            "source_url": f.inspection.source_url,
        }
        for f in findings
    ]
    original = exports.CHUNK
    exports.CHUNK = 7  # several chunks: the theme links are read per chunk
    try:
        # councils, frameworks, themes, the rows; then the theme links and the inspectors of each chunk
        with django_assert_max_num_queries(4 + 2 * -(-len(expected) // 7) + 1):
            rows = list(exports.finding_rows(Finding.objects.all(), "https://example.org"))
    finally:
        exports.CHUNK = original
    assert rows == expected
    assert any(row["themes"] for row in rows) and len(rows) > 50
