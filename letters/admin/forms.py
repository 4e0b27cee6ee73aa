"""Admin forms: a finding's themes as a compact multi-select, and theme rules checked before they are saved."""

from django import forms

from letters.models import Finding, Theme
from letters.parsing.themes import validate_pattern


class FindingForm(forms.ModelForm):
    # Not the model's "themes" (it has a link model the admin cannot edit): saved by curation.record_finding_edit.
    theme_choice = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.order_by("position", "name"),
        required=False,
        # A list box a few rows tall (ctrl/cmd-click for several), not a checkbox per theme: with two dozen themes
        # the checkboxes made a letter's change page ~12,000 px tall.
        widget=forms.SelectMultiple(attrs={"size": 5, "class": "theme-select"}),
        label="Themes",
        help_text="Ctrl- or Cmd-click to choose several.",
    )

    class Meta:
        model = Finding
        fields = ["section", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["theme_choice"] = [link.theme_id for link in self.instance.theme_links.all()]


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "slug", "description", "rules", "position"]

    def clean_rules(self):
        rules = self.cleaned_data["rules"]
        if not isinstance(rules, dict) or not set(rules) <= {"include", "exclude"}:
            raise forms.ValidationError('Rules are {"include": [patterns], "exclude": [patterns]}.')
        errors = []
        for key in ("include", "exclude"):
            patterns = rules.get(key, [])
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise forms.ValidationError(f"'{key}' must be a list of text patterns.")
            errors += [f"{key}: {p!r}: {e}" for p in patterns if (e := validate_pattern(p))]
        if errors:
            raise forms.ValidationError(errors)
        return rules


class MergeForm(forms.Form):
    keep = forms.ChoiceField(widget=forms.RadioSelect, label="Keep this record; merge the others into it")
