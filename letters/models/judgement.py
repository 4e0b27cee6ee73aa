"""A graded judgement: an inspection report's grade for one area (overall effectiveness, leadership, …)."""

from django.db import models
from simple_history.models import HistoricalRecords


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Best first: a grade's place here is its rank on the timeline chart (outstanding at the top).
GRADE_ORDER = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]


class JudgementArea(models.TextChoices):
    OVERALL_EFFECTIVENESS = "overall_effectiveness", "Overall effectiveness"
    LEADERSHIP = "leadership", "Impact of leaders"
    HELP_AND_PROTECTION = "help_and_protection", "Children who need help and protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = "children_in_care_and_care_leavers", "Children in care and care leavers"
    ADOPTION = "adoption", "Adoption performance"
    LSCB = "lscb", "Local safeguarding children board"


class Judgement(models.Model):
    inspection = models.ForeignKey("letters.Inspection", on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=40, choices=JudgementArea.choices)
    grade = models.CharField(max_length=24, choices=Grade.choices)
    curated = models.BooleanField(default=False, help_text="Set by a curator: re-ingest and re-parse keep it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="judgement_once_per_area"),
            models.CheckConstraint(condition=models.Q(area__in=JudgementArea.values), name="judgement_area_valid"),
            models.CheckConstraint(condition=models.Q(grade__in=Grade.values), name="judgement_grade_valid"),
        ]
        indexes = [models.Index(fields=["area", "grade"], name="judgement_area_grade")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_grade_display()}"
