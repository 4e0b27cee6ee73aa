"""Write one parsed letter (its fields, inspectors, findings and theme links) to the database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from letters.models import (
    Authority,
    Finding,
    FindingTheme,
    Framework,
    Inspection,
    InspectionInspector,
    Inspector,
    Theme,
)
from letters.models.inspection import ReviewStatus
from letters.parsing import PARSER_VERSION, ParsedLetter

LOW_CONFIDENCE = 0.75


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Lookups:
    """Rows every letter needs, read once per batch instead of once per letter."""

    authorities: dict[str, int] = field(default_factory=dict)
    frameworks: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    inspectors: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lookups:
        return cls(
            authorities=dict(Authority.objects.values_list("slug", "id")),
            frameworks=dict(Framework.objects.values_list("slug", "id")),
            themes=dict(Theme.objects.values_list("slug", "id")),
            inspectors=dict(Inspector.objects.values_list("slug", "id")),
        )

    def inspector_id(self, name: str) -> int:
        slug = slugify(name)[:120] or "unnamed"
        if slug not in self.inspectors:
            try:
                with transaction.atomic():
                    inspector, _ = Inspector.objects.get_or_create(slug=slug, defaults={"name": name})
            except IntegrityError:  # another ingest created it between our read and our write
                inspector = Inspector.objects.get(slug=slug)
            self.inspectors[slug] = inspector.pk
        return self.inspectors[slug]


def _url_key(authority_id: int, parsed: ParsedLetter, current: Inspection | None) -> str:
    base = parsed.letter_date.isoformat() if parsed.letter_date else "undated"
    if current is not None and current.authority_id == authority_id and current.url_key.startswith(base):
        return current.url_key  # URLs never change once published
    taken = set(
        Inspection.objects.filter(authority_id=authority_id, url_key__startswith=base)
        .exclude(pk=getattr(current, "pk", None))
        .values_list("url_key", flat=True)
    )
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def store_parsed_letter(
    parsed: ParsedLetter,
    *,
    digest: str,
    source_name: str,
    lookups: Lookups,
    current: Inspection | None = None,
) -> Inspection:
    """Create or update the letter ``current`` from ``parsed``; the caller holds the transaction."""
    authority_id = lookups.authorities[parsed.authority.slug]
    framework_id = lookups.frameworks.get(parsed.framework_slug) if parsed.framework_slug else None
    inspection = current or Inspection(source_name=source_name)
    inspection.authority_id = authority_id
    inspection.framework_id = framework_id
    inspection.visit_type = parsed.visit_type or ""
    inspection.title = parsed.title[:300]
    inspection.letter_date = parsed.letter_date
    inspection.year = parsed.letter_date.year if parsed.letter_date else None
    inspection.visit_dates = [day.isoformat() for day in parsed.visit_dates]
    inspection.visit_start = parsed.visit_dates[0] if parsed.visit_dates else None
    inspection.visit_end = parsed.visit_dates[-1] if parsed.visit_dates else None
    inspection.recipient_name = parsed.recipient_name[:160]
    inspection.recipient_role = parsed.recipient_role[:300]
    inspection.prior_grade = parsed.prior_grade or ""
    inspection.prior_month = parsed.prior_month or ""
    inspection.visit_ordinal = parsed.visit_ordinal
    inspection.scope = parsed.scope
    inspection.url_key = _url_key(authority_id, parsed, current)
    inspection.sha256 = digest
    inspection.encoding = parsed.encoding
    inspection.raw_text = parsed.verbatim_text
    inspection.cleaned_text = parsed.cleaned_text
    inspection.parser_version = PARSER_VERSION
    inspection.parse_warnings = parsed.warnings
    inspection.parse_confidence = parsed.confidence
    if inspection.review_status != ReviewStatus.REVIEWED:
        needs_review = parsed.warnings or parsed.confidence < LOW_CONFIDENCE
        inspection.review_status = ReviewStatus.NEEDS_REVIEW if needs_review else ReviewStatus.UNREVIEWED
    inspection.save()

    InspectionInspector.objects.filter(inspection=inspection).delete()
    InspectionInspector.objects.bulk_create(
        [
            InspectionInspector(
                inspection=inspection, inspector_id=lookups.inspector_id(person.name), lead=person.lead, position=index
            )
            for index, person in enumerate(_unique_people(parsed))
        ]
    )

    Finding.objects.filter(inspection=inspection).delete()
    findings = Finding.objects.bulk_create(
        [
            Finding(
                inspection=inspection,
                section=item.section,
                position=index,
                text=item.text,
                authority_id=authority_id,
                framework_id=framework_id,
                year=inspection.year,
                visit_type=inspection.visit_type,
            )
            for index, item in enumerate(parsed.findings, start=1)
        ]
    )
    FindingTheme.objects.bulk_create(
        [
            FindingTheme(finding_id=finding.pk, theme_id=lookups.themes[slug])
            for finding, item in zip(findings, parsed.findings, strict=True)
            for slug in dict.fromkeys(item.themes)
            if slug in lookups.themes
        ]
    )
    return inspection


def _unique_people(parsed: ParsedLetter):
    seen = set()
    for person in parsed.inspectors:
        slug = slugify(person.name)
        if slug and slug not in seen:
            seen.add(slug)
            yield person
