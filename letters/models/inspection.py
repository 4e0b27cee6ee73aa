"""One inspection letter (its metadata, raw and cleaned text, parse report) and the inspectors who wrote it."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from letters.letter_paths import letter_path
from letters.querysets import InspectionQuerySet

OFSTED_PROVIDER_URL = "https://reports.ofsted.gov.uk/provider/44/{urn}"  # 44: local authority children's services
_URN = re.compile(r"^(\d{4,12})_")


def urn_of(source_name: str) -> str:
    """The Ofsted URN that starts a source file's name ("80426_barnsley__….txt" -> "80426"), or ""."""
    match = _URN.match(source_name or "")
    return match.group(1) if match else ""


def ofsted_provider_url(urn: str) -> str:
    return OFSTED_PROVIDER_URL.format(urn=urn) if urn else ""


PDF_ENCODING = "pdf"  # the ``encoding`` of a letter read from a PDF: its raw text is the extracted text


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not reviewed"
    NEEDS_REVIEW = "needs_review", "Needs review"
    REVIEWED = "reviewed", "Reviewed"


class Inspection(models.Model):
    authority = models.ForeignKey("letters.Authority", on_delete=models.PROTECT, related_name="inspections")
    framework = models.ForeignKey(
        "letters.Framework", on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    visit_type = models.CharField(max_length=60, blank=True, db_index=True)
    title = models.CharField(max_length=300, blank=True)
    letter_date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, help_text="Of the letter date.")
    visit_start = models.DateField(null=True, blank=True)
    visit_end = models.DateField(null=True, blank=True)
    visit_dates = models.JSONField(default=list, blank=True, help_text="Every day of the visit, ISO dates.")
    recipient_name = models.CharField(max_length=160, blank=True)
    recipient_role = models.CharField(max_length=300, blank=True)
    prior_grade = models.CharField(max_length=40, blank=True, help_text="The last judgement the letter states.")
    prior_month = models.CharField(max_length=7, blank=True, help_text="YYYY-MM of that judgement.")
    visit_ordinal = models.PositiveSmallIntegerField(null=True, blank=True)
    scope = models.JSONField(default=list, blank=True, help_text="What the visit looked at (not findings).")
    prior_area = models.CharField(max_length=40, blank=True, help_text="The area of the judgement the letter states.")
    document_kind = models.CharField(
        max_length=10, choices=[("letter", "Letter"), ("report", "Report")], default="letter", db_index=True
    )
    jtai_topic = models.CharField(max_length=60, blank=True, db_index=True, help_text="A JTAI's topic (slug).")
    focus = models.JSONField(default=list, blank=True, help_text="The visit's focus areas (slugs).")
    focus_mask = models.BigIntegerField(default=0, help_text="A bit per focus area (parsing/focus.py): for facets.")

    url_key = models.CharField(
        max_length=40, help_text="Stable URL part: the letter date, '-2' added for a council's second that day."
    )
    source_name = models.CharField(max_length=255, unique=True, help_text="The file's name: the letter's identity.")
    urn = models.CharField(
        "Ofsted URN",
        max_length=12,
        blank=True,
        db_index=True,
        help_text="Ofsted's unique reference number for the council, the number that starts the source file's name.",
    )
    sha256 = models.CharField(max_length=64, unique=True, help_text="Of the raw bytes: the same bytes are one letter.")
    encoding = models.CharField(max_length=20, blank=True)
    raw_text = models.TextField(
        help_text="The file's text exactly as ingested (raw_text.encode(encoding) == bytes); for a PDF (encoding "
        "'pdf', the bytes kept as its original file) the text read from it."
    )
    cleaned_text = models.TextField(blank=True)
    parser_version = models.CharField(max_length=20, blank=True)
    parse_warnings = models.JSONField(default=list, blank=True)
    parse_confidence = models.FloatField(default=0.0)
    coverage = models.FloatField(default=1.0, help_text="The share of the body's words that findings (or scope) hold.")
    set_aside = models.JSONField(
        default=list, blank=True, help_text="Body text kept out of the findings, each {reason, text}: never lost."
    )
    curated_fields = models.JSONField(
        default=list, blank=True, help_text="Fields a curator set: re-ingest and re-parse leave them as they are."
    )
    review_status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True
    )
    # Kept up to date by a database trigger on PostgreSQL (migration 0003); unused on SQLite, which has FTS5.
    search_vector = SearchVectorField(null=True, editable=False)
    inspectors = models.ManyToManyField("letters.Inspector", through="letters.InspectionInspector", blank=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["raw_text", "cleaned_text", "search_vector", "updated_at", "set_aside"]
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "url_key"], name="inspection_unique_url"),
        ]
        indexes = [
            models.Index(fields=["authority", "letter_date"], name="inspection_authority_date"),
            models.Index(fields=["letter_date"], name="inspection_letter_date"),
            models.Index(fields=["framework", "year"], name="inspection_framework_year"),
            # The letters that state a prior grade, with what a council's timeline takes from them: every ingest
            # batch re-reads them for its councils (services/judgements.py), and from this index alone (PostgreSQL
            # covers the included columns) instead of a wide row, a page each, of the letters table.
            models.Index(
                fields=["authority", "letter_date"],
                include=["id", "url_key", "prior_grade", "prior_month", "prior_area"],
                condition=~models.Q(prior_grade=""),
                name="inspection_stated_grade",
            ),
        ]

    def __str__(self) -> str:
        when = self.letter_date.isoformat() if self.letter_date else "undated"
        return f"{self.authority.short_name}: {self.visit_type or 'letter'} ({when})"

    def get_absolute_url(self) -> str:
        return letter_path(self.authority.slug, self.url_key)

    @property
    def source_url(self) -> str:
        """The council's page of reports on Ofsted's site, where the original of this letter is published."""
        return ofsted_provider_url(self.urn)

    @property
    def read_from_pdf(self) -> bool:
        """Whether the letter was read from a PDF (kept as its ``OriginalFile``); its raw text is the PDF's text."""
        return self.encoding == PDF_ENCODING


class Inspector(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("letters:inspector", kwargs={"slug": self.slug})


class InspectionInspector(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="inspector_links")
    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="inspection_links")
    lead = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "inspector"], name="inspector_once_per_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.inspector} on {self.inspection_id}{' (lead)' if self.lead else ''}"
