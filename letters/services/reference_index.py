"""Build the parser's reference lookups (authorities, theme rules) from the database, where curators edit them."""

from __future__ import annotations

from django.conf import settings

from letters.models import Authority, Theme
from letters.parsing.authorities import AuthorityIndex, AuthorityRecord
from letters.parsing.compiled_store import FolderStore
from letters.parsing.themes import ThemeMatcher, rules_from_dicts


def authority_index_from_db() -> AuthorityIndex:
    records = [
        AuthorityRecord(
            name=authority.name,
            short_name=authority.short_name,
            slug=authority.slug,
            gss_code=authority.gss_code,
            region=authority.region,
            kind=authority.kind,
            abolished=authority.abolished,
            replaced_by=tuple(successor.slug for successor in authority.replaced_by.all()),
            aliases=tuple(alias.name for alias in authority.aliases.all()),
        )
        for authority in Authority.objects.prefetch_related("aliases", "replaced_by")
    ]
    return AuthorityIndex(records)


def theme_rules_as_dicts() -> list[dict]:
    return [
        {"name": theme.name, "slug": theme.slug, "description": theme.description, "rules": theme.rules}
        for theme in Theme.objects.order_by("position", "name")
    ]


def theme_matcher_from_db(*, bulk: bool = False) -> ThemeMatcher:
    """The curators' theme rules as a matcher. ``bulk`` (a run over many letters): its prefilter is kept in
    ``compiled_rules_folder()`` between runs and, when already there, used from the first letter."""
    store = FolderStore(compiled_rules_folder()) if bulk else None
    return ThemeMatcher(rules_from_dicts(theme_rules_as_dicts()), prefilter_store=store)


def compiled_rules_folder() -> str:
    """Where the theme prefilter's compiled databases are kept (settings.COMPILED_RULES_DIR; one per machine)."""
    return str(settings.COMPILED_RULES_DIR)
