"""Admin for curators: letters with their findings inline, reference data, and rejected files."""

from django.contrib import admin
from django.db.models import Count

from letters.models import (
    Authority,
    AuthorityAlias,
    Finding,
    Framework,
    Inspection,
    InspectionInspector,
    Inspector,
    RejectedFile,
    Theme,
)


class AuthorityAliasInline(admin.TabularInline):
    model = AuthorityAlias
    extra = 1


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "gss_code", "region", "kind", "abolished"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "short_name", "aliases__name", "gss_code"]
    inlines = [AuthorityAliasInline]
    filter_horizontal = ["replaced_by"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "start_year", "end_year"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "description"]


class InspectionInspectorInline(admin.TabularInline):
    model = InspectionInspector
    extra = 0
    autocomplete_fields = ["inspector"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    fields = ["position", "section", "text"]
    ordering = ["position"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = [
        "authority",
        "letter_date",
        "framework",
        "visit_type",
        "finding_count",
        "parse_confidence",
        "review_status",
    ]
    list_select_related = ["authority", "framework"]
    list_filter = ["review_status", "framework", "visit_type", "year"]
    date_hierarchy = "letter_date"
    search_fields = ["authority__name", "authority__short_name", "inspectors__name", "title", "source_name"]
    readonly_fields = [
        "raw_text",
        "sha256",
        "encoding",
        "parser_version",
        "parse_warnings",
        "parse_confidence",
        "source_name",
        "ingested_at",
        "updated_at",
    ]
    inlines = [InspectionInspectorInline, FindingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(finding_total=Count("findings")).defer("raw_text", "cleaned_text")

    @admin.display(ordering="finding_total", description="Findings")
    def finding_count(self, obj):
        return obj.finding_total


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(RejectedFile)
class RejectedFileAdmin(admin.ModelAdmin):
    list_display = ["source_name", "size", "last_seen"]
    search_fields = ["source_name", "source_path"]
    readonly_fields = ["source_name", "source_path", "sha256", "reasons", "size", "first_seen", "last_seen"]
    exclude = ["raw_bytes"]
