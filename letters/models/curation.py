"""What curators decided that the parser must not undo: findings they deleted, and records they merged away."""

from django.db import models


class SuppressedFinding(models.Model):
    """A parser finding a curator deleted: later re-ingests and re-parses do not bring it back."""

    inspection = models.ForeignKey("letters.Inspection", on_delete=models.CASCADE, related_name="suppressed_findings")
    text_hash = models.CharField(max_length=64)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "text_hash"], name="suppressed_once")]

    def __str__(self) -> str:
        return self.text[:80]


class AuthorityRedirect(models.Model):
    """The slug of an authority merged into another: its old URLs redirect to the one kept."""

    old_slug = models.SlugField(max_length=80, unique=True)
    authority = models.ForeignKey("letters.Authority", on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.authority.slug}"


class InspectorRedirect(models.Model):
    old_slug = models.SlugField(max_length=120, unique=True)
    inspector = models.ForeignKey("letters.Inspector", on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.inspector.slug}"
