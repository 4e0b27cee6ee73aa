"""The archive's models, one file per aggregate."""

from letters.models.authority import Authority, AuthorityAlias
from letters.models.curation import AuthorityRedirect, InspectorRedirect, SuppressedFinding
from letters.models.data_version import DataVersion
from letters.models.facet_tables import FindingFacetCount, LetterFacetCount, ThemeFacetCount, UnfilteredFacetCounts
from letters.models.finding import Finding, FindingTheme, Origin, Section
from letters.models.framework import Framework
from letters.models.inspection import Inspection, InspectionInspector, Inspector, ReviewStatus
from letters.models.judgement import Grade, Judgement, JudgementArea
from letters.models.neighbour import StatisticalNeighbour
from letters.models.original_file import OriginalFile
from letters.models.rejection import RejectedFile
from letters.models.theme import Theme

__all__ = [
    "Authority",
    "AuthorityAlias",
    "AuthorityRedirect",
    "DataVersion",
    "Finding",
    "FindingFacetCount",
    "FindingTheme",
    "Framework",
    "Grade",
    "Judgement",
    "JudgementArea",
    "Inspection",
    "InspectionInspector",
    "Inspector",
    "InspectorRedirect",
    "LetterFacetCount",
    "Origin",
    "OriginalFile",
    "RejectedFile",
    "ReviewStatus",
    "Section",
    "StatisticalNeighbour",
    "SuppressedFinding",
    "Theme",
    "ThemeFacetCount",
    "UnfilteredFacetCounts",
]
