"""Curators' edits of letters and findings (the admin calls these): saved, recorded as curation so that re-ingest and
re-parse keep them, the data version raised and the count tables kept current; and a curation undone on request."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max, QuerySet

from letters.models import Finding, FindingTheme, Inspection, Origin, ReviewStatus, SuppressedFinding
from letters.services.changes import change
from letters.services.judgements import refresh_judgement_summaries
from letters.services.store import (
    CURATABLE_FINDING_FIELDS,
    CURATABLE_LETTER_FIELDS,
    copy_letter_columns,
    derive_fields,
    letter_columns,
    text_hash,
)
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
    """Save a curator's edit of a letter (``changed``: the names of the fields they changed), marking the curatable
    ones, and bring its findings' copies of the letter's columns and the council's judgements up to date."""
    with change() as touched:
        previous = Inspection.objects.filter(pk=inspection.pk).values_list("authority_id", flat=True).first()
        fields = mark_letter_edit(inspection, changed)
        inspection.save()
        if fields:
            Finding.objects.filter(inspection=inspection).update(**letter_columns(inspection))
            # A curated prior grade or council may change the councils' timelines.
            refresh_judgement_summaries({inspection.authority_id, previous})
        touched.councils(inspection.authority_id, previous)
    return fields


def mark_letters_reviewed(letters: QuerySet) -> int:
    """Mark letters as reviewed (the review queue's action); returns how many."""
    with change() as touched:
        count = Inspection.objects.filter(pk__in=letters.values("pk")).update(review_status=ReviewStatus.REVIEWED)
        touched.changed = count > 0
    return count


def record_finding_edit(finding: Finding, changed: list[str], theme_ids: list[int] | None = None) -> None:
    """Save a curator's edit of a finding (``changed``: the fields they changed; ``theme_ids``: their choice of
    themes, or None to leave the themes alone). A new finding is added after the letter's last."""
    with change() as touched:
        if finding.pk is None:
            _prepare_added(finding)
        else:
            _mark_finding(finding, [*changed, *(["themes"] if theme_ids is not None else [])])
        finding.save()
        if theme_ids is not None:
            _replace_themes(finding, theme_ids)
        touched.councils(finding.authority_id)


def add_finding(finding: Finding, theme_ids: list[int] | None = None) -> None:
    """A finding a curator adds: it belongs to the curator, goes last, and copies the letter's facet columns."""
    record_finding_edit(finding, list(CURATABLE_FINDING_FIELDS), theme_ids)


def set_finding_themes(finding: Finding, theme_ids: list[int]) -> None:
    """A curator's choice of themes for a finding: it replaces the rules' choice, now and after re-parses."""
    with change() as touched:
        _replace_themes(finding, theme_ids)
        _mark_finding(finding, ["themes"])
        Finding.objects.filter(pk=finding.pk).update(curated_fields=finding.curated_fields)
        touched.councils(finding.authority_id)


def delete_findings(findings: Iterable[Finding]) -> None:
    """Delete findings a curator removed; a parser finding is remembered so that the parser does not bring it back."""
    findings = list(findings)
    with change() as touched:
        for finding in findings:
            if finding.origin == Origin.PARSER:
                digest = finding.parser_text_hash or text_hash(finding.text)
                SuppressedFinding.objects.get_or_create(
                    inspection_id=finding.inspection_id, text_hash=digest, defaults={"text": finding.text}
                )
            finding.delete()
            touched.councils(finding.authority_id)


def drop_letter_curation(inspection: Inspection, fields: list[str] | None = None) -> None:
    """Return the named fields (all when None) to the parser's values, by re-parsing the letter."""
    from letters.services.reparse import reparse_letters

    remaining = [] if fields is None else [f for f in inspection.curated_fields if f not in fields]
    with change():  # the curation marks only: the count tables do not see them
        Inspection.objects.filter(pk=inspection.pk).update(curated_fields=remaining)
    list(reparse_letters(Inspection.objects.filter(pk=inspection.pk)))


def drop_finding_curation(finding: Finding) -> None:
    """Hand a curated finding back to the parser: it is replaced by the parser's reading at the next re-parse."""
    from letters.services.reparse import reparse_letters

    with change() as touched:
        if finding.origin == Origin.CURATOR:
            finding.delete()
            touched.councils(finding.authority_id)
        else:
            Finding.objects.filter(pk=finding.pk).update(curated_fields=[])
    list(reparse_letters(Inspection.objects.filter(pk=finding.inspection_id)))


def _mark_finding(finding: Finding, changed: list[str]) -> None:
    fields = [name for name in changed if name in CURATABLE_FINDING_FIELDS]
    if fields:
        finding.curated_fields = sorted(set(finding.curated_fields or []) | set(fields))


def _prepare_added(finding: Finding) -> None:
    inspection = finding.inspection
    finding.origin = Origin.CURATOR
    finding.curated_fields = list(CURATABLE_FINDING_FIELDS)
    if not finding.position:
        last = Finding.objects.filter(inspection=inspection).aggregate(m=Max("position"))["m"] or 0
        finding.position = last + 1
    copy_letter_columns(finding, inspection)


def _replace_themes(finding: Finding, theme_ids: list[int]) -> None:
    FindingTheme.objects.filter(finding=finding).exclude(theme_id__in=theme_ids).delete()
    present = set(FindingTheme.objects.filter(finding=finding).values_list("theme_id", flat=True))
    FindingTheme.objects.bulk_create([FindingTheme(finding=finding, theme_id=t) for t in theme_ids if t not in present])
    refresh_theme_masks([finding.pk])
