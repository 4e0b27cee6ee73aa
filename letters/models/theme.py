"""Themes that findings are tagged with, and the matching rules (kept as data, editable by curators)."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


def empty_rules() -> dict:
    return {"include": [], "exclude": []}


class Theme(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    rules = models.JSONField(default=empty_rules, help_text='{"include": [regex, …], "exclude": [regex, …]}')
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("letters:theme", kwargs={"slug": self.slug})
