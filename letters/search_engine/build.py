"""One consistent read of a database into a new engine index, in a folder of its own: every finding and letter with
the columns of the facet registry, the councils' council-level values (region, latest judgement) and the themes'
bits, so that counting needs no SQL at all."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.db import connections, transaction

from letters.browse.registry import FINDING_FACETS, LETTER_FACETS, FacetSpec
from letters.search.schema import INDEXED_CHARS
from letters.search_engine.schema import (
    THEMES,
    TOKENIZER,
    analyzer,
    bits_of,
    document_value,
    group_field,
    group_values,
    per_row,
    schema,
)

CHUNK = 5000
META = "meta.json"  # written last: a folder without it is not a finished snapshot
WRITER_HEAP = 64_000_000  # bytes the index writer buffers before it writes a segment, shared by its threads
# Indexing threads: one a core, as many as the heap gives each the 15 MB tantivy needs (5,000 letters build in
# 3.8 s with two threads on this 2-core machine, 5.7 s with one).
WRITER_THREADS = max(1, min(os.cpu_count() or 1, WRITER_HEAP // 16_000_000))
COUNCIL_COLUMNS = [spec.council_column for spec in FINDING_FACETS if spec.council_column]


@dataclass
class Index:
    """One searchable kind (findings or letters)."""

    index: tantivy.Index
    searcher: tantivy.Searcher
    count: int


@dataclass
class Snapshot:
    """Everything a search page asks of the engine, as it was at one data version of one database."""

    key: str
    findings: Index
    letters: Index
    councils: dict[int, dict[str, str]] = field(default_factory=dict)  # id -> {council column: value}
    theme_ids: dict[int, int] = field(default_factory=dict)  # theme bit -> theme id


@dataclass(frozen=True)
class Kind:
    name: str
    facets: list[FacetSpec]
    themes: bool
    text_field: str
    order_fields: tuple[str, ...]

    def order_keys(self, order_values) -> tuple[int, int]:
        """(newest, oldest) as one number each, for the orders of browse/paging.py."""
        if self.name == "findings":
            year, inspection_id, position = order_values
            base = (year or 0) << 48 | inspection_id << 16
            return base | (0xFFFF - position), base | position
        letter_date, pk = order_values
        key = (letter_date.toordinal() if letter_date else 0) << 32 | pk
        return key, key


FINDINGS = Kind("findings", FINDING_FACETS, True, "text", ("year", "inspection_id", "position"))
LETTERS = Kind("letters", LETTER_FACETS, False, "cleaned_text", ("letter_date", "id"))


def _documents(kind: Kind, using: str) -> Iterator[tantivy.Document]:
    from letters.models import Finding, Inspection

    model = Finding if kind is FINDINGS else Inspection
    specs = per_row(kind.facets)
    columns = [spec.column for spec in specs] + (["theme_mask"] if kind.themes else [])
    rows = (
        model.objects.using(using)
        .order_by()
        .values_list("id", kind.text_field, *kind.order_fields, *columns)
        .iterator(chunk_size=CHUNK)
    )
    orders = len(kind.order_fields)
    for row in rows:
        pk, text, order_values, values = row[0], row[1], row[2 : 2 + orders], row[2 + orders :]
        newest, oldest = kind.order_keys(order_values)
        fields = {spec.column: document_value(spec, value) for spec, value in zip(specs, values, strict=False)}
        for spec, value in zip(specs, values, strict=False):
            if spec.bits is not None:
                fields.update(_groups(spec, value))
        if kind.themes:
            fields[THEMES] = bits_of(values[-1] or 0)
            fields.update(_groups(None, values[-1]))
        yield tantivy.Document(id=pk, text=(text or "")[:INDEXED_CHARS], newest=newest, oldest=oldest, **fields)


def _groups(spec: FacetSpec | None, mask: int | None) -> dict[str, int]:
    return {group_field(spec, group): value for group, value in enumerate(group_values(mask))}


def _new_index(folder: Path, kind: Kind) -> tantivy.Index:
    folder.mkdir(parents=True)
    index = tantivy.Index(schema(kind.facets, themes=kind.themes), path=str(folder))
    index.register_tokenizer(TOKENIZER, analyzer())
    return index


def open_index(folder: Path) -> Index:
    index = tantivy.Index.open(str(folder))
    index.register_tokenizer(TOKENIZER, analyzer())
    searcher = index.searcher()
    return Index(index, searcher, searcher.num_docs)


def _filled(folder: Path, kind: Kind, using: str) -> Index:
    index = _new_index(folder, kind)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
    count = 0
    for document in _documents(kind, using):
        writer.add_document(document)
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return Index(index, index.searcher(), count)


@contextmanager
def _one_snapshot(using: str):
    """Every read below sees the same committed data: one transaction, REPEATABLE READ on PostgreSQL (SQLite's read
    transaction is a snapshot already). Inside a caller's transaction (the tests), that transaction is the snapshot."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def build(using: str, read_key, folder: Path) -> Snapshot:
    """A new snapshot of database ``using`` written to ``folder`` (which must not exist); ``read_key(using)`` gives
    the data version it is keyed by, read in the same transaction as the rows."""
    from letters.models import Authority, Theme

    with _one_snapshot(using):
        key = read_key(using)
        councils = {
            row[0]: {column: value or "" for column, value in zip(COUNCIL_COLUMNS, row[1:], strict=True)}
            for row in Authority.objects.using(using).values_list("id", *COUNCIL_COLUMNS)
        }
        theme_ids = dict(Theme.objects.using(using).filter(bit__isnull=False).values_list("bit", "id"))
        findings = _filled(folder / "findings", FINDINGS, using)
        letters = _filled(folder / "letters", LETTERS, using)
    meta = {"key": key, "councils": {str(pk): values for pk, values in councils.items()}, "themes": theme_ids}
    (folder / META).write_text(json.dumps(meta))
    return Snapshot(key, findings, letters, councils, theme_ids)


def open_snapshot(folder: Path) -> Snapshot:
    meta = json.loads((folder / META).read_text())
    councils = {int(pk): values for pk, values in meta["councils"].items()}
    theme_ids = {int(bit): pk for bit, pk in meta["themes"].items()}
    return Snapshot(meta["key"], open_index(folder / "findings"), open_index(folder / "letters"), councils, theme_ids)
