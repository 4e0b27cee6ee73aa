"""One number that every write to the archive's data raises, so that caches keyed by it are never stale."""

from django.db import models


class DataVersion(models.Model):
    version = models.BigIntegerField(default=0)
    counts_version = models.BigIntegerField(default=-1, help_text="The version the facet count tables were built at.")
    stamp = models.CharField(
        max_length=32,
        default="",
        db_default="",
        help_text="Random, new with every version: a version number seen again (a database made anew) is another one.",
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="data_version_single_row")]

    def __str__(self) -> str:
        return f"data version {self.version}"
