"""How the API writes the archive's records and search results as JSON; the OpenAPI schema is derived from these."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from letters.models import Authority, Finding, Inspection


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The URL value of this option (a slug, a year, a code).")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Results with this value, given every other filter of the search.")
    selected = serializers.BooleanField()
    toggle_url = serializers.CharField(help_text="This API's URL with the option ticked or unticked.")


class FacetSerializer(serializers.Serializer):
    param = serializers.CharField(help_text="The URL parameter the facet filters on.")
    label = serializers.CharField()
    options = FacetOptionSerializer(many=True)


class ThemeRefSerializer(serializers.Serializer):
    slug = serializers.CharField(source="theme.slug")
    name = serializers.CharField(source="theme.name")


class CouncilRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="This council in the API.")
    page_url = serializers.CharField(source="get_absolute_url", help_text="The council's page on the site.")

    class Meta:
        model = Authority
        fields = ["slug", "name", "short_name", "gss_code", "region", "url", "page_url"]

    def get_url(self, obj: Authority) -> str:
        return self.context["request"].build_absolute_uri(reverse("letters:api-council", args=[obj.slug]))


class LetterSummarySerializer(serializers.ModelSerializer):
    council = serializers.CharField(source="authority.slug")
    council_name = serializers.CharField(source="authority.name")
    framework = serializers.CharField(source="framework.short_name", default=None, allow_null=True)
    url = serializers.SerializerMethodField(help_text="This letter in the API.")
    page_url = serializers.CharField(source="get_absolute_url", help_text="The letter's page on the site.")
    source_url = serializers.CharField(help_text="The council's reports on Ofsted's site, blank without a URN.")

    class Meta:
        model = Inspection
        fields = [
            "council",
            "council_name",
            "letter_date",
            "year",
            "framework",
            "visit_type",
            "title",
            "prior_grade",
            "prior_month",
            "urn",
            "url",
            "page_url",
            "source_url",
        ]

    def get_url(self, obj: Inspection) -> str:
        path = reverse("letters:api-letter", kwargs={"council": obj.authority.slug, "key": obj.url_key})
        return self.context["request"].build_absolute_uri(path)


class LetterListItemSerializer(LetterSummarySerializer):
    finding_count = serializers.IntegerField(read_only=True)

    class Meta(LetterSummarySerializer.Meta):
        fields = [*LetterSummarySerializer.Meta.fields, "finding_count"]


class LetterHitSerializer(LetterSummarySerializer):
    snippet = serializers.SerializerMethodField(help_text="HTML: the letter's text around the hits, <mark>ed.")

    class Meta(LetterSummarySerializer.Meta):
        fields = [*LetterSummarySerializer.Meta.fields, "snippet"]

    def get_snippet(self, obj: Inspection) -> str:
        return str(self.context.get("snippets", {}).get(obj.pk, ""))


class FindingSerializer(serializers.ModelSerializer):
    section_label = serializers.CharField(source="get_section_display")
    themes = ThemeRefSerializer(source="theme_links", many=True)
    page_url = serializers.SerializerMethodField(help_text="The finding on its letter's page (a stable anchor).")

    class Meta:
        model = Finding
        fields = ["position", "section", "section_label", "text", "themes", "page_url"]

    def get_page_url(self, obj: Finding) -> str:
        letter = self.context.get("letter") or obj.inspection
        return f"{letter.get_absolute_url()}#finding-{obj.position}"


class ThemeTagSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class FindingHitSerializer(FindingSerializer):
    themes = ThemeTagSerializer(source="theme_tags", many=True)
    letter = LetterSummarySerializer(source="inspection")
    snippet = serializers.SerializerMethodField(help_text="HTML: the finding's text with the hits <mark>ed.")

    class Meta(FindingSerializer.Meta):
        fields = [*FindingSerializer.Meta.fields, "letter", "snippet"]

    def get_snippet(self, obj: Finding) -> str:
        return str(self.context.get("snippets", {}).get(obj.pk, ""))


class InspectorRefSerializer(serializers.Serializer):
    name = serializers.CharField(source="inspector.name")
    slug = serializers.CharField(source="inspector.slug")
    lead = serializers.BooleanField()


class LetterDetailSerializer(LetterSummarySerializer):
    authority = CouncilRefSerializer(help_text="The council, with its codes and region.")
    inspectors = InspectorRefSerializer(source="inspector_links", many=True)
    findings = serializers.SerializerMethodField()
    raw_text_url = serializers.SerializerMethodField()

    class Meta(LetterSummarySerializer.Meta):
        fields = [
            *LetterSummarySerializer.Meta.fields,
            "authority",
            "visit_start",
            "visit_end",
            "visit_dates",
            "visit_ordinal",
            "recipient_name",
            "recipient_role",
            "scope",
            "inspectors",
            "findings",
            "raw_text_url",
        ]

    def get_findings(self, obj: Inspection) -> list[dict]:
        return FindingSerializer(obj.findings.all(), many=True, context={**self.context, "letter": obj}).data

    def get_raw_text_url(self, obj: Inspection) -> str:
        return f"{obj.get_absolute_url()}raw.txt"


class CouncilDetailSerializer(CouncilRefSerializer):
    kind = serializers.CharField()
    letters = serializers.SerializerMethodField()

    class Meta(CouncilRefSerializer.Meta):
        fields = [*CouncilRefSerializer.Meta.fields, "kind", "letters"]

    def get_letters(self, obj: Authority) -> list[dict]:
        return LetterListItemSerializer(self.context["letters"], many=True, context=self.context).data


class CouncilListItemSerializer(CouncilRefSerializer):
    letter_count = serializers.IntegerField()

    class Meta(CouncilRefSerializer.Meta):
        fields = [*CouncilRefSerializer.Meta.fields, "letter_count"]


class SearchPageSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The search words as run (q, trimmed).")
    count = serializers.IntegerField(help_text="Results in all pages.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    facets = FacetSerializer(many=True)


class FindingSearchSerializer(SearchPageSerializer):
    results = FindingHitSerializer(many=True)


class LetterSearchSerializer(SearchPageSerializer):
    results = LetterHitSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
