"""Record what curators change, so that re-ingest and re-parse keep it; and undo a curation on request."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from letters.freshness import data_version
from letters.models import Finding, FindingTheme, Inspection, Origin, SuppressedFinding
from letters.services.judgements import refresh_judgement_summaries
from letters.services.store import CURATABLE_FINDING_FIELDS, CURATABLE_LETTER_FIELDS, derive_fields, text_hash
from letters.services.theme_masks import refresh_theme_masks

# Form field names in the admin that map to curatable letter fields.
_FORM_FIELDS = {"authority": "authority", "framework": "framework", **{f: f for f in CURATABLE_LETTER_FIELDS}}


def mark_letter_edit(inspection: Inspection, changed: list[str]) -> list[str]:
    """Mark the letter's changed fields as curated and update the fields that follow from them (no save)."""
    fields = [_FORM_FIELDS[name] for name in changed if name in _FORM_FIELDS]
    if fields:
        inspection.curated_fields = sorted(set(inspection.curated_fields or []) | set(fields))
        derive_fields(inspection)
    return fields


def record_letter_edit(inspection: Inspection, changed: list[str]) -> list[str]:
    """Mark, save, and bring the findings' copies of the letter's facet columns up to date."""
    fields = mark_letter_edit(inspection, changed)
    if fields:
        inspection.save()
        sync_findings_facets(inspection)
    return fields


def sync_findings_facets(inspection: Inspection) -> None:
    """Findings carry copies of the letter's facet columns; keep them in step after a curator's edit."""
    Finding.objects.filter(inspection=inspection).update(
        authority_id=inspection.authority_id,
        framework_id=inspection.framework_id,
        year=inspection.year,
        visit_type=inspection.visit_type,
        jtai_topic=inspection.jtai_topic,
        focus_mask=inspection.focus_mask,
    )
    refresh_judgement_summaries([inspection.authority_id])  # a curated prior grade or council may change it


def record_finding_edit(finding: Finding, changed: list[str]) -> None:
    fields = [name for name in changed if name in CURATABLE_FINDING_FIELDS]
    if fields:
        finding.curated_fields = sorted(set(finding.curated_fields or []) | set(fields))
        Finding.objects.filter(pk=finding.pk).update(curated_fields=finding.curated_fields)
        data_version.bump()


def prepare_added_finding(finding: Finding) -> None:
    """A finding a curator adds: it belongs to the curator, goes last, and copies the letter's facet columns."""
    inspection = finding.inspection
    finding.origin = Origin.CURATOR
    finding.curated_fields = list(CURATABLE_FINDING_FIELDS)
    if not finding.position:
        last = Finding.objects.filter(inspection=inspection).aggregate(m=Max("position"))["m"] or 0
        finding.position = last + 1
    finding.authority_id = inspection.authority_id
    finding.framework_id = inspection.framework_id
    finding.year = inspection.year
    finding.visit_type = inspection.visit_type


def record_finding_deleted(finding: Finding) -> None:
    """Remember a deleted parser finding so that the parser does not bring it back."""
    if finding.origin == Origin.PARSER:
        digest = finding.parser_text_hash or text_hash(finding.text)
        SuppressedFinding.objects.get_or_create(
            inspection_id=finding.inspection_id, text_hash=digest, defaults={"text": finding.text}
        )


def set_finding_themes(finding: Finding, theme_ids: list[int]) -> None:
    """A curator's choice of themes for a finding: it replaces the rules' choice, now and after re-parses."""
    with transaction.atomic():
        FindingTheme.objects.filter(finding=finding).exclude(theme_id__in=theme_ids).delete()
        present = set(FindingTheme.objects.filter(finding=finding).values_list("theme_id", flat=True))
        new_links = [FindingTheme(finding=finding, theme_id=t) for t in theme_ids if t not in present]
        FindingTheme.objects.bulk_create(new_links)
        refresh_theme_masks([finding.pk])
        record_finding_edit(finding, ["themes"])


def drop_letter_curation(inspection: Inspection, fields: list[str] | None = None) -> None:
    """Return the named fields (all when None) to the parser's values, by re-parsing the letter."""
    from letters.services.reparse import reparse_letters

    remaining = [] if fields is None else [f for f in inspection.curated_fields if f not in fields]
    Inspection.objects.filter(pk=inspection.pk).update(curated_fields=remaining)
    list(reparse_letters(Inspection.objects.filter(pk=inspection.pk)))


def drop_finding_curation(finding: Finding) -> None:
    """Hand a curated finding back to the parser: it is replaced by the parser's reading at the next re-parse."""
    from letters.services.reparse import reparse_letters

    if finding.origin == Origin.CURATOR:
        finding.delete()
    else:
        Finding.objects.filter(pk=finding.pk).update(curated_fields=[])
    list(reparse_letters(Inspection.objects.filter(pk=finding.inspection_id)))
