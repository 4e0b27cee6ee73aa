"""Count tables for browsing without words: findings and letters counted per combination of facet values,
rebuilt after each ingest or re-parse. Used only while they were built at the current data version."""

from django.db import models


class _FacetCount(models.Model):
    authority_id = models.BigIntegerField()
    region = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    framework_id = models.BigIntegerField(null=True)
    visit_type = models.CharField(max_length=60, blank=True)
    jtai_topic = models.CharField(max_length=60, blank=True)
    focus_mask = models.BigIntegerField(default=0)
    judgement = models.CharField(max_length=24, blank=True, help_text="The council's latest overall grade.")
    n = models.IntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.year}: {self.n}"


class FindingFacetCount(_FacetCount):
    section = models.CharField(max_length=24)

    class Meta:
        indexes = [models.Index(fields=["authority_id", "year"], name="ffc_authority_year")]


class ThemeFacetCount(_FacetCount):
    section = models.CharField(max_length=24)
    theme_id = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["theme_id"], name="tfc_theme"),
            models.Index(fields=["authority_id", "theme_id"], name="tfc_authority_theme"),
        ]


class LetterFacetCount(_FacetCount):
    pass


class UnfilteredFacetCounts(models.Model):
    """Every facet's counts with nothing selected, per table, kept with the count tables: the archive's front
    door (/findings/, /letters/ with no words or filters) is answered from one row."""

    table = models.CharField(max_length=40, primary_key=True)
    counts = models.JSONField()

    def __str__(self) -> str:
        return self.table
