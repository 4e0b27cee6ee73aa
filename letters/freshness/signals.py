"""The model signals that raise the data version when an archive row is saved or deleted outside a service (the
admin's single-row edits). The only signal receivers of the archive: once every write goes through a service that
calls ``freshness.changed()`` itself, this module and its call in apps.py go."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from letters.freshness.data_version import changed

MODELS = (
    "Inspection",
    "Finding",
    "FindingTheme",
    "Theme",
    "Authority",
    "AuthorityAlias",
    "Inspector",
    "InspectionInspector",
    "Framework",
    "SuppressedFinding",
    "Judgement",
    "StatisticalNeighbour",
)


def changed_on_save(sender, **kwargs) -> None:
    """A post_save/post_delete receiver: any saved or deleted archive row changes the data."""
    if kwargs.get("raw"):
        return  # fixtures loading
    changed()


def connect() -> None:
    from letters import models

    for name in MODELS:
        model = getattr(models, name)
        post_save.connect(changed_on_save, sender=model, dispatch_uid=f"data-version-save-{name}")
        post_delete.connect(changed_on_save, sender=model, dispatch_uid=f"data-version-delete-{name}")
