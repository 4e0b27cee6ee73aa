"""Write one parsed letter (its fields, inspectors, findings and theme links) to the database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.utils.text import slugify

from letters.models import (
    Authority,
    Finding,
    FindingTheme,
    Framework,
    Inspection,
    InspectionInspector,
    Inspector,
    Judgement,
    Origin,
    SuppressedFinding,
    Theme,
)
from letters.models.inspection import ReviewStatus, urn_of
from letters.parsing import PARSER_VERSION, ParsedLetter
from letters.parsing.focus import focus_mask
from letters.services.copy_insert import (
    allocate_ids,
    insert_links,
    insert_new_rows,
    insert_rows,
    insert_with_history,
)
from letters.services.judgements import judgement_rows, refresh_judgement_summaries, store_judgements
from letters.services.theme_masks import mask_of

LOW_CONFIDENCE = 0.75
LOW_COVERAGE = 0.98  # findings hold less of the body's words than this: a curator should look (issue 11)


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Lookups:
    """Rows every letter needs, read once per batch instead of once per letter."""

    authorities: dict[str, int] = field(default_factory=dict)
    frameworks: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    theme_bits: dict[str, int] = field(default_factory=dict)
    inspectors: dict[str, int] = field(default_factory=dict)
    # An inspector's slug by name as written: slugify (Unicode normalising and two regexes) once a name, not twice for
    # every letter that names them.
    slugs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lookups:
        return cls(
            authorities=dict(Authority.objects.values_list("slug", "id")),
            frameworks=dict(Framework.objects.values_list("slug", "id")),
            themes=dict(Theme.objects.values_list("slug", "id")),
            theme_bits=dict(Theme.objects.exclude(bit=None).values_list("slug", "bit")),
            inspectors=dict(Inspector.objects.values_list("slug", "id")),
        )

    def mask(self, slugs: Iterable[str]) -> int:
        return mask_of(self.theme_bits[slug] for slug in slugs if slug in self.theme_bits)

    def ensure_inspectors(self, names) -> None:
        """Create the inspectors of a batch of letters in one statement (others may be creating them too)."""
        wanted = {self.inspector_slug(name): name[:120] for name in names}
        missing = wanted.keys() - self.inspectors.keys()
        if not missing:
            return
        Inspector.objects.bulk_create(
            [Inspector(slug=slug, name=wanted[slug]) for slug in sorted(missing)], ignore_conflicts=True
        )
        self.inspectors.update(Inspector.objects.filter(slug__in=missing).values_list("slug", "id"))

    def inspector_slug(self, name: str) -> str:
        slug = self.slugs.get(name)
        if slug is None:
            slug = self.slugs[name] = slugify(name)[:120] or "unnamed"
        return slug

    def inspector_id(self, name: str) -> int:
        slug = self.inspector_slug(name)
        if slug not in self.inspectors:
            try:
                with transaction.atomic():
                    inspector, _ = Inspector.objects.get_or_create(slug=slug, defaults={"name": name[:120]})
            except IntegrityError:  # another ingest created it between our read and our write
                inspector = Inspector.objects.get(slug=slug)
            self.inspectors[slug] = inspector.pk
        return self.inspectors[slug]


def url_key_for(authority_id: int, letter_date, current: Inspection | None) -> str:
    """A new letter's URL part: its date, with -2, -3 … for a council's further letters that day."""
    base = _url_base(letter_date)
    taken = set(
        Inspection.objects.filter(authority_id=authority_id, url_key__startswith=base)
        .exclude(pk=getattr(current, "pk", None))
        .values_list("url_key", flat=True)
    )
    return _first_free(base, taken)


def _url_base(letter_date) -> str:
    return letter_date.isoformat() if letter_date else "undated"


def _first_free(base: str, taken: set[str]) -> str:
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


# Letter fields a curator may set; each maps to the model attribute it is stored in.
CURATABLE_LETTER_FIELDS = {
    "authority": "authority_id",
    "framework": "framework_id",
    "visit_type": "visit_type",
    "title": "title",
    "letter_date": "letter_date",
    "visit_dates": "visit_dates",
    "recipient_name": "recipient_name",
    "recipient_role": "recipient_role",
    "prior_grade": "prior_grade",
    "prior_month": "prior_month",
    "visit_ordinal": "visit_ordinal",
    "scope": "scope",
    "prior_area": "prior_area",
    "document_kind": "document_kind",
    "jtai_topic": "jtai_topic",
    "focus": "focus",
}
CURATABLE_FINDING_FIELDS = ("section", "text", "themes")
# The letter's columns that each of its findings carries a copy of, so that faceted search never joins the letters.
LETTER_COLUMNS_ON_FINDINGS = ("authority_id", "framework_id", "year", "visit_type", "jtai_topic", "focus_mask")
_TEMPORARY_POSITION = 30000
# A new finding's columns as ``store_new_letters`` writes them (the search vector is the database's).
NEW_FINDING_COLUMNS = (
    "inspection_id",
    "position",
    "section",
    "text",
    "heading",
    "parser_text_hash",
    "theme_mask",
    "origin",
    "curated_fields",
    *LETTER_COLUMNS_ON_FINDINGS,
)


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()


def parsed_values(parsed: ParsedLetter, lookups: Lookups) -> dict:
    """The parser's value of every curatable letter field, keyed by model attribute."""
    return {
        "authority_id": lookups.authorities[parsed.authority.slug],
        "framework_id": lookups.frameworks.get(parsed.framework_slug) if parsed.framework_slug else None,
        "visit_type": parsed.visit_type or "",
        "title": parsed.title[:300],
        "letter_date": parsed.letter_date,
        "visit_dates": [day.isoformat() for day in parsed.visit_dates],
        "recipient_name": parsed.recipient_name[:160],
        "recipient_role": parsed.recipient_role[:300],
        "prior_grade": parsed.prior_grade or "",
        "prior_month": parsed.prior_month or "",
        "visit_ordinal": parsed.visit_ordinal,
        "scope": parsed.scope,
        "prior_area": (parsed.prior_area or "")[:40],
        "document_kind": parsed.document_kind if parsed.document_kind in ("letter", "report") else "letter",
        "jtai_topic": (parsed.jtai_topic or "")[:60],
        "focus": list(parsed.focus),
    }


def copy_letter_columns(finding: Finding, inspection: Inspection) -> None:
    """Give a finding its letter's facet columns (the one place they are copied: the queryset form is
    ``Finding.objects.filter(inspection=…).update(**letter_columns(inspection))``)."""
    for name, value in letter_columns(inspection).items():
        setattr(finding, name, value)


def letter_columns(inspection: Inspection) -> dict:
    return {name: getattr(inspection, name) for name in LETTER_COLUMNS_ON_FINDINGS}


def derive_fields(inspection: Inspection) -> None:
    """Fields that follow from others: the year of the letter date, the first and last visit days, the URN, the
    focus mask."""
    inspection.urn = urn_of(inspection.source_name)
    inspection.year = inspection.letter_date.year if inspection.letter_date else None
    inspection.focus_mask = focus_mask(inspection.focus or [])
    days = sorted(date.fromisoformat(day) if isinstance(day, str) else day for day in inspection.visit_dates or [])
    inspection.visit_start = days[0] if days else None
    inspection.visit_end = days[-1] if days else None


def _set_parse_fields(inspection: Inspection, parsed: ParsedLetter, digest: str) -> None:
    inspection.sha256 = digest
    inspection.encoding = parsed.encoding
    inspection.raw_text = parsed.verbatim_text
    inspection.cleaned_text = parsed.cleaned_text
    inspection.parser_version = PARSER_VERSION
    inspection.parse_warnings = parsed.warnings
    inspection.parse_confidence = parsed.confidence
    inspection.coverage = parsed.coverage
    inspection.set_aside = [item.to_dict() for item in parsed.set_aside]
    if inspection.review_status != ReviewStatus.REVIEWED:
        # A guessed paragraph boundary (a full last line in converted text) is common and costs confidence, but
        # alone it does not send a letter to the queue: every other warning does.
        warnings = len(parsed.warnings) - (1 if parsed.guessed_boundaries else 0)
        needs_review = warnings > 0 or parsed.confidence < LOW_CONFIDENCE or parsed.coverage < LOW_COVERAGE
        inspection.review_status = ReviewStatus.NEEDS_REVIEW if needs_review else ReviewStatus.UNREVIEWED


def store_new_letters(batch: list[tuple[ParsedLetter, str, str]], *, lookups: Lookups) -> list[Inspection]:
    """Write letters not yet in the archive, (parsed, digest, source name) each, in a few bulk statements.

    The caller holds one transaction for the batch (``services/changes.py``: it raises the data version) and falls
    back to ``store_parsed_letter`` letter by letter if it fails, so that one letter's problem never holds back the
    others.
    """
    inspections = []
    for parsed, digest, source_name in batch:
        inspection = Inspection(source_name=source_name)
        for attribute, value in parsed_values(parsed, lookups).items():
            setattr(inspection, attribute, value)
        derive_fields(inspection)
        _set_parse_fields(inspection, parsed, digest)
        inspections.append(inspection)
    _assign_url_keys(inspections)
    lookups.ensure_inspectors(person.name for parsed, _, _ in batch for person in parsed.inspectors)
    if allocate_ids(Inspection, inspections):
        # The letters' ids known first (PostgreSQL): their findings go in before them, so that each letter's search
        # vector joins its findings' vectors instead of reading their text again (search/schema.py).
        _insert_findings(inspections, batch, lookups)
        insert_with_history(Inspection, inspections)
    else:
        insert_with_history(Inspection, inspections)
        if any(inspection.pk is None for inspection in inspections):  # databases that return no ids from a bulk insert
            ids = dict(
                Inspection.objects.filter(source_name__in=[i.source_name for i in inspections]).values_list(
                    "source_name", "pk"
                )
            )
            for inspection in inspections:
                inspection.pk = ids[inspection.source_name]
        _insert_findings(inspections, batch, lookups)

    insert_links(
        InspectionInspector,
        ["inspection", "inspector", "lead", "position"],
        [
            (inspection.pk, lookups.inspector_id(person.name), person.lead, index)
            for inspection, (parsed, _, _) in zip(inspections, batch, strict=True)
            for index, person in enumerate(_unique_people(parsed))
        ],
    )
    judgements = [
        row
        for inspection, (parsed, _, _) in zip(inspections, batch, strict=True)
        for row in judgement_rows(inspection, parsed)
    ]
    insert_rows(Judgement, judgements)
    # Only a letter with judgements or a stated prior grade can change its council's timeline.
    refresh_judgement_summaries(
        {row.inspection.authority_id for row in judgements}
        | {inspection.authority_id for inspection in inspections if inspection.prior_grade}
    )
    return inspections


def _insert_findings(
    inspections: list[Inspection], batch: list[tuple[ParsedLetter, str, str]], lookups: Lookups
) -> None:
    """The new letters' findings and their theme links, the letters' ids known."""
    # Findings as plain rows, no model instance each: a batch holds a thousand of them.
    rows, keys, themes = [], [], []
    for inspection, (parsed, _, _) in zip(inspections, batch, strict=True):
        shared = letter_columns(inspection).values()  # in LETTER_COLUMNS_ON_FINDINGS' order
        for position, item in enumerate(parsed.findings, start=1):
            rows.append(
                (
                    inspection.pk,
                    position,
                    item.section,
                    item.text,
                    item.heading[:300],
                    text_hash(item.text),
                    lookups.mask(item.themes),
                    Origin.PARSER.value,
                    [],
                    *shared,
                )
            )
            keys.append((inspection.pk, position))
            themes.append(item.themes)
    finding_ids = insert_new_rows(Finding, NEW_FINDING_COLUMNS, rows)
    if None in finding_ids:  # databases that return no ids from a bulk insert
        keyed = {
            (inspection_id, position): pk
            for pk, inspection_id, position in Finding.objects.filter(
                inspection_id__in=[i.pk for i in inspections]
            ).values_list("pk", "inspection_id", "position")
        }
        finding_ids = [keyed[key] for key in keys]
    insert_links(
        FindingTheme,
        ["finding", "theme"],
        [
            (finding_id, lookups.themes[slug])
            for finding_id, slugs in zip(finding_ids, themes, strict=True)
            for slug in dict.fromkeys(slugs)
            if slug in lookups.themes
        ],
    )


PAIRS_A_QUERY = 500  # (council, date) pairs a statement: 1,000 parameters, far below SQLite's limit


def _assign_url_keys(inspections: list[Inspection]) -> None:
    """Each new letter's URL part: its date, with -2, -3 … for a council's further letters that day."""
    dates = {i.letter_date for i in inspections}
    taken = _keys_on_days(sorted({(i.authority_id, i.letter_date) for i in inspections if i.letter_date}))
    if None in dates:
        taken |= set(Inspection.objects.filter(url_key__startswith="undated").values_list("authority_id", "url_key"))
    by_council: dict[int, set[str]] = {}
    for authority_id, key in taken:
        by_council.setdefault(authority_id, set()).add(key)
    for inspection in inspections:
        keys = by_council.setdefault(inspection.authority_id, set())
        inspection.url_key = _first_free(_url_base(inspection.letter_date), keys)
        keys.add(inspection.url_key)


def _keys_on_days(pairs: list[tuple[int, date]]) -> set[tuple[int, str]]:
    """(council, URL part) of the letters of these (council, letter date) pairs, each pair looked up in the (council,
    date) index. (The ORM's "council IN … AND date IN …" makes PostgreSQL probe every council with every date: at
    50,000 letters ~40 ms for a batch of 256, against ~3 ms for the pairs.)"""
    taken: set[tuple[int, str]] = set()
    table = connection.ops.quote_name(Inspection._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), PAIRS_A_QUERY):
            chunk = pairs[start : start + PAIRS_A_QUERY]
            rows = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"SELECT authority_id, url_key FROM {table} WHERE (authority_id, letter_date) IN (VALUES {rows})",  # noqa: S608 - the table's name and placeholders only
                [value for pair in chunk for value in pair],
            )
            taken.update(cursor.fetchall())
    return taken


def store_parsed_letter(
    parsed: ParsedLetter,
    *,
    digest: str,
    source_name: str,
    lookups: Lookups,
    current: Inspection | None = None,
    themes_for=None,
) -> Inspection:
    """Create or update the letter ``current`` from ``parsed``; the caller holds the transaction (a change of
    ``services/changes.py``, which raises the data version).

    Fields and findings a curator set are kept as the curator left them; everything else follows the parser.
    ``themes_for(text)`` tags findings whose text a curator changed (defaults to no themes).
    """
    inspection = current or Inspection(source_name=source_name)
    previous_authority = current.authority_id if current is not None else None
    curated = {
        CURATABLE_LETTER_FIELDS[name] for name in (inspection.curated_fields or []) if name in CURATABLE_LETTER_FIELDS
    }
    for attribute, value in parsed_values(parsed, lookups).items():
        if attribute not in curated:
            setattr(inspection, attribute, value)
    derive_fields(inspection)
    if current is None or inspection.authority_id != previous_authority:
        # A letter keeps its URL for good; only a new letter, or one moved to another council, gets one.
        inspection.url_key = url_key_for(inspection.authority_id, inspection.letter_date, current)
    _set_parse_fields(inspection, parsed, digest)
    inspection.save()

    if current is not None:
        InspectionInspector.objects.filter(inspection=inspection).delete()
    InspectionInspector.objects.bulk_create(
        [
            InspectionInspector(
                inspection=inspection, inspector_id=lookups.inspector_id(person.name), lead=person.lead, position=index
            )
            for index, person in enumerate(_unique_people(parsed))
        ]
    )
    store_findings(inspection, parsed, lookups, themes_for or (lambda text: []), new=current is None)
    store_judgements(inspection, parsed)
    refresh_judgement_summaries({inspection.authority_id, previous_authority} - {None})
    return inspection


def store_findings(inspection: Inspection, parsed: ParsedLetter, lookups: Lookups, themes_for, *, new: bool) -> None:
    """Replace the parser's findings, keeping curated ones (in their parser twin's place) and curator deletions."""
    existing = [] if new else list(Finding.objects.filter(inspection=inspection).order_by("position"))
    kept = [f for f in existing if f.origin == Origin.CURATOR or f.curated_fields]
    if len(kept) < len(existing):
        Finding.objects.filter(pk__in=[f.pk for f in existing if f not in kept]).delete()
    suppressed = (
        set()
        if new
        else set(SuppressedFinding.objects.filter(inspection=inspection).values_list("text_hash", flat=True))
    )
    twins = {f.parser_text_hash: f for f in kept if f.parser_text_hash}

    ordered: list[tuple[Finding, list[str] | None]] = []  # (finding, themes to set or None to leave)
    for item in parsed.findings:
        digest = text_hash(item.text)
        if digest in suppressed:
            continue
        twin = twins.pop(digest, None)
        if twin is not None:
            ordered.append((twin, None))
            continue
        new_finding = Finding(
            inspection=inspection,
            section=item.section,
            text=item.text,
            heading=item.heading[:300],
            parser_text_hash=digest,
            theme_mask=lookups.mask(item.themes),
        )
        ordered.append((new_finding, item.themes))
    placed = {id(f) for f, _ in ordered}
    ordered += [(f, None) for f in kept if id(f) not in placed]  # curator-added, or whose source text has gone

    for finding in kept:  # out of the way of the unique (inspection, position) while renumbering
        finding.position = _TEMPORARY_POSITION + finding.position
    if kept:
        Finding.objects.bulk_update(kept, ["position"])
    for position, (finding, _) in enumerate(ordered, start=1):
        finding.position = position
        copy_letter_columns(finding, inspection)
    Finding.objects.bulk_create([f for f, _ in ordered if f.pk is None])
    retag = [f for f in kept if "themes" not in f.curated_fields]
    retagged = {id(f): themes_for(f.text) for f in retag}
    for finding in retag:
        finding.theme_mask = lookups.mask(retagged[id(finding)])
    if kept:
        Finding.objects.bulk_update(
            kept,
            ["position", *LETTER_COLUMNS_ON_FINDINGS, "theme_mask"],
        )
    if retag:
        FindingTheme.objects.filter(finding__in=retag).delete()
    links = [(f, themes) for f, themes in ordered if themes is not None]
    links += [(f, retagged[id(f)]) for f in retag]
    FindingTheme.objects.bulk_create(
        [
            FindingTheme(finding_id=finding.pk, theme_id=lookups.themes[slug])
            for finding, slugs in links
            for slug in dict.fromkeys(slugs)
            if slug in lookups.themes
        ]
    )


def _unique_people(parsed: ParsedLetter):
    seen = set()
    for person in parsed.inspectors:
        slug = slugify(person.name)
        if slug and slug not in seen:
            seen.add(slug)
            yield person
