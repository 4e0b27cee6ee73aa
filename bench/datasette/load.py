"""Run inside Django (a child process): copy the archive's letters and findings into a SQLite file that Datasette
serves, with the same ids, the facet columns (council, year, framework, section; themes as a JSON array, a letter's
being those of its findings), an index on every facet column but the arrays, and FTS5 indexes (the same porter
tokenizer the archive's SQLite search uses).

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
    letter_date TEXT, title TEXT, themes TEXT, text TEXT
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


def _themes_by(owner: str):
    """(owner id, [theme slugs]) in owner-id order, streamed; ``owner`` is "finding_id" or "finding__inspection_id"
    (a letter's themes: those of its findings, once each)."""
    from letters.models import FindingTheme

    rows = (
        FindingTheme.objects.order_by(owner, "theme__position", "theme__slug")
        .values_list(owner, "theme__slug")
        .iterator(chunk_size=CHUNK)
    )
    current, slugs = None, []
    for owner_id, slug in rows:
        if owner_id != current:
            if current is not None:
                yield current, slugs
            current, slugs = owner_id, []
        if slug not in slugs:
            slugs.append(slug)
    if current is not None:
        yield current, slugs


def _with_themes(rows, owner: str, at: int):
    """Each row (id first) with its themes as a JSON array inserted at position ``at``; rows in id order."""
    themes = _themes_by(owner)
    pending = next(themes, None)
    for row in rows:
        slugs = []
        while pending is not None and pending[0] <= row[0]:
            if pending[0] == row[0]:
                slugs = pending[1]
            pending = next(themes, None)
        yield (*row[:at], json.dumps(slugs), *row[at:])


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
    dated = ((*row[:6], row[6].isoformat() if row[6] else None, *row[7:]) for row in letters.iterator(CHUNK))
    target.executemany(
        "INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _with_themes(dated, "finding__inspection_id", 8)
    )
    findings = Finding.objects.order_by("id").values_list(
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
    target.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _with_themes(findings.iterator(CHUNK), "finding_id", 8),
    )
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
