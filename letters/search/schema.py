"""The full-text index each database keeps, created idempotently: PostgreSQL tsvector triggers and GIN
indexes, SQLite FTS5 tables with triggers. Triggers keep the index in step with every write, the ingest's and
the admin's alike. Run by migration 0004 and again after every migrate (SQLite drops a table's triggers when
a migration rebuilds the table)."""

from __future__ import annotations

# A tsvector holds at most 1 MB; real letters are ~30 KB, so the index reads the first 200,000 characters.
INDEXED_CHARS = 200_000
# A letter's tsvector (~4 KB) is kept in the table's own pages (compressed if need be) rather than in its TOAST
# table: ranking a broad word reads the vector of every matching letter, and at 50,000 letters fetching them from
# TOAST cost 295 ms against 67 ms in line (measured). Only vectors too big for a page still go out of line.
KEEP_LETTER_VECTORS_IN_LINE = "ALTER TABLE letters_inspection ALTER COLUMN search_vector SET STORAGE MAIN"
# A letter's vector holds the words of its text. Most of that text is its findings, whose vectors are already made
# (a letter's ~13 findings go in before it, services/store.py): each finding found word for word in the letter's text,
# between white space, has its vector joined in at its place, and only the text between them is read again. The
# words are the same as reading the whole text (tests/search/test_full_text.py); positions may differ by the stop
# words at the end of a piece. to_tsvector of a whole letter cost PostgreSQL 0.60 ms a letter, this 0.34 (5k corpus).
# A finding that is not in the text (a curator's, or the letter re-parsed since) is passed over: its words are read
# from the letter's own text where they are there. Each joined finding copies the rest of the text once, so only a
# letter's first JOINED_FINDINGS are joined (real documents hold up to ~250; the parser keeps up to 2,000, whose
# text, 220 KB, took 206 ms joined against 36 ms read whole): the text after them is read as it is.
# The pieces are joined two of a size at a time (tsvector || merges both sides' words, so joining each piece onto
# the whole so far merged the early words once for every later piece): the function over the 5k corpus's 5,000
# letters, alternated four times each, took 2.8-3.4 s against 3.5-4.2 s joined one by one, the same vectors.
JOINED_FINDINGS = 400
LETTER_VECTOR_FUNCTION = f"""CREATE OR REPLACE FUNCTION letters_inspection_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        body bytea := convert_to(left(coalesce(NEW.cleaned_text, ''), {INDEXED_CHARS}), 'UTF8');
        total integer := octet_length(body);
        pieces tsvector[] := '{{}}';
        ranks integer[] := '{{}}';
        depth integer := 0;
        piece tsvector;
        rank integer;
        finding record;
        read_to integer := 1;
        found integer;
        size integer;
    BEGIN
        FOR finding IN
            SELECT convert_to(text, 'UTF8') AS bytes, search_vector FROM letters_finding
            WHERE inspection_id = NEW.id AND search_vector IS NOT NULL AND text <> '' ORDER BY position
            LIMIT {JOINED_FINDINGS}
        LOOP
            size := octet_length(finding.bytes);
            found := position(finding.bytes IN substring(body FROM read_to));
            CONTINUE WHEN found = 0;
            found := read_to + found - 1;
            -- Only a whole piece of text: white space (or the text's ends) on both sides, so no word is cut.
            CONTINUE WHEN (found > 1 AND get_byte(body, found - 2) NOT IN (9, 10, 13, 32))
                OR (found + size <= total AND get_byte(body, found + size - 1) NOT IN (9, 10, 13, 32));
            piece := to_tsvector(
                'pg_catalog.english', convert_from(substring(body FROM read_to FOR found - read_to), 'UTF8')
            ) || finding.search_vector;
            read_to := found + size;
            -- Joined in pairs of equal rank (a binary counter), in order: each word is merged about log2(n) times,
            -- not once for every piece after it.
            rank := 0;
            WHILE depth > 0 AND ranks[depth] = rank LOOP
                piece := pieces[depth] || piece;
                rank := rank + 1;
                depth := depth - 1;
            END LOOP;
            depth := depth + 1;
            pieces[depth] := piece;
            ranks[depth] := rank;
        END LOOP;
        piece := to_tsvector('pg_catalog.english', convert_from(substring(body FROM read_to), 'UTF8'));
        WHILE depth > 0 LOOP
            piece := pieces[depth] || piece;
            depth := depth - 1;
        END LOOP;
        NEW.search_vector := piece;
        RETURN NEW;
    END $$"""
POSTGRES = [
    KEEP_LETTER_VECTORS_IN_LINE,
    "CREATE INDEX IF NOT EXISTS finding_search_gin ON letters_finding USING GIN (search_vector)",
    "CREATE INDEX IF NOT EXISTS inspection_search_gin ON letters_inspection USING GIN (search_vector)",
    f"""CREATE OR REPLACE FUNCTION letters_finding_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.search_vector := to_tsvector('pg_catalog.english', left(coalesce(NEW.text, ''), {INDEXED_CHARS}));
        RETURN NEW; END $$""",
    LETTER_VECTOR_FUNCTION,
    """CREATE OR REPLACE TRIGGER finding_search_update BEFORE INSERT OR UPDATE OF text ON letters_finding
       FOR EACH ROW EXECUTE FUNCTION letters_finding_search_vector()""",
    """CREATE OR REPLACE TRIGGER inspection_search_update BEFORE INSERT OR UPDATE OF cleaned_text
       ON letters_inspection FOR EACH ROW EXECUTE FUNCTION letters_inspection_search_vector()""",
]
POSTGRES_BACKFILL = [
    f"UPDATE letters_finding SET search_vector = to_tsvector('english', left(text, {INDEXED_CHARS})) "
    "WHERE search_vector IS NULL",
    f"UPDATE letters_inspection SET search_vector = to_tsvector('english', left(cleaned_text, {INDEXED_CHARS})) "
    "WHERE search_vector IS NULL",
]

_TOKENIZE = "porter unicode61 remove_diacritics 2"
# (fts table, content table, indexed column)
SQLITE_TABLES = [
    ("letters_finding_fts", "letters_finding", "text"),
    ("letters_inspection_fts", "letters_inspection", "cleaned_text"),
]


def _sqlite_statements(fts: str, table: str, column: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', content_rowid='id', "
        f"tokenize='{_TOKENIZE}')",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN
              INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN
              INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN
              INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
              INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END""",
    ]


def _sqlite_triggers_missing(cursor) -> bool:
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'letters_%_fts_a_'")
    return cursor.fetchone()[0] < 3 * len(SQLITE_TABLES)


def install(connection) -> None:
    """Create the index structures if they are missing, and fill them from the tables if they were."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES + POSTGRES_BACKFILL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            rebuild = _sqlite_triggers_missing(cursor)
            for fts, table, column in SQLITE_TABLES:
                for statement in _sqlite_statements(fts, table, column):
                    cursor.execute(statement)
                if rebuild:
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
