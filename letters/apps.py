"""The letters app: authorities, inspections (letters), inspectors, findings and themes."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Ofsted letters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_install_search_index, sender=self)


def _install_search_index(sender, using, **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put the search triggers back."""
    from django.db import connections

    from letters.search.schema import install

    install(connections[using])
