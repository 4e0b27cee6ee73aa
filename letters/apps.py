"""The letters app: authorities, inspections (letters), inspectors, findings and themes."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Ofsted letters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_install_search_index, sender=self)
        _connect_data_version_signals()


def _install_search_index(sender, using, **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put the search triggers back."""
    from django.db import connections

    from letters.search.schema import install

    install(connections[using])


def _connect_data_version_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from letters.data_version import bump_on_change

    for name in (
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
    ):
        model = __import__("letters.models", fromlist=[name]).__dict__[name]
        post_save.connect(bump_on_change, sender=model, dispatch_uid=f"data-version-save-{name}")
        post_delete.connect(bump_on_change, sender=model, dispatch_uid=f"data-version-delete-{name}")
