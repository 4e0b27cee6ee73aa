"""Export the whole archive as JSON Lines and import it again, so that a deployment can be rebuilt elsewhere.

One record a line, each with a ``type``: a header (``archive``), then authorities (with their aliases, successors
and redirects), frameworks, themes (with their rules), inspectors, letters (every field, the raw text among them,
their inspectors and, for a letter read from a PDF, the PDF's bytes in base64), findings (with their themes),
suppressed findings and rejected files (bytes in base64): everything an ingest or a curator writes, in the order
an import needs it. Records name each other by natural keys (slugs, a letter's file name, a finding's letter and
position), never by database ids, so an archive exported from SQLite imports into PostgreSQL and back.

Export streams (``.iterator()`` in chunks): memory stays flat whatever the archive's size. Import reads a line at
a time and upserts a batch of records per transaction, comparing before it writes, so importing a file twice
changes nothing the second time. What the database derives is not exported but rebuilt: the search index
(triggers), ``Finding.theme_mask``, ``Theme.bit``, the councils' judgement summaries and the data version. Change
history is not exported.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.apps import apps as django_apps
from django.db import DatabaseError, models, transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from letters.freshness import data_version
from letters.models import (
    Authority,
    AuthorityAlias,
    AuthorityRedirect,
    Finding,
    FindingTheme,
    Framework,
    Inspection,
    InspectionInspector,
    Inspector,
    InspectorRedirect,
    Judgement,
    OriginalFile,
    RejectedFile,
    StatisticalNeighbour,
    SuppressedFinding,
    Theme,
)
from letters.services.judgements import refresh_judgement_summaries, refresh_neighbour_summaries
from letters.services.reference_data import ReferenceCounts, load_statistical_neighbours
from letters.services.theme_masks import refresh_theme_masks

FORMAT = 1
TYPES = (
    "authority",
    "framework",
    "theme",
    "inspector",
    "letter",
    "finding",
    "suppressed_finding",
    "rejected_file",
)
# Columns the database derives (search vectors by trigger, theme masks and bits from the links) or that hold ids.
DERIVED = {"search_vector", "theme_mask", "bit", "latest_overall_grade", "judgement_summary"}
CHUNK = {"letter": 20, "rejected_file": 10}  # rows per export chunk and import batch; big texts come fewer at a time
DEFAULT_CHUNK = 500


class ArchiveError(ValueError):
    """The input is not an archive this code can read (no header, or a newer format)."""


# --- values ---------------------------------------------------------------------------------------------------------


def plain_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own columns: not the id, not a relation, not derived. New columns are exported without a change."""
    return [f for f in model._meta.concrete_fields if not f.primary_key and not f.is_relation and f.name not in DERIVED]


def to_json(model_field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField | models.DateField):
        return value.isoformat()
    if isinstance(model_field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def from_json(model_field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField):
        moment = datetime.fromisoformat(value)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
    if isinstance(model_field, models.DateField):
        return date.fromisoformat(value)
    if isinstance(model_field, models.BinaryField):
        return base64.b64decode(value)
    return value


def _comparable(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview | bytearray) else value


def _plain(instance: models.Model) -> dict[str, Any]:
    return {f.name: to_json(f, getattr(instance, f.attname)) for f in plain_fields(type(instance))}


def _plain_from(model: type[models.Model], record: dict) -> dict[str, Any]:
    """The record's values for the model's own columns, by attribute; columns the record lacks are left out."""
    return {f.attname: from_json(f, record[f.name]) for f in plain_fields(model) if f.name in record}


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- export ---------------------------------------------------------------------------------------------------------


def export_archive(progress: Callable[[str], None] | None = None) -> Iterator[str]:
    """The archive as JSON lines (each ending in a newline); ``progress(type)`` is called once per record."""
    yield _line({"type": "archive", "format": FORMAT, "exported_at": timezone.now().isoformat()})
    for kind, records in (
        ("authority", _authorities()),
        ("framework", _simple(Framework, "framework")),
        ("theme", _simple(Theme, "theme")),
        ("inspector", _inspectors()),
        ("letter", _letters()),
        ("finding", _findings()),
        ("suppressed_finding", _suppressed()),
        ("rejected_file", _simple(RejectedFile, "rejected_file")),
    ):
        for record in records:
            if progress is not None:
                progress(kind)
            yield _line({"type": kind, **record})


def _chunk(kind: str) -> int:
    return CHUNK.get(kind, DEFAULT_CHUNK)


def _simple(model: type[models.Model], kind: str) -> Iterator[dict]:
    for row in model.objects.order_by("pk").iterator(chunk_size=_chunk(kind)):
        yield _plain(row)


def _authorities() -> Iterator[dict]:
    rows = Authority.objects.order_by("pk").prefetch_related(
        Prefetch("aliases", queryset=AuthorityAlias.objects.only("authority_id", "name")),
        Prefetch("replaced_by", queryset=Authority.objects.only("slug")),
        Prefetch("redirects", queryset=AuthorityRedirect.objects.only("authority_id", "old_slug")),
    )
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {
            **_plain(row),
            "aliases": sorted(alias.name for alias in row.aliases.all()),
            "replaced_by": sorted(other.slug for other in row.replaced_by.all()),
            "redirects": sorted(redirect.old_slug for redirect in row.redirects.all()),
        }


def _inspectors() -> Iterator[dict]:
    rows = Inspector.objects.order_by("pk").prefetch_related(
        Prefetch("redirects", queryset=InspectorRedirect.objects.only("inspector_id", "old_slug"))
    )
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {**_plain(row), "redirects": sorted(redirect.old_slug for redirect in row.redirects.all())}


def _letters() -> Iterator[dict]:
    rows = (
        Inspection.objects.order_by("pk")
        .defer("search_vector")
        .select_related("original_file")
        .annotate(authority_slug=F("authority__slug"), framework_slug=F("framework__slug"))
        .prefetch_related(
            Prefetch(
                "inspector_links",
                queryset=InspectionInspector.objects.select_related("inspector")
                .only("inspection_id", "lead", "position", "inspector__slug")
                .order_by("position", "pk"),
            ),
            Prefetch("findings", queryset=Finding.objects.only("inspection_id", "position").order_by("position")),
            Prefetch("judgements", queryset=Judgement.objects.order_by("area")),
        )
    )
    for row in rows.iterator(chunk_size=_chunk("letter")):
        yield {
            **_plain(row),
            "authority": row.authority_slug,
            "framework": row.framework_slug,
            "inspectors": [
                {"slug": link.inspector.slug, "lead": link.lead, "position": link.position}
                for link in row.inspector_links.all()
            ],
            "finding_positions": [finding.position for finding in row.findings.all()],
            "judgements": [{"area": j.area, "grade": j.grade, "curated": j.curated} for j in row.judgements.all()],
            "original": _original(row),
        }


def _original(letter: Inspection) -> dict | None:
    original = getattr(letter, "original_file", None)  # None where the reverse one-to-one has no row
    if original is None:
        return None
    return {"media_type": original.media_type, "content": base64.b64encode(bytes(original.content)).decode("ascii")}


def _findings() -> Iterator[dict]:
    rows = (
        Finding.objects.order_by("pk")
        .defer("search_vector")
        .annotate(
            letter=F("inspection__source_name"),
            authority_slug=F("authority__slug"),
            framework_slug=F("framework__slug"),
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("slug")))
    )
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {
            "letter": row.letter,
            **_plain(row),
            "authority": row.authority_slug,
            "framework": row.framework_slug,
            "themes": sorted(theme.slug for theme in row.themes.all()),
        }


def _suppressed() -> Iterator[dict]:
    rows = SuppressedFinding.objects.order_by("pk").annotate(letter=F("inspection__source_name"))
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {"letter": row.letter, **_plain(row)}


# --- import ---------------------------------------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# What one bad record can raise: the database refusing it, or a record missing a field or holding a wrong type.
RECORD_ERRORS = (DatabaseError, KeyError, TypeError, ValueError)


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)

    def count(self, kind: str, status: str, number: int = 1) -> None:
        getattr(self, status)[kind] += number

    def summary(self) -> str:
        parts = []
        for kind in TYPES:
            done = self.created[kind], self.updated[kind], self.unchanged[kind]
            if any(done):
                parts.append(f"{kind}: {done[0]} created, {done[1]} updated, {done[2]} unchanged")
        parts.append(f"{len(self.failed)} failed")
        return "; ".join(parts)


@dataclass
class _Outcome:
    """One batch's result, merged into the report only once its transaction has committed."""

    statuses: dict[Any, str] = field(default_factory=dict)  # record key -> created / updated / unchanged
    failed: list[str] = field(default_factory=list)

    def mark(self, key: Any, status: str) -> None:
        if status == UPDATED and self.statuses.get(key) == CREATED:
            return
        self.statuses[key] = status


def import_archive(lines: Iterable[str | bytes], *, progress: Callable[[str, int], None] | None = None) -> ImportReport:
    """Upsert the records of an exported archive; ``progress(type, count)`` is called after each batch."""
    importer = _Importer(progress)
    batch: list[tuple[int, dict]] = []
    kind = None
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            importer.report.failed.append(f"line {number}: not JSON ({error})")
            continue
        record_type = record.get("type") if isinstance(record, dict) else None
        if not header_seen:
            if record_type != "archive":
                raise ArchiveError(f"line {number}: not an archive export (its first record must be the header)")
            if not isinstance(record.get("format"), int) or record["format"] > FORMAT:
                raise ArchiveError(f"archive format {record.get('format')!r}: this code reads format {FORMAT} or older")
            header_seen = True
            continue
        if record_type not in TYPES:
            importer.report.failed.append(f"line {number}: unknown record type {record_type!r}")
            continue
        if batch and (record_type != kind or len(batch) >= _chunk(record_type)):
            importer.flush(kind, batch)
            batch = []
        kind = record_type
        batch.append((number, record))
    if not header_seen:
        raise ArchiveError("the input is empty: no archive header")
    if batch:
        importer.flush(kind, batch)
    importer.finish()
    return importer.report


class _Importer:
    def __init__(self, progress: Callable[[str, int], None] | None):
        self.report = ImportReport()
        self.progress = progress
        self.authority_statuses: dict[str, str] = {}  # counted at the end: successors are linked after all are in
        self.successors: dict[str, list[str]] = {}
        self.handlers: dict[str, Callable[[list[tuple[int, dict]], _Outcome], None]] = {
            "authority": self._authorities,
            "framework": self._frameworks,
            "theme": self._themes,
            "inspector": self._inspectors,
            "letter": self._letters,
            "finding": self._findings,
            "suppressed_finding": self._suppressed,
            "rejected_file": self._rejected,
        }

    def flush(self, kind: str, batch: list[tuple[int, dict]]) -> None:
        if kind != "authority" and self.successors:
            self._link_successors()
        try:
            self._commit(kind, batch)
        except RECORD_ERRORS:
            # One record the database refuses must not hold back the rest: settle the batch a record at a time.
            for item in batch:
                try:
                    self._commit(kind, [item])
                except RECORD_ERRORS as error:
                    self.report.failed.append(f"line {item[0]}: {kind} {_key_of(kind, item[1])}: {error}".strip())
        if self.progress is not None:
            self.progress(kind, len(batch))

    def _commit(self, kind: str, batch: list[tuple[int, dict]]) -> None:
        outcome = _Outcome()
        with transaction.atomic():
            self.handlers[kind](batch, outcome)
            if any(status != UNCHANGED for status in outcome.statuses.values()):
                data_version.bump()
        self.report.failed.extend(outcome.failed)
        if kind == "authority":
            self.authority_statuses.update(outcome.statuses)
        else:
            for status in outcome.statuses.values():
                self.report.count(kind, status)

    def finish(self) -> None:
        if self.successors:
            self._link_successors()
        # Derived from the letters and judgements just imported, and from the neighbours of the reference data
        # (not part of the archive: loaded from the shipped data where the authorities came only from the archive).
        if not StatisticalNeighbour.objects.exists():
            load_statistical_neighbours(django_apps, ReferenceCounts())
        refresh_judgement_summaries()
        refresh_neighbour_summaries(Authority, StatisticalNeighbour)
        for status in self.authority_statuses.values():
            self.report.count("authority", status)

    # --- one handler per record type: check references, upsert, then the record's own links ---

    def _authorities(self, batch, outcome: _Outcome) -> None:
        rows = {record["slug"]: (line, _plain_from(Authority, record)) for line, record in batch}
        stored = _upsert(Authority, "slug", rows, outcome)
        _set_names(
            AuthorityAlias,
            "authority_id",
            "name",
            {stored[r["slug"]].pk: r.get("aliases", []) for _, r in batch},
            outcome,
            {stored[slug].pk: slug for slug in rows},
        )
        _set_redirects(
            AuthorityRedirect, "authority_id", {stored[r["slug"]].pk: r.get("redirects", []) for _, r in batch}, outcome
        )
        for _, record in batch:
            self.successors[record["slug"]] = record.get("replaced_by", [])

    def _link_successors(self) -> None:
        with transaction.atomic():
            slugs = set(self.successors) | {s for targets in self.successors.values() for s in targets}
            ids = dict(Authority.objects.filter(slug__in=slugs).values_list("slug", "id"))
            through = Authority.replaced_by.through
            current: dict[int, set[int]] = {}
            for from_id, to_id in through.objects.filter(from_authority_id__in=ids.values()).values_list(
                "from_authority_id", "to_authority_id"
            ):
                current.setdefault(from_id, set()).add(to_id)
            changed = False
            for slug, targets in self.successors.items():
                missing = [target for target in targets if target not in ids]
                if missing:
                    self.report.failed.append(f"authority {slug}: replaced by unknown authorities {missing}")
                wanted = {ids[target] for target in targets if target in ids}
                if slug in ids and current.get(ids[slug], set()) != wanted:
                    Authority.objects.get(pk=ids[slug]).replaced_by.set(wanted)
                    if self.authority_statuses.get(slug) == UNCHANGED:
                        self.authority_statuses[slug] = UPDATED
                    changed = True
            if changed:
                data_version.bump()
        self.successors = {}

    def _frameworks(self, batch, outcome: _Outcome) -> None:
        _upsert(Framework, "slug", {r["slug"]: (line, _plain_from(Framework, r)) for line, r in batch}, outcome)

    def _themes(self, batch, outcome: _Outcome) -> None:
        rows = {r["slug"]: (line, _plain_from(Theme, r)) for line, r in batch}
        _upsert(Theme, "slug", rows, outcome, one_by_one=True)  # save() gives a new theme its bit

    def _inspectors(self, batch, outcome: _Outcome) -> None:
        stored = _upsert(
            Inspector, "slug", {r["slug"]: (line, _plain_from(Inspector, r)) for line, r in batch}, outcome
        )
        _set_redirects(
            InspectorRedirect, "inspector_id", {stored[r["slug"]].pk: r.get("redirects", []) for _, r in batch}, outcome
        )

    def _letters(self, batch, outcome: _Outcome) -> None:
        authorities = _ids(Authority, "slug", {r.get("authority") for _, r in batch})
        frameworks = _ids(Framework, "slug", {r.get("framework") for _, r in batch})
        inspectors = _ids(Inspector, "slug", {i.get("slug") for _, r in batch for i in r.get("inspectors", [])})
        rows = {}
        for line, record in batch:
            missing = _missing(record, authorities=authorities, frameworks=frameworks, inspectors=inspectors)
            if missing:
                outcome.failed.append(f"line {line}: letter {record.get('source_name')}: {missing}")
                continue
            values = _plain_from(Inspection, record)
            values["authority_id"] = authorities[record["authority"]]
            values["framework_id"] = frameworks.get(record.get("framework"))
            rows[record["source_name"]] = (line, values)
        stored = _upsert(Inspection, "source_name", rows, outcome)
        records = {r["source_name"]: r for _, r in batch if r.get("source_name") in stored}
        by_id = {letter.pk: name for name, letter in stored.items()}
        existing = {
            (link.inspection_id, link.inspector_id): link
            for link in InspectionInspector.objects.filter(inspection_id__in=by_id)
        }
        wanted = {
            (stored[name].pk, inspectors[person["slug"]]): person
            for name, record in records.items()
            for person in record.get("inspectors", [])
        }
        extra = [link.pk for key, link in existing.items() if key not in wanted]
        InspectionInspector.objects.filter(pk__in=extra).delete()
        new, changed = [], []
        for (letter_id, inspector_id), person in wanted.items():
            link = existing.get((letter_id, inspector_id))
            lead, position = bool(person.get("lead")), int(person.get("position", 0))
            if link is None:
                new.append(
                    InspectionInspector(
                        inspection_id=letter_id, inspector_id=inspector_id, lead=lead, position=position
                    )
                )
            elif (link.lead, link.position) != (lead, position):
                link.lead, link.position = lead, position
                changed.append(link)
            else:
                continue
            outcome.mark(by_id[letter_id], UPDATED)
        for key in existing:
            if key not in wanted:
                outcome.mark(by_id[key[0]], UPDATED)
        InspectionInspector.objects.bulk_create(new)
        InspectionInspector.objects.bulk_update(changed, ["lead", "position"])
        _set_judgements(stored, records, outcome)
        _set_originals(stored, records, outcome)
        # Findings the archive's letter no longer has (a curator deleted them) go; the rest come as finding records.
        for name, record in records.items():
            if "finding_positions" in record:
                gone = Finding.objects.filter(inspection=stored[name]).exclude(position__in=record["finding_positions"])
                if gone.exists():
                    gone.delete()
                    outcome.mark(name, UPDATED)

    def _findings(self, batch, outcome: _Outcome) -> None:
        letters = _ids(Inspection, "source_name", {r.get("letter") for _, r in batch})
        authorities = _ids(Authority, "slug", {r.get("authority") for _, r in batch})
        frameworks = _ids(Framework, "slug", {r.get("framework") for _, r in batch})
        themes = _ids(Theme, "slug", {slug for _, r in batch for slug in r.get("themes", [])})
        rows = {}
        for line, record in batch:
            missing = _missing(record, letters=letters, authorities=authorities, frameworks=frameworks, themes=themes)
            if missing:
                outcome.failed.append(
                    f"line {line}: finding {record.get('letter')} #{record.get('position')}: {missing}"
                )
                continue
            values = _plain_from(Finding, record)
            values.update(
                inspection_id=letters[record["letter"]],
                authority_id=authorities[record["authority"]],
                framework_id=frameworks.get(record.get("framework")),
            )
            rows[(values["inspection_id"], values["position"])] = (line, values)
        stored = _upsert(Finding, ("inspection_id", "position"), rows, outcome)
        wanted = {
            stored[(letters[r["letter"]], r["position"])].pk: {themes[slug] for slug in r.get("themes", [])}
            for _, r in batch
            if (letters.get(r.get("letter")), r.get("position")) in stored
        }
        current: dict[int, set[int]] = {pk: set() for pk in wanted}
        for finding_id, theme_id in FindingTheme.objects.filter(finding_id__in=wanted).values_list(
            "finding_id", "theme_id"
        ):
            current[finding_id].add(theme_id)
        retagged = [pk for pk in wanted if current[pk] != wanted[pk]]
        FindingTheme.objects.filter(finding_id__in=retagged).delete()
        FindingTheme.objects.bulk_create(
            [FindingTheme(finding_id=pk, theme_id=theme_id) for pk in retagged for theme_id in wanted[pk]]
        )
        refresh_theme_masks(retagged)
        keys = {finding.pk: key for key, finding in stored.items()}
        for pk in retagged:
            outcome.mark(keys[pk], UPDATED)

    def _suppressed(self, batch, outcome: _Outcome) -> None:
        letters = _ids(Inspection, "source_name", {r.get("letter") for _, r in batch})
        rows = {}
        for line, record in batch:
            if record.get("letter") not in letters:
                outcome.failed.append(f"line {line}: suppressed finding of unknown letter {record.get('letter')!r}")
                continue
            values = {**_plain_from(SuppressedFinding, record), "inspection_id": letters[record["letter"]]}
            rows[(values["inspection_id"], values["text_hash"])] = (line, values)
        _upsert(SuppressedFinding, ("inspection_id", "text_hash"), rows, outcome)

    def _rejected(self, batch, outcome: _Outcome) -> None:
        _upsert(
            RejectedFile, "sha256", {r["sha256"]: (line, _plain_from(RejectedFile, r)) for line, r in batch}, outcome
        )


def _set_judgements(stored: dict, records: dict, outcome: _Outcome) -> None:
    """A letter's judgements as the archive holds them (records without the key leave them as they are)."""
    wanted = {
        stored[name].pk: {(j["area"], j["grade"], bool(j.get("curated"))) for j in record["judgements"]}
        for name, record in records.items()
        if "judgements" in record
    }
    if not wanted:
        return
    existing: dict[int, set] = {pk: set() for pk in wanted}
    for inspection_id, area, grade, curated in Judgement.objects.filter(inspection_id__in=wanted).values_list(
        "inspection_id", "area", "grade", "curated"
    ):
        existing[inspection_id].add((area, grade, curated))
    names = {letter.pk: name for name, letter in stored.items()}
    for pk, judgements in wanted.items():
        if judgements != existing[pk]:
            Judgement.objects.filter(inspection_id=pk).delete()
            Judgement.objects.bulk_create(
                [Judgement(inspection_id=pk, area=a, grade=g, curated=c) for a, g, c in sorted(judgements)]
            )
            outcome.mark(names[pk], UPDATED)


def _key_of(kind: str, record: dict) -> str:
    for name in ("slug", "source_name", "sha256"):
        if name in record:
            return str(record[name])
    if "letter" in record:
        return f"{record['letter']} #{record.get('position', record.get('text_hash', ''))}"
    return ""


def _ids(model: type[models.Model], key: str, values: set) -> dict[Any, int]:
    values = {value for value in values if value is not None}
    return dict(model.objects.filter(**{f"{key}__in": values}).values_list(key, "id")) if values else {}


def _missing(record: dict, **known: dict) -> str:
    """What a record names that is not in the archive (empty when everything it refers to is there)."""
    problems = []
    single = {"authorities": "authority", "frameworks": "framework", "letters": "letter"}
    for kind, ids in known.items():
        if kind in single:
            name = record.get(single[kind])
            if name is not None and name not in ids:
                problems.append(f"{single[kind]} {name!r} is not in the archive (nor earlier in the file)")
            elif name is None and kind in ("authorities", "letters"):
                problems.append(f"it names no {single[kind]}")
        elif kind == "inspectors":
            absent = [p.get("slug") for p in record.get("inspectors", []) if p.get("slug") not in ids]
            if absent:
                problems.append(f"inspectors {absent} are not in the archive")
        elif kind == "themes":
            absent = [slug for slug in record.get("themes", []) if slug not in ids]
            if absent:
                problems.append(f"themes {absent} are not in the archive")
    return "; ".join(problems)


def _upsert(
    model: type[models.Model],
    key: str | tuple[str, ...],
    rows: dict[Any, tuple[int, dict[str, Any]]],
    outcome: _Outcome,
    *,
    one_by_one: bool = False,
) -> dict[Any, models.Model]:
    """Create the rows that are missing and update those that differ, by natural key; returns every row by key.

    ``rows`` maps each key to (line, values by attribute name). Values are compared before anything is written,
    so an import of the same data writes nothing and leaves timestamps (and history) alone.
    """
    fields = key if isinstance(key, tuple) else (key,)
    if not rows:
        return {}

    def key_of(values_or_row) -> Any:
        get = values_or_row.get if isinstance(values_or_row, dict) else lambda name: getattr(values_or_row, name)
        parts = tuple(get(name) for name in fields)
        return parts if isinstance(key, tuple) else parts[0]

    scope = {f"{fields[0]}__in": {k[0] if isinstance(key, tuple) else k for k in rows}}
    existing = {key_of(row): row for row in model.objects.filter(**scope) if key_of(row) in rows}
    created, changed, changed_fields = [], [], set()
    for row_key, (_, values) in rows.items():
        row = existing.get(row_key)
        if row is None:
            created.append(model(**values))
            outcome.mark(row_key, CREATED)
            continue
        differs = [name for name, value in values.items() if _comparable(getattr(row, name)) != _comparable(value)]
        if differs:
            for name in differs:
                setattr(row, name, values[name])
            changed.append(row)
            changed_fields.update(differs)
            outcome.mark(row_key, UPDATED)
        else:
            outcome.mark(row_key, UNCHANGED)
    if one_by_one:
        for row in created:
            row.save()
    elif created:
        model.objects.bulk_create(created)
        if any(row.pk is None for row in created):  # a database that returns no ids from a bulk insert
            ids = {key_of(row): row.pk for row in model.objects.filter(**scope)}
            for row in created:
                row.pk = ids[key_of(row)]
        # bulk_create stamps auto_now(_add) columns with the time of the import; the archive's times win.
        stamped = [
            f.attname for f in plain_fields(model) if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        stamped = [name for name in stamped if all(name in rows[key_of(row)][1] for row in created)]
        if stamped:
            for row in created:
                for name in stamped:
                    setattr(row, name, rows[key_of(row)][1][name])
            model.objects.bulk_update(created, stamped)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields))
    return {**existing, **{key_of(row): row for row in created}}


def _set_originals(stored: dict[str, Inspection], records: dict[str, dict], outcome: _Outcome) -> None:
    """Make each letter's original file (its PDF) the archive's: kept, replaced or removed. Records from archives
    exported before originals were kept have no ``original`` key and leave the letter's file alone."""
    named = {name: record["original"] for name, record in records.items() if "original" in record}
    if not named:
        return
    held = {o.inspection_id: o for o in OriginalFile.objects.filter(inspection_id__in=[stored[n].pk for n in named])}
    for name, wanted in named.items():
        letter_id = stored[name].pk
        current = held.get(letter_id)
        if wanted is None:
            if current is not None:
                current.delete()
                outcome.mark(name, UPDATED)
            continue
        content = base64.b64decode(wanted["content"])
        media_type = wanted.get("media_type") or "application/pdf"
        if current is not None and bytes(current.content) == content and current.media_type == media_type:
            continue
        OriginalFile.objects.update_or_create(
            inspection_id=letter_id, defaults={"content": content, "media_type": media_type, "size": len(content)}
        )
        outcome.mark(name, UPDATED)


def _set_names(model, owner: str, name_field: str, wanted: dict[int, list[str]], outcome: _Outcome, keys) -> None:
    """Make each owner's names (an authority's aliases) exactly the archive's."""
    current: dict[int, set[str]] = {pk: set() for pk in wanted}
    for owner_id, name in model.objects.filter(**{f"{owner}__in": wanted}).values_list(owner, name_field):
        current[owner_id].add(name)
    for owner_id, names in wanted.items():
        names = set(names)
        if names == current[owner_id]:
            continue
        model.objects.filter(**{owner: owner_id}).exclude(**{f"{name_field}__in": names}).delete()
        model.objects.bulk_create([model(**{owner: owner_id, name_field: n}) for n in names - current[owner_id]])
        outcome.mark(keys[owner_id], UPDATED)


def _set_redirects(model, owner: str, wanted: dict[int, list[str]], outcome: _Outcome) -> None:
    """Make each record's redirects (old slugs that lead to it) exactly the archive's."""
    owners = model._meta.get_field(owner.removesuffix("_id")).related_model
    keys = dict(owners.objects.filter(pk__in=wanted).values_list("pk", "slug"))
    current: dict[int, set[str]] = {pk: set() for pk in wanted}
    for owner_id, old_slug in model.objects.filter(**{f"{owner}__in": wanted}).values_list(owner, "old_slug"):
        current[owner_id].add(old_slug)
    for owner_id, slugs in wanted.items():
        slugs = set(slugs)
        if slugs == current[owner_id]:
            continue
        model.objects.filter(**{owner: owner_id}).exclude(old_slug__in=slugs).delete()
        for old_slug in slugs - current[owner_id]:
            model.objects.update_or_create(old_slug=old_slug, defaults={owner: owner_id})
        outcome.mark(keys[owner_id], UPDATED)
