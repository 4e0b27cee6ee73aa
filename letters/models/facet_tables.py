"""Count tables for browsing without words: findings and letters counted per combination of facet values,
rebuilt after each ingest or re-parse. Used only while they were built at the current data version."""

from django.db import models


class FindingFacetCount(models.Model):
    authority_id = models.BigIntegerField()
    region = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    framework_id = models.BigIntegerField(null=True)
    visit_type = models.CharField(max_length=60, blank=True)
    section = models.CharField(max_length=24)
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["authority_id", "year"], name="ffc_authority_year")]

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.year}/{self.section}: {self.n}"


class ThemeFacetCount(models.Model):
    authority_id = models.BigIntegerField()
    region = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    framework_id = models.BigIntegerField(null=True)
    visit_type = models.CharField(max_length=60, blank=True)
    section = models.CharField(max_length=24)
    theme_id = models.BigIntegerField()
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["theme_id"], name="tfc_theme")]

    def __str__(self) -> str:
        return f"{self.theme_id}/{self.authority_id}/{self.year}: {self.n}"


class LetterFacetCount(models.Model):
    authority_id = models.BigIntegerField()
    region = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    framework_id = models.BigIntegerField(null=True)
    visit_type = models.CharField(max_length=60, blank=True)
    n = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.year}: {self.n}"
