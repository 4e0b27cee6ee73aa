"""English local authorities with children's services, and the other names letters call them by."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from letters.models.judgement import Grade


class Authority(models.Model):
    class Kind(models.TextChoices):
        LONDON_BOROUGH = "london_borough", "London borough"
        METROPOLITAN_BOROUGH = "metropolitan_borough", "Metropolitan borough"
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        SUI_GENERIS = "sui_generis", "Sui generis"

    class Region(models.TextChoices):
        NORTH_EAST = "North East"
        NORTH_WEST = "North West"
        YORKSHIRE = "Yorkshire and The Humber"
        EAST_MIDLANDS = "East Midlands"
        WEST_MIDLANDS = "West Midlands"
        EAST = "East of England"
        LONDON = "London"
        SOUTH_EAST = "South East"
        SOUTH_WEST = "South West"

    name = models.CharField(max_length=120, help_text="The council's own formal name.")
    short_name = models.CharField(max_length=80, help_text="The place as letters name it.")
    slug = models.SlugField(max_length=80, unique=True)
    gss_code = models.CharField("ONS/GSS code", max_length=9, blank=True, help_text="Blank where not verified.")
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices, blank=True)
    dfe_code = models.CharField(
        "DfE LA code", max_length=3, blank=True, db_index=True, help_text="The Department for Education's code."
    )
    latest_overall_grade = models.CharField(
        max_length=24,
        blank=True,
        choices=Grade.choices,
        db_index=True,
        help_text="The latest overall effectiveness grade on record (a report's, else one a letter states); kept "
        "by services/judgements.py for the facet.",
    )
    judgement_summary = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Derived, kept by services/judgements.py: the council's judgement timeline and its statistical "
        "neighbours with their latest grades, so that its page reads them with the council itself.",
    )
    abolished = models.DateField(null=True, blank=True, help_text="The day the body ceased, if it did.")
    replaced_by = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="replaces")
    # Derived columns, rewritten on every ingest: no history of them.
    history = HistoricalRecords(excluded_fields=["latest_overall_grade", "judgement_summary"])

    class Meta:
        ordering = ["short_name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.UniqueConstraint(fields=["gss_code"], condition=~Q(gss_code=""), name="authority_unique_gss_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("letters:council", kwargs={"slug": self.slug})


class AuthorityAlias(models.Model):
    """Another name for an authority ("Stoke", "City of Stoke-on-Trent"); curators add more in the admin."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authority aliases"
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="alias_unique_per_authority")]

    def __str__(self) -> str:
        return self.name
