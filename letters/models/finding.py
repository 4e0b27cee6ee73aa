"""Findings: one bullet or paragraph of a letter, in a section, tagged with themes."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords

from letters.querysets import FindingQuerySet


class Section(models.TextChoices):
    HEADLINE = "headline", "Headline findings"
    STRENGTH = "strength", "Strengths"
    SATISFACTORY = "satisfactory", "Satisfactory practice / meets requirements"
    AREA_FOR_DEVELOPMENT = "area_for_development", "Areas for development"
    PRIORITY_ACTION = "priority_action", "Areas for priority action"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "What needs to improve"
    NARRATIVE = "narrative", "Findings"


class Origin(models.TextChoices):
    PARSER = "parser", "Parser"
    CURATOR = "curator", "Curator"


class Finding(models.Model):
    # No index of its own for this key, nor for authority and framework below: each is the first column of an
    # index the table has anyway (finding_unique_position, finding_authority_year, finding_framework_year), and
    # every extra index is written for each of the ~13 findings of every letter ingested.
    inspection = models.ForeignKey(
        "letters.Inspection", on_delete=models.CASCADE, related_name="findings", db_index=False
    )
    section = models.CharField(max_length=24, choices=Section.choices)
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    heading = models.CharField(max_length=300, blank=True, help_text="The document's own heading above it.")
    themes = models.ManyToManyField(
        "letters.Theme", through="letters.FindingTheme", related_name="findings", blank=True
    )
    # Facet columns copied from the letter so that faceted search never joins the wide letters table. The copies
    # have no database constraint of their own: the letter's columns have theirs, the services copy them (store.py,
    # copy_letter_columns), and PROTECT is Django's. A constraint checked each copy again, ~4.5 us a row at commit:
    # two of a letter's ~13 findings' three checks, ~0.1 ms of PostgreSQL's CPU a letter ingested (measured).
    authority = models.ForeignKey(
        "letters.Authority", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    framework = models.ForeignKey(
        "letters.Framework",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    visit_type = models.CharField(max_length=60, blank=True)
    jtai_topic = models.CharField(max_length=60, blank=True)
    focus_mask = models.BigIntegerField(default=0)
    # Kept up to date by a database trigger on PostgreSQL (migration 0003); unused on SQLite, which has FTS5.
    search_vector = SearchVectorField(null=True, editable=False)
    theme_mask = models.BigIntegerField(default=0, help_text="Bit Theme.bit set for each theme: facets count it.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PARSER)
    parser_text_hash = models.CharField(
        max_length=64, blank=True, help_text="Of the text as the parser read it: ties a curated finding to its source."
    )
    curated_fields = models.JSONField(default=list, blank=True, help_text="section, text and/or themes")
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="finding_unique_position"),
            models.CheckConstraint(condition=models.Q(section__in=Section.values), name="finding_section_valid"),
        ]
        indexes = [
            models.Index(fields=["section"], name="finding_section"),
            models.Index(fields=["authority", "year"], name="finding_authority_year"),
            models.Index(fields=["year"], name="finding_year"),
            models.Index(fields=["framework", "year"], name="finding_framework_year"),
            # The findings search's date order (newest letters first, a letter's findings in order): a page of
            # 20 is read straight off this index instead of sorting every finding.
            models.Index(
                models.F("year").desc(), models.F("inspection_id").desc(), "position", name="finding_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} {self.position}: {self.text[:60]}"


class FindingTheme(models.Model):
    # Neither key has an index of its own: theme_once_per_finding leads with the finding, findingtheme_theme_finding
    # with the theme (a letter's ~45 links each skip two index writes). The theme, reference data of ~30 rows that
    # only the admin's services change, has no database constraint: Django's CASCADE removes a deleted theme's links
    # (tests/services/test_reference_keys.py), and the check at commit cost ~4.5 us a link, ~0.2 ms of PostgreSQL's
    # CPU a letter ingested (measured). The finding keeps its constraint: it is the link's parent.
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="theme_links", db_index=False)
    theme = models.ForeignKey(
        "letters.Theme", on_delete=models.CASCADE, related_name="finding_links", db_index=False, db_constraint=False
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["finding", "theme"], name="theme_once_per_finding")]
        indexes = [models.Index(fields=["theme", "finding"], name="findingtheme_theme_finding")]

    def __str__(self) -> str:
        return f"{self.theme_id} on {self.finding_id}"
