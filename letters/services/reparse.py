"""Re-run the current parser over each letter as stored: its raw text, or its original PDF where it has one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from letters.models import Inspection
from letters.parsing import parse
from letters.services.changes import Run
from letters.services.originals import raw_bytes_of
from letters.services.reference_index import authority_index_from_db, theme_matcher_from_db
from letters.services.store import Lookups, store_parsed_letter


@dataclass
class ReparseOutcome:
    inspection_id: int
    source_name: str
    ok: bool
    reasons: list[str] = field(default_factory=list)


def reparse_letters(queryset=None, *, heal: bool = False) -> Iterator[ReparseOutcome]:
    """Re-parse each letter in its own transaction; a letter the parser now rejects is left as it was. The count
    tables are brought up to date once, after the last letter (with ``heal``, also when they were behind before)."""
    authorities = authority_index_from_db()
    themes = theme_matcher_from_db(bulk=True)
    lookups = Lookups.load()
    ids = list((queryset if queryset is not None else Inspection.objects.all()).values_list("pk", flat=True))
    run = Run(heal=heal)
    for pk in ids:
        with run.transaction() as touched:
            inspection = Inspection.objects.select_for_update().filter(pk=pk).first()
            if inspection is None:
                touched.changed = False
                continue
            raw = raw_bytes_of(inspection)  # a PDF is read again from its bytes, so its layout is not lost
            parsed = parse(raw, authorities=authorities, themes=themes)
            if not parsed.ok or parsed.authority is None or parsed.authority.slug not in lookups.authorities:
                reasons = parsed.errors or ["the council is no longer in the database"]
                touched.changed = False
                yield ReparseOutcome(pk, inspection.source_name, False, reasons)
                continue
            previous_council = inspection.authority_id
            store_parsed_letter(
                parsed,
                digest=inspection.sha256,
                source_name=inspection.source_name,
                lookups=lookups,
                current=inspection,
                themes_for=themes.match,
            )
            touched.councils(previous_council, inspection.authority_id)
        yield ReparseOutcome(pk, inspection.source_name, True)
    run.finish()
