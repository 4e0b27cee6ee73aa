"""A letter's original file as published (its PDF), kept byte for byte apart from the wide letter row."""

from django.db import models
from django.urls import reverse


class OriginalFile(models.Model):
    """The bytes a letter was read from, where they are not its text (a PDF). One per letter.

    A narrow table of its own: searches and lists read the letter rows and never touch these bytes.
    """

    inspection = models.OneToOneField(
        "letters.Inspection", on_delete=models.CASCADE, primary_key=True, related_name="original_file"
    )
    media_type = models.CharField(max_length=100, default="application/pdf")
    content = models.BinaryField(help_text="The file as ingested; its SHA-256 is the letter's sha256.")
    size = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.media_type}, {self.size:,} bytes, of letter {self.inspection_id}"

    def get_absolute_url(self) -> str:
        inspection = self.inspection
        return reverse(
            "letters:letter-original", kwargs={"council": inspection.authority.slug, "key": inspection.url_key}
        )

    @property
    def download_name(self) -> str:
        """The file name to offer: the letter's source name, safe in a header."""
        name = "".join(c for c in self.inspection.source_name if c.isalnum() or c in "._- ") or "letter"
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"
