"""Themes that findings are tagged with, and the matching rules (kept as data, editable by curators)."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

MAX_THEMES = 63  # bits of a signed 64-bit integer


def empty_rules() -> dict:
    return {"include": [], "exclude": []}


class Theme(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    rules = models.JSONField(default=empty_rules, help_text='{"include": [regex, …], "exclude": [regex, …]}')
    position = models.PositiveSmallIntegerField(default=0)
    # Each theme owns one bit of Finding.theme_mask, so that facets count themes in one pass without a join; a new
    # theme is given the first free one by services/themes.py (give_bit).
    bit = models.PositiveSmallIntegerField(unique=True, null=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.CheckConstraint(condition=models.Q(bit__lt=63), name="theme_bit_in_range")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("letters:theme", kwargs={"slug": self.slug})
