"""Reference data in the admin: authorities and inspectors (with merges), themes (with rule preview and apply),
frameworks, and the files the ingest rejected."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from letters.admin.base import WritesThroughServices
from letters.admin.duplicates import PossibleDuplicateFilter, likely_duplicates
from letters.admin.forms import MergeForm, ThemeForm
from letters.models import Authority, AuthorityAlias, Framework, Inspector, RejectedFile, SuppressedFinding, Theme
from letters.services.merging import merge_authorities, merge_inspectors
from letters.services.themes import preview_rule, reapply_theme_rules


def merge_action(merge, noun: str):
    """An admin action that asks which of the selected records to keep, then merges the others into it."""

    def action(modeladmin, request, queryset):
        records = list(queryset)
        if len(records) < 2:
            modeladmin.message_user(request, f"Select at least two {noun}s to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None)
        form.fields["keep"].choices = [(str(r.pk), str(r)) for r in records]
        if form.is_bound and form.is_valid():
            keep = next(r for r in records if str(r.pk) == form.cleaned_data["keep"])
            moved = merge(keep, [r for r in records if r.pk != keep.pk])
            modeladmin.message_user(request, f"Merged {len(records) - 1} {noun}(s) into {keep}; {moved} links moved.")
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {noun}s",
            "form": form,
            "records": records,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        }
        return TemplateResponse(request, "admin/letters/merge.html", context)

    action.short_description = f"Merge the selected {noun}s into one"
    action.__name__ = f"merge_{noun}s"
    return action


class AuthorityAliasInline(admin.TabularInline):
    model = AuthorityAlias
    extra = 1


class LetterCountAdmin(WritesThroughServices, SimpleHistoryAdmin):
    """A reference record listed with its number of letters, counted through ``letters_relation``."""

    letters_relation = ""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(letters=Count(self.letters_relation))

    @admin.display(ordering="letters", description="Letters")
    def letter_count(self, obj):
        return obj.letters


@admin.register(Authority)
class AuthorityAdmin(LetterCountAdmin):
    list_display = ["name", "short_name", "slug", "gss_code", "region", "kind", "abolished", "letter_count"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "short_name", "aliases__name", "gss_code"]
    inlines = [AuthorityAliasInline]
    filter_horizontal = ["replaced_by"]
    actions = [merge_action(merge_authorities, "authority")]
    letters_relation = "inspections"


@admin.register(Inspector)
class InspectorAdmin(LetterCountAdmin):
    letters_relation = "inspection_links"
    list_display = ["name", "slug", "letter_count"]
    list_filter = [PossibleDuplicateFilter]
    search_fields = ["name"]
    actions = [merge_action(merge_inspectors, "inspector")]

    def get_urls(self):
        view = self.admin_site.admin_view(self.duplicates_view)
        return [path("duplicates/", view, name="letters_inspector_duplicates"), *super().get_urls()]

    def duplicates_view(self, request):
        """Groups of inspectors whose names suggest one person, each with a button to the merge action."""
        people = Inspector.objects.annotate(letters=Count("inspection_links")).order_by("name")
        by_id = {person.pk: person for person in people}
        groups = likely_duplicates([(person.pk, person.name) for person in by_id.values()])
        context = {
            **self.admin_site.each_context(request),
            "title": "Inspectors who may be the same person",
            "groups": [[by_id[pk] for pk in group] for group in groups],
            "opts": Inspector._meta,
            "changelist_url": reverse("admin:letters_inspector_changelist"),
        }
        return TemplateResponse(request, "admin/letters/inspector_duplicates.html", context)


@admin.register(Theme)
class ThemeAdmin(WritesThroughServices, SimpleHistoryAdmin):
    form = ThemeForm
    list_display = ["name", "slug", "position", "finding_count", "preview_link"]
    search_fields = ["name", "description"]
    actions = ["apply_rules"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(findings_tagged=Count("finding_links"))

    @admin.display(ordering="findings_tagged", description="Findings")
    def finding_count(self, obj):
        return obj.findings_tagged

    @admin.display(description="Rules")
    def preview_link(self, obj):
        return format_html('<a href="{}">Preview</a>', reverse("admin:letters_theme_preview", args=[obj.pk]))

    def get_urls(self):
        return [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="letters_theme_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """Which findings the theme's saved rules would tag, before they are applied to the archive."""
        theme = get_object_or_404(Theme, pk=pk)
        if not self.has_view_permission(request, theme):
            raise PermissionDenied
        if request.method == "POST" and "apply" in request.POST and self.has_change_permission(request, theme):
            count = reapply_theme_rules(user=request.user, themes=Theme.objects.filter(pk=theme.pk))
            self.message_user(
                request, f"{theme.name}: rules applied, {count} findings' tags changed (curated themes kept)."
            )
        total, sample, errors = preview_rule(theme, theme.rules)
        tagged_now = theme.finding_links.count()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview: {theme.name}",
            "theme": theme,
            "total": total,
            "tagged_now": tagged_now,
            "sample": sample,
            "errors": errors,
            "opts": Theme._meta,
        }
        return TemplateResponse(request, "admin/letters/theme_preview.html", context)

    @admin.action(
        permissions=["change"], description="Apply the selected themes' rules to all findings now (curated kept)"
    )
    def apply_rules(self, request, queryset):
        count = reapply_theme_rules(user=request.user, themes=queryset)
        self.message_user(request, f"Theme rules applied: {count} findings' tags changed.")


@admin.register(Framework)
class FrameworkAdmin(WritesThroughServices, admin.ModelAdmin):
    list_display = ["short_name", "name", "start_year", "end_year"]


@admin.register(RejectedFile)
class RejectedFileAdmin(WritesThroughServices, admin.ModelAdmin):
    list_display = ["source_name", "size", "last_seen"]
    search_fields = ["source_name", "source_path"]
    readonly_fields = ["source_name", "source_path", "sha256", "reasons", "size", "first_seen", "last_seen"]
    exclude = ["raw_bytes"]


@admin.register(SuppressedFinding)
class SuppressedFindingAdmin(WritesThroughServices, admin.ModelAdmin):
    list_display = ["text", "inspection", "created_at"]
    list_select_related = ["inspection__authority"]
    search_fields = ["text"]
