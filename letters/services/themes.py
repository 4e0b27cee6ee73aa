"""Apply theme rules (as curators edit them) to findings, leaving findings whose themes a curator chose."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from letters.models import Finding, FindingTheme, Theme
from letters.parsing.themes import ThemeMatcher, rules_from_dicts
from letters.services.changes import change
from letters.services.reference_index import theme_matcher_from_db
from letters.services.theme_masks import first_free_bit, refresh_theme_masks

BATCH = 2000
REASON = "Theme rules applied"


def give_bit(theme: Theme) -> None:
    """A new theme's bit of ``Finding.theme_mask`` (the first free one), so that facets count it without a join."""
    if theme.bit is None:
        used = Theme.objects.exclude(pk=theme.pk).exclude(bit=None).values_list("bit", flat=True)
        theme.bit = first_free_bit(set(used))


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


def reapply_theme_rules(
    findings: QuerySet | None = None,
    user=None,
    themes: QuerySet | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-tag findings by the current rules, except those whose themes a curator set; returns how many findings'
    themes changed. ``themes`` limits the work to those themes' rules and links (the cost of matching is about
    proportional to the number of themes: one theme edited, one theme applied).

    One transaction and one data-version bump for the whole archive: a run killed half-way leaves the tags as they
    were. Only the links that change are written, without model signals, and their history is written in bulk
    (one "+" or "-" row per link added or removed, by ``user``), so the cost is the rule matching plus the change.
    """
    if themes is None:
        matcher = theme_matcher_from_db()
        theme_ids = dict(Theme.objects.values_list("slug", "id"))
    else:
        chosen = list(themes.order_by("position", "name"))
        matcher = ThemeMatcher(rules_from_dicts([{"name": t.name, "slug": t.slug, "rules": t.rules} for t in chosen]))
        theme_ids = {t.slug: t.pk for t in chosen}
    queryset = findings if findings is not None else Finding.objects.all()
    changed = 0
    with change() as touched:
        # JSON containment differs between databases; the list is short, so test it here.
        ids = [pk for pk, curated in queryset.values_list("pk", "curated_fields") if "themes" not in (curated or [])]
        for start in range(0, len(ids), BATCH):
            retagged = _retag(ids[start : start + BATCH], matcher, theme_ids, user, only=themes is not None)
            changed += len(retagged)
            touched.councils(*Finding.objects.filter(pk__in=retagged).values_list("authority_id", flat=True).distinct())
            if progress is not None:
                progress(min(start + BATCH, len(ids)), len(ids))  # findings done, of all
        touched.changed = changed > 0
    return changed


def _retag(chunk: list[int], matcher: ThemeMatcher, theme_ids: dict[str, int], user, only: bool = False) -> list[int]:
    """Bring one chunk of findings' theme links in line with the rules (only the links of ``theme_ids``' themes when
    ``only``); returns the findings that changed."""
    wanted = {
        pk: {theme_ids[slug] for slug in matcher.match(text) if slug in theme_ids}
        for pk, text in Finding.objects.filter(pk__in=chunk).values_list("pk", "text")
    }
    existing: dict[int, dict[int, int]] = {}
    links = FindingTheme.objects.filter(finding_id__in=chunk)
    if only:
        links = links.filter(theme_id__in=theme_ids.values())
    for link_id, finding_id, theme_id in links.values_list("pk", "finding_id", "theme_id"):
        existing.setdefault(finding_id, {})[theme_id] = link_id
    removed: list[FindingTheme] = []
    added: list[FindingTheme] = []
    for pk, themes in wanted.items():
        have = existing.get(pk, {})
        removed += [FindingTheme(pk=have[t], finding_id=pk, theme_id=t) for t in sorted(set(have) - themes)]
        added += [FindingTheme(finding_id=pk, theme_id=t) for t in sorted(themes - set(have))]
    if not removed and not added:
        return []
    now = timezone.now()
    if removed:
        # A plain DELETE: QuerySet.delete() would send a signal, write a history row and bump the version per link.
        FindingTheme.objects.filter(pk__in=[link.pk for link in removed])._raw_delete(FindingTheme.objects.db)
        _bulk_history(removed, "-", user, now)
    if added:
        bulk_create_with_history(
            added, FindingTheme, batch_size=BATCH, default_user=user, default_change_reason=REASON, default_date=now
        )
    touched = sorted({link.finding_id for link in removed + added})
    refresh_theme_masks(touched)
    return touched


def _bulk_history(links: list[FindingTheme], history_type: str, user, when) -> None:
    historical = FindingTheme.history.model
    historical.objects.bulk_create(
        [
            historical(
                id=link.pk,
                finding_id=link.finding_id,
                theme_id=link.theme_id,
                history_date=when,
                history_user=user,
                history_change_reason=REASON,
                history_type=history_type,
            )
            for link in links
        ],
        batch_size=BATCH,
    )
