"""Import an archive written by ``archive_export.py``: upsert its records a batch per transaction, comparing before
writing, so that importing a file twice changes nothing the second time. What the database derives is rebuilt: the
search index (triggers), ``Finding.theme_mask``, ``Theme.bit``, the councils' judgement summaries, the data version
and the count tables."""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.db import DatabaseError, models

from letters.models.authority import Authority, AuthorityAlias
from letters.models.curation import AuthorityRedirect, InspectorRedirect, SuppressedFinding
from letters.models.finding import Finding, FindingTheme
from letters.models.framework import Framework
from letters.models.inspection import Inspection, InspectionInspector, Inspector
from letters.models.judgement import Judgement
from letters.models.neighbour import StatisticalNeighbour
from letters.models.original_file import OriginalFile
from letters.models.rejection import RejectedFile
from letters.models.theme import Theme
from letters.services.archive_export import FORMAT, TYPES, chunk_size
from letters.services.changes import Run
from letters.services.judgements import refresh_judgement_summaries, refresh_neighbour_summaries
from letters.services.reference_data import ReferenceCounts, load_statistical_neighbours
from letters.services.theme_masks import refresh_theme_masks
from letters.services.themes import give_bit
from letters.services.upsert import UNCHANGED, UPDATED, Outcome, plain_from, upsert


class ArchiveError(ValueError):
    """The input is not an archive this code can read (no header, or a newer format)."""


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
        if batch and (record_type != kind or len(batch) >= chunk_size(record_type)):
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
        self.run = Run()  # the count tables are recounted once, at the end
        self.handlers: dict[str, Callable[[list[tuple[int, dict]], Outcome], None]] = {
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
        outcome = Outcome()
        with self.run.transaction() as touched:
            self.handlers[kind](batch, outcome)
            touched.changed = any(status != UNCHANGED for status in outcome.statuses.values())
            touched.everything = True  # an import is recounted whole, once, by finish()
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
        with self.run.transaction() as touched:
            loaded = not StatisticalNeighbour.objects.exists()
            if loaded:
                load_statistical_neighbours(django_apps, ReferenceCounts())
            regraded = refresh_judgement_summaries()
            listed = refresh_neighbour_summaries(Authority, StatisticalNeighbour)
            touched.changed = bool(loaded or regraded or listed)
            touched.everything = True
        self.run.finish()
        for status in self.authority_statuses.values():
            self.report.count("authority", status)

    # --- one handler per record type: check references, upsert, then the record's own links ---

    def _authorities(self, batch, outcome: Outcome) -> None:
        rows = {record["slug"]: (line, plain_from(Authority, record)) for line, record in batch}
        stored = upsert(Authority, "slug", rows, outcome)
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
        with self.run.transaction() as touched:
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
            touched.changed = changed
        self.successors = {}

    def _frameworks(self, batch, outcome: Outcome) -> None:
        upsert(Framework, "slug", {r["slug"]: (line, plain_from(Framework, r)) for line, r in batch}, outcome)

    def _themes(self, batch, outcome: Outcome) -> None:
        rows = {r["slug"]: (line, plain_from(Theme, r)) for line, r in batch}
        upsert(Theme, "slug", rows, outcome, one_by_one=True, prepare=give_bit)  # each new theme saved with its bit

    def _inspectors(self, batch, outcome: Outcome) -> None:
        stored = upsert(Inspector, "slug", {r["slug"]: (line, plain_from(Inspector, r)) for line, r in batch}, outcome)
        _set_redirects(
            InspectorRedirect, "inspector_id", {stored[r["slug"]].pk: r.get("redirects", []) for _, r in batch}, outcome
        )

    def _letters(self, batch, outcome: Outcome) -> None:
        authorities = _ids(Authority, "slug", {r.get("authority") for _, r in batch})
        frameworks = _ids(Framework, "slug", {r.get("framework") for _, r in batch})
        inspectors = _ids(Inspector, "slug", {i.get("slug") for _, r in batch for i in r.get("inspectors", [])})
        rows = {}
        for line, record in batch:
            missing = _missing(record, authorities=authorities, frameworks=frameworks, inspectors=inspectors)
            if missing:
                outcome.failed.append(f"line {line}: letter {record.get('source_name')}: {missing}")
                continue
            values = plain_from(Inspection, record)
            values["authority_id"] = authorities[record["authority"]]
            values["framework_id"] = frameworks.get(record.get("framework"))
            rows[record["source_name"]] = (line, values)
        stored = upsert(Inspection, "source_name", rows, outcome)
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

    def _findings(self, batch, outcome: Outcome) -> None:
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
            values = plain_from(Finding, record)
            values.update(
                inspection_id=letters[record["letter"]],
                authority_id=authorities[record["authority"]],
                framework_id=frameworks.get(record.get("framework")),
            )
            rows[(values["inspection_id"], values["position"])] = (line, values)
        stored = upsert(Finding, ("inspection_id", "position"), rows, outcome)
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

    def _suppressed(self, batch, outcome: Outcome) -> None:
        letters = _ids(Inspection, "source_name", {r.get("letter") for _, r in batch})
        rows = {}
        for line, record in batch:
            if record.get("letter") not in letters:
                outcome.failed.append(f"line {line}: suppressed finding of unknown letter {record.get('letter')!r}")
                continue
            values = {**plain_from(SuppressedFinding, record), "inspection_id": letters[record["letter"]]}
            rows[(values["inspection_id"], values["text_hash"])] = (line, values)
        upsert(SuppressedFinding, ("inspection_id", "text_hash"), rows, outcome)

    def _rejected(self, batch, outcome: Outcome) -> None:
        upsert(RejectedFile, "sha256", {r["sha256"]: (line, plain_from(RejectedFile, r)) for line, r in batch}, outcome)


def _set_judgements(stored: dict, records: dict, outcome: Outcome) -> None:
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


def _set_originals(stored: dict[str, Inspection], records: dict[str, dict], outcome: Outcome) -> None:
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


def _set_names(model, owner: str, name_field: str, wanted: dict[int, list[str]], outcome: Outcome, keys) -> None:
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


def _set_redirects(model, owner: str, wanted: dict[int, list[str]], outcome: Outcome) -> None:
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
