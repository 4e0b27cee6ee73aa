"""The admin is the curators' product: letters in a review queue, findings inline, reference data with merges."""

from letters.admin import findings, inspections, reference  # noqa: F401 - registers the ModelAdmins
