"""Export the whole archive as JSON Lines, so that a deployment can be rebuilt elsewhere (``archive_import.py``).

One record a line, each with a ``type``: a header (``archive``), then authorities (with their aliases, successors
and redirects), frameworks, themes (with their rules), inspectors, letters (every field, the raw text among them,
their inspectors and, for a letter read from a PDF, the PDF's bytes in base64), findings (with their themes),
suppressed findings and rejected files (bytes in base64): everything an ingest or a curator writes, in the order
an import needs it. Records name each other by natural keys (slugs, a letter's file name, a finding's letter and
position), never by database ids, so an archive exported from SQLite imports into PostgreSQL and back.

Export streams (``.iterator()`` in chunks): memory stays flat whatever the archive's size. What the database derives
is not exported (``upsert.DERIVED``) but rebuilt by the import. Change history is not exported.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator

from django.db import models
from django.db.models import F, Prefetch
from django.utils import timezone

from letters.models.authority import Authority, AuthorityAlias
from letters.models.curation import AuthorityRedirect, InspectorRedirect, SuppressedFinding
from letters.models.finding import Finding
from letters.models.framework import Framework
from letters.models.inspection import Inspection, InspectionInspector, Inspector
from letters.models.judgement import Judgement
from letters.models.rejection import RejectedFile
from letters.models.theme import Theme
from letters.services.upsert import plain

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
CHUNK = {"letter": 20, "rejected_file": 10}  # rows per export chunk and import batch; big texts come fewer at a time
DEFAULT_CHUNK = 500


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


def chunk_size(kind: str) -> int:
    return CHUNK.get(kind, DEFAULT_CHUNK)


def _simple(model: type[models.Model], kind: str) -> Iterator[dict]:
    for row in model.objects.order_by("pk").iterator(chunk_size=chunk_size(kind)):
        yield plain(row)


def _authorities() -> Iterator[dict]:
    rows = Authority.objects.order_by("pk").prefetch_related(
        Prefetch("aliases", queryset=AuthorityAlias.objects.only("authority_id", "name")),
        Prefetch("replaced_by", queryset=Authority.objects.only("slug")),
        Prefetch("redirects", queryset=AuthorityRedirect.objects.only("authority_id", "old_slug")),
    )
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {
            **plain(row),
            "aliases": sorted(alias.name for alias in row.aliases.all()),
            "replaced_by": sorted(other.slug for other in row.replaced_by.all()),
            "redirects": sorted(redirect.old_slug for redirect in row.redirects.all()),
        }


def _inspectors() -> Iterator[dict]:
    rows = Inspector.objects.order_by("pk").prefetch_related(
        Prefetch("redirects", queryset=InspectorRedirect.objects.only("inspector_id", "old_slug"))
    )
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {**plain(row), "redirects": sorted(redirect.old_slug for redirect in row.redirects.all())}


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
    for row in rows.iterator(chunk_size=chunk_size("letter")):
        yield {
            **plain(row),
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
            **plain(row),
            "authority": row.authority_slug,
            "framework": row.framework_slug,
            "themes": sorted(theme.slug for theme in row.themes.all()),
        }


def _suppressed() -> Iterator[dict]:
    rows = SuppressedFinding.objects.order_by("pk").annotate(letter=F("inspection__source_name"))
    for row in rows.iterator(chunk_size=DEFAULT_CHUNK):
        yield {"letter": row.letter, **plain(row)}


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
