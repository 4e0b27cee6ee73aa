"""Run inside Django (a child process): copy the archive's letters and findings into a SQLite file that Datasette
serves, with the same ids, the facet columns (council, year, framework, section; a finding's themes as a JSON
array), an index on each of them but the array, and FTS5 indexes (the same porter tokenizer the archive's SQLite
search uses).

Letters carry no themes here: Datasette's array facet keeps each distinct (value, whole row) pair, and a letter's
row holds its text, so on letters it costs seconds (2.7 s against 0.1 s without it at 5k), a cost of this table's
shape, not of the facet, which the comparison would only flatter us with.

    python -m bench.datasette.load OUT.db
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import django

SCHEMA = """
CREATE TABLE letters (
    id INTEGER PRIMARY KEY, council TEXT, council_name TEXT, year INTEGER, framework TEXT, visit_type TEXT,
    letter_date TEXT, title TEXT, text TEXT
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY, letter_id INTEGER REFERENCES letters(id), council TEXT, year INTEGER, framework TEXT,
    visit_type TEXT, section TEXT, position INTEGER, themes TEXT, text TEXT
);
"""
INDEXES = """
CREATE INDEX letters_council ON letters(council);
CREATE INDEX letters_year ON letters(year);
CREATE INDEX letters_framework ON letters(framework);
CREATE INDEX findings_letter ON findings(letter_id);
CREATE INDEX findings_council ON findings(council);
CREATE INDEX findings_year ON findings(year);
CREATE INDEX findings_framework ON findings(framework);
CREATE INDEX findings_section ON findings(section);
CREATE VIRTUAL TABLE letters_fts USING fts5(
    text, content="letters", content_rowid="id", tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO letters_fts(letters_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE findings_fts USING fts5(
    text, content="findings", content_rowid="id", tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO findings_fts(findings_fts) VALUES ('rebuild');
ANALYZE;
"""
CHUNK = 5000


def _themes_by_finding():
    """(finding id, [theme slugs]) in finding-id order, streamed."""
    from letters.models import FindingTheme

    rows = (
        FindingTheme.objects.order_by("finding_id", "theme__position")
        .values_list("finding_id", "theme__slug")
        .iterator(chunk_size=CHUNK)
    )
    current, slugs = None, []
    for finding_id, slug in rows:
        if finding_id != current:
            if current is not None:
                yield current, slugs
            current, slugs = finding_id, []
        slugs.append(slug)
    if current is not None:
        yield current, slugs


def load(out: Path) -> dict:
    from letters.models import Finding, Inspection

    out.unlink(missing_ok=True)
    target = sqlite3.connect(out)
    target.executescript(SCHEMA)
    letters = Inspection.objects.order_by("id").values_list(
        "id",
        "authority__slug",
        "authority__short_name",
        "year",
        "framework__slug",
        "visit_type",
        "letter_date",
        "title",
        "cleaned_text",
    )
    target.executemany(
        "INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row[:6], row[6].isoformat() if row[6] else None, *row[7:]) for row in letters.iterator(chunk_size=CHUNK)),
    )
    themes = _themes_by_finding()
    pending = next(themes, None)

    def findings():
        nonlocal pending
        rows = Finding.objects.order_by("id").values_list(
            "id",
            "inspection_id",
            "authority__slug",
            "year",
            "framework__slug",
            "visit_type",
            "section",
            "position",
            "text",
        )
        for row in rows.iterator(chunk_size=CHUNK):
            slugs = []
            while pending is not None and pending[0] <= row[0]:
                if pending[0] == row[0]:
                    slugs = pending[1]
                pending = next(themes, None)
            yield (*row[:8], json.dumps(slugs), row[8])

    target.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", findings())
    target.commit()
    target.executescript(INDEXES)
    counts = {
        "letters": target.execute("SELECT count(*) FROM letters").fetchone()[0],
        "findings": target.execute("SELECT count(*) FROM findings").fetchone()[0],
    }
    target.close()
    return counts


if __name__ == "__main__":
    django.setup()
    print(json.dumps(load(Path(sys.argv[1]))))
