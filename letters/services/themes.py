"""Apply theme rules (as curators edit them) to findings, leaving findings whose themes a curator chose."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from letters import data_version
from letters.models import Finding, FindingTheme, Theme
from letters.parsing.themes import ThemeMatcher, rules_from_dicts
from letters.services.reference_index import theme_matcher_from_db
from letters.services.theme_masks import refresh_theme_masks

BATCH = 2000


def preview_rule(theme: Theme, rules: dict, limit: int = 50) -> tuple[int, list[Finding], list[str]]:
    """How many findings ``rules`` would tag for ``theme``, some of them, and any errors in the patterns."""
    matcher = ThemeMatcher(rules_from_dicts([{"name": theme.name, "slug": theme.slug, "rules": rules}]))
    total, sample = 0, []
    for finding in (
        Finding.objects.select_related("inspection__authority")
        .only(
            "pk",
            "text",
            "section",
            "inspection__letter_date",
            "inspection__url_key",
            "inspection__authority__slug",
            "inspection__authority__short_name",
        )
        .iterator(chunk_size=BATCH)
    ):
        if matcher.match(finding.text):
            total += 1
            if len(sample) < limit:
                sample.append(finding)
    return total, sample, list(matcher.errors)


def reapply_theme_rules(findings: QuerySet | None = None) -> int:
    """Re-tag findings by the current rules, except those whose themes a curator set. Returns findings re-tagged."""
    matcher = theme_matcher_from_db()
    theme_ids = dict(Theme.objects.values_list("slug", "id"))
    queryset = findings if findings is not None else Finding.objects.all()
    done = 0
    # JSON containment differs between databases; the list is short, so test it here.
    ids = [pk for pk, curated in queryset.values_list("pk", "curated_fields") if "themes" not in (curated or [])]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            texts = Finding.objects.filter(pk__in=chunk).values_list("pk", "text")
            links = [
                FindingTheme(finding_id=pk, theme_id=theme_ids[slug])
                for pk, text in texts
                for slug in matcher.match(text)
                if slug in theme_ids
            ]
            FindingTheme.objects.filter(finding_id__in=chunk).delete()
            FindingTheme.objects.bulk_create(links)
            refresh_theme_masks(chunk)
            data_version.bump()
        done += len(chunk)
    return done
