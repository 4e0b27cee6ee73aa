"""Files the ingest refused, kept with their bytes and reasons so that nothing given to the archive is lost."""

from django.db import models


class RejectedFile(models.Model):
    source_name = models.CharField(max_length=255)
    source_path = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    reasons = models.JSONField(default=list)
    raw_bytes = models.BinaryField(help_text="The file as given (up to the first 20 MB).")
    size = models.PositiveBigIntegerField(default=0)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.source_name}: {'; '.join(self.reasons)}"
