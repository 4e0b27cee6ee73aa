"""The letters app: authorities, inspections (letters), inspectors, findings and themes."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Ofsted letters"
    default_auto_field = "django.db.models.BigAutoField"
