"""Findings in the admin: edit one finding's section, text and themes; each change is recorded as curation."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from letters.admin.base import WritesThroughServices
from letters.admin.forms import FindingForm
from letters.models import Finding, Inspection
from letters.services.curation import delete_findings, drop_finding_curation, record_finding_edit
from letters.services.themes import reapply_theme_rules


def save_finding_form(form, finding: Finding) -> None:
    """Save a finding edited or added by a curator, recording what they changed (its themes with the rest)."""
    changed = [name for name in form.changed_data if name != "theme_choice"]
    themes = None
    if "theme_choice" in form.changed_data:
        themes = [theme.pk for theme in form.cleaned_data.get("theme_choice") or []]
    record_finding_edit(finding, changed, themes)


@admin.register(Finding)
class FindingAdmin(WritesThroughServices, SimpleHistoryAdmin):
    form = FindingForm
    list_display = ["short_text", "section", "authority", "year", "origin", "curated"]
    list_select_related = ["authority"]
    list_filter = ["section", "origin", "year", "theme_links__theme"]
    search_fields = ["text", "authority__short_name"]
    readonly_fields = ["inspection_link", "position", "origin", "curated_fields"]
    fields = ["inspection_link", "position", "origin", "curated_fields", "section", "text", "theme_choice"]
    actions = ["reapply_rules", "drop_curation"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    def has_add_permission(self, request):
        return False  # findings are added on their letter's page, where they get their letter and place

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text[:120]

    @admin.display(boolean=True)
    def curated(self, obj):
        return bool(obj.curated_fields)

    @admin.display(description="Letter")
    def inspection_link(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        if not obj.inspection_id:
            return "—"
        url = reverse("admin:letters_inspection_change", args=[obj.inspection_id])
        return format_html('<a href="{}">{}</a>', url, Inspection.objects.get(pk=obj.inspection_id))

    def save_model(self, request, obj, form, change):
        save_finding_form(form, obj)

    def save_related(self, request, form, formsets, change):
        pass  # themes are saved by save_finding_form

    def delete_model(self, request, obj):
        delete_findings([obj])

    def delete_queryset(self, request, queryset):
        delete_findings(queryset)

    @admin.action(description="Re-apply the theme rules to the selected findings (curated themes are kept)")
    def reapply_rules(self, request, queryset):
        count = reapply_theme_rules(queryset)
        self.message_user(request, f"Theme rules re-applied to {count} findings.")

    @admin.action(description="Drop the curation of the selected findings (back to the parser's reading)")
    def drop_curation(self, request, queryset):
        for finding in queryset:
            drop_finding_curation(finding)
        self.message_user(request, "Curations dropped; the letters were re-parsed.")
