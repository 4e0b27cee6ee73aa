"""Inspection frameworks (CRA, SLAC, SIF, ILACS, JTAI)."""

from django.db import models
from django.urls import reverse


class Framework(models.Model):
    slug = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=160)
    short_name = models.CharField(max_length=20)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["start_year", "slug"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("letters:framework", kwargs={"slug": self.slug})

    @property
    def years(self) -> str:
        return f"{self.start_year}–{self.end_year or ''}"
