"""A council's statistical neighbours: the ten councils the DfE judges most like it, closest first."""

from django.db import models


class StatisticalNeighbour(models.Model):
    authority = models.ForeignKey("letters.Authority", on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey("letters.Authority", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(help_text="1 is the closest.")

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "neighbour"], name="neighbour_once"),
            models.UniqueConstraint(fields=["authority", "rank"], name="neighbour_rank_once"),
            models.CheckConstraint(condition=~models.Q(authority=models.F("neighbour")), name="neighbour_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id} ~ {self.neighbour_id} ({self.rank})"
