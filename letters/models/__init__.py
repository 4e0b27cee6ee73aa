"""The archive's models, one file per aggregate."""

from letters.models.authority import Authority, AuthorityAlias
from letters.models.finding import Finding, FindingTheme, Section
from letters.models.framework import Framework
from letters.models.inspection import Inspection, InspectionInspector, Inspector, ReviewStatus
from letters.models.rejection import RejectedFile
from letters.models.theme import Theme

__all__ = [
    "Authority",
    "AuthorityAlias",
    "Finding",
    "FindingTheme",
    "Framework",
    "Inspection",
    "InspectionInspector",
    "Inspector",
    "RejectedFile",
    "ReviewStatus",
    "Section",
    "Theme",
]
