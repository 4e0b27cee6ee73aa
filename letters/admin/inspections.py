"""Letters in the admin: a review queue (warnings and low confidence first), findings inline with their themes,
the raw text beside them, and which values are curated (with a way back to the parser's values)."""

from django import forms
from django.contrib import admin
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from letters.admin.base import WritesThroughServices
from letters.admin.findings import save_finding_form
from letters.admin.forms import FindingForm
from letters.models import Finding, FindingTheme, Inspection, InspectionInspector, Judgement, ReviewStatus, Theme
from letters.services.curation import delete_findings, drop_letter_curation, mark_letters_reviewed, record_letter_edit
from letters.services.judgements import record_judgements_edit
from letters.services.reparse import reparse_letters
from letters.services.store import CURATABLE_LETTER_FIELDS
from letters.services.themes import reapply_theme_rules


class InspectionForm(forms.ModelForm):
    drop_curations = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Return to the parser's value",
        help_text="Tick a curated field to drop the curation: the letter is re-parsed and the parser's value returns.",
    )

    class Meta:
        model = Inspection
        fields = ["review_status", *CURATABLE_LETTER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        curated = self.instance.curated_fields if self.instance.pk else []
        self.fields["drop_curations"].choices = [(name, name) for name in curated]


def _labelled(form, noun: str, index) -> None:
    """Name each input of a table row for screen readers ("Section, finding 3"): a tabular inline's only labels
    are its column headings, which assistive technology does not tie to the inputs."""
    row = f"{noun} {index + 1}" if isinstance(index, int) else f"new {noun}"
    for name, field in form.fields.items():
        label = "Delete" if name == "DELETE" else (field.label or name.replace("_", " ").capitalize())
        field.widget.attrs["aria-label"] = f"{label}, {row}"


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs have accessible names; subclasses may share choices between the rows."""

    row_noun = "row"

    def shared(self) -> dict:
        """{field name: choices} read once for the page, not once per row."""
        return {}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun, shared = self.row_noun, self.shared()

        class Labelled(formset):
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                for name, choices in shared.items():
                    form.fields[name].choices = choices
                _labelled(form, noun, i)
                return form

            @property
            def empty_form(self):
                form = super().empty_form
                for name, choices in shared.items():
                    form.fields[name].choices = choices
                _labelled(form, noun, None)
                return form

        return Labelled


class FindingInline(LabelledTabularInline):
    """One row per finding (position, section, text, themes): compact enough to read beside the raw text."""

    model = Finding
    form = FindingForm
    extra = 0
    fields = ["position", "section", "text", "theme_choice", "curated_fields"]  # origin: the finding's own page
    readonly_fields = ["position", "curated_fields"]
    ordering = ["position"]
    row_noun = "finding"

    def shared(self) -> dict:
        return {"theme_choice": list(Theme.objects.order_by("position", "name").values_list("pk", "name"))}

    def get_queryset(self, request):
        links = FindingTheme.objects.only("finding_id", "theme_id")
        return (
            super()
            .get_queryset(request)
            .defer("search_vector")
            .prefetch_related(Prefetch("theme_links", queryset=links))
        )


class InspectionInspectorInline(LabelledTabularInline):
    model = InspectionInspector
    row_noun = "inspector"
    extra = 0
    autocomplete_fields = ["inspector"]


def finding_count_subquery():
    """Findings per letter as a correlated count, which no other join of the letters can multiply."""
    findings = Finding.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    return Coalesce(Subquery(findings.annotate(n=Count("pk")).values("n")), 0)


class JudgementInline(admin.TabularInline):
    """A report's graded judgements; a curator's change to any of them keeps them all from the parser."""

    model = Judgement
    extra = 0
    fields = ["area", "grade", "curated"]
    readonly_fields = ["curated"]


class ConfidenceFilter(admin.SimpleListFilter):
    title = "parse confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", "Below 0.75"), ("high", "0.75 and above")]

    def queryset(self, request, queryset):
        if self.value() == "low":
            return queryset.filter(parse_confidence__lt=0.75)
        if self.value() == "high":
            return queryset.filter(parse_confidence__gte=0.75)
        return queryset


@admin.register(Inspection)
class InspectionAdmin(WritesThroughServices, SimpleHistoryAdmin):
    form = InspectionForm
    list_display = [
        "authority",
        "letter_date",
        "framework",
        "visit_type",
        "finding_count",
        "confidence",
        "warning_count",
        "review_status",
        "is_curated",
    ]
    list_select_related = ["authority", "framework"]
    list_filter = ["review_status", ConfidenceFilter, "framework", "visit_type", "year"]
    date_hierarchy = "letter_date"
    search_fields = ["authority__name", "authority__short_name", "inspectors__name", "title", "source_name"]
    readonly_fields = [
        "curation_summary",
        "parse_report",
        "source_link",
        "set_aside_text",
        "original_file_link",
        "raw_text",
        "sha256",
        "encoding",
        "parser_version",
        "source_name",
        "url_key",
        "ingested_at",
        "updated_at",
    ]
    fieldsets = [
        ("Curation", {"fields": ["curation_summary", "drop_curations", "review_status"]}),
        (
            "Letter",
            {
                "fields": [
                    "authority",
                    "framework",
                    "visit_type",
                    "title",
                    "letter_date",
                    "visit_dates",
                    "recipient_name",
                    "recipient_role",
                    "prior_grade",
                    "prior_month",
                    "visit_ordinal",
                    "scope",
                    "document_kind",
                    "jtai_topic",
                    "focus",
                    "prior_area",
                ]
            },
        ),
        (
            "Parse",
            {
                "classes": ["collapse"],  # folded (a <details>): curators open it when they need it
                "fields": [
                    "parse_report",
                    "set_aside_text",
                    "original_file_link",
                    "source_name",
                    "source_link",
                    "url_key",
                    "sha256",
                    "encoding",
                    "parser_version",
                    "ingested_at",
                    "updated_at",
                ],
            },
        ),
    ]
    # The raw text is shown beside the findings (templates/admin/letters/inspection/change_form.html), not below.
    change_form_template = "admin/letters/inspection/change_form.html"
    inlines = [InspectionInspectorInline, JudgementInline, FindingInline]
    save_on_top = True
    actions = ["mark_reviewed", "reparse_selected", "reapply_rules"]
    show_full_result_count = False

    def get_queryset(self, request):
        queue = Case(
            When(review_status=ReviewStatus.NEEDS_REVIEW, then=Value(0)),
            When(review_status=ReviewStatus.UNREVIEWED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        # A correlated count, not Count("findings"): searching by inspector joins the inspectors, and a join's
        # rows would multiply the count by the number of inspectors on the letter.
        queryset = Inspection.objects.annotate(finding_total=finding_count_subquery(), queue=queue)
        return queryset.defer("raw_text", "cleaned_text", "search_vector").order_by(*(self.get_ordering(request) or []))

    def get_ordering(self, request):
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "letters_inspection_changelist":
            # The review queue: what needs a look first, then the least sure parse, then the least text in findings.
            return ["queue", "parse_confidence", "coverage", "-letter_date"]
        return super().get_ordering(request)

    @admin.display(ordering="finding_total", description="Findings")
    def finding_count(self, obj):
        return obj.finding_total

    @admin.display(ordering="parse_confidence", description="Confidence")
    def confidence(self, obj):
        return f"{obj.parse_confidence:.2f}"

    @admin.display(description="Original on Ofsted's site")
    def source_link(self, obj):
        if not obj.source_url:
            return "No URN in the file's name."
        return format_html('<a href="{}" rel="external">{}</a> (URN {})', obj.source_url, obj.source_url, obj.urn)

    @admin.display(description="Warnings")
    def warning_count(self, obj):
        return len(obj.parse_warnings or [])

    @admin.display(boolean=True, description="Curated")
    def is_curated(self, obj):
        return bool(obj.curated_fields)

    @admin.display(description="Curated values")
    def curation_summary(self, obj):
        if not obj.curated_fields:
            return "None: every value is the parser's."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}</li>",
                (
                    (f, getattr(obj, CURATABLE_LETTER_FIELDS[f]))
                    for f in obj.curated_fields
                    if f in CURATABLE_LETTER_FIELDS
                ),
            ),
        )

    @admin.display(description="Parse report")
    def parse_report(self, obj):
        warnings = obj.parse_warnings or ["none"]
        return format_html(
            "Confidence {:.2f}. Warnings:<ul>{}</ul>",
            obj.parse_confidence,
            format_html_join("", "<li>{}</li>", ((w,) for w in warnings)),
        )

    @admin.display(description="Text set aside")
    def set_aside_text(self, obj):
        """Body text the parser kept out of the findings, with the reason and the share of words findings hold."""
        items = obj.set_aside or []
        return format_html(
            "Findings hold {}% of the body's words.{}",
            round(100 * obj.coverage, 1),
            format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "",
                    "<li><strong>{}</strong>: {}</li>",
                    ((item.get("reason", ""), item.get("text", "")) for item in items),
                ),
            )
            if items
            else " Nothing was set aside.",
        )

    @admin.display(description="Original file")
    def original_file_link(self, obj):
        if not obj.read_from_pdf:
            return "None: the letter was ingested as text."
        url = reverse("letters:letter-original", kwargs={"council": obj.authority.slug, "key": obj.url_key})
        return format_html('<a href="{}">Original PDF</a>', url)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        record_letter_edit(obj, [name for name in form.changed_data if name != "drop_curations"] if change else [])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        dropped = form.cleaned_data.get("drop_curations")
        if dropped:
            drop_letter_curation(form.instance, dropped)
            self.message_user(request, f"Returned to the parser's values: {', '.join(dropped)}.")

    def save_formset(self, request, form, formset, change):
        if formset.model is Judgement:
            saved = formset.save(commit=False)
            if formset.has_changed():
                record_judgements_edit(form.instance, saved, formset.deleted_objects)
            return
        if formset.model is not Finding:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        delete_findings(formset.deleted_objects)
        for finding_form in formset.forms:
            if finding_form in formset.deleted_forms or not finding_form.has_changed():
                continue
            finding_form.instance.inspection = form.instance
            save_finding_form(finding_form, finding_form.instance)

    @admin.action(description="Mark the selected letters as reviewed")
    def mark_reviewed(self, request, queryset):
        count = mark_letters_reviewed(queryset)
        self.message_user(request, f"{count} letters marked as reviewed.")

    @admin.action(description="Re-parse the selected letters (curated values are kept)")
    def reparse_selected(self, request, queryset):
        outcomes = list(reparse_letters(Inspection.objects.filter(pk__in=queryset.values("pk"))))
        failed = [o for o in outcomes if not o.ok]
        self.message_user(request, f"{len(outcomes) - len(failed)} letters re-parsed, {len(failed)} kept as they were.")

    @admin.action(description="Re-apply the theme rules to the selected letters' findings")
    def reapply_rules(self, request, queryset):
        count = reapply_theme_rules(Finding.objects.filter(inspection__in=queryset.values("pk")))
        self.message_user(request, f"Theme rules re-applied to {count} findings.")
