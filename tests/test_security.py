"""Production settings, security headers and the CSP, escaping of markup, friendly search errors, error pages, and
the admin: staff only, log-ins throttled after repeated failures."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.db.models import F
from django.template.loader import render_to_string

from letters import login_throttle
from letters.models import Finding, Inspection
from tests.conftest import ROOT

LONG_SECRET = "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2
PRODUCTION_ENV = {"PRODUCTION": "1", "SECRET_KEY": LONG_SECRET, "ALLOWED_HOSTS": "archive.example.org"}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"PRODUCTION", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def _settings_under(env: dict[str, str]) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "names = ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'X_FRAME_OPTIONS', 'SESSION_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_HTTPONLY', 'WHITENOISE_USE_FINDERS']; "
        "values = {n: getattr(settings, n) for n in names}; "
        "values['STATICFILES_BACKEND'] = settings.STORAGES['staticfiles']['BACKEND']; "
        "print(json.dumps(values))"
    )
    result = _run(["-c", code], {"DJANGO_SETTINGS_MODULE": "ofsted_archive.settings", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------------------------------------------------
# Settings


def test_deploy_check_is_clean_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], {"PRODUCTION": "1", "DEBUG": "1"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_turns_on_https_only_settings():
    values = _settings_under(PRODUCTION_ENV)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["WHITENOISE_USE_FINDERS"] is False


def test_production_settings_follow_their_environment_variables():
    env = {
        **PRODUCTION_ENV,
        "DEBUG": "1",
        "SECURE_HSTS_SECONDS": "600",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    }
    values = _settings_under(env)
    assert values["DEBUG"] is True  # set explicitly, so kept
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_development_defaults_stay_plain_http_with_the_always_on_headers():
    values = _settings_under({})
    assert values["DEBUG"] is False
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["STATICFILES_BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] and values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]


# ---------------------------------------------------------------------------------------------------------------------
# Headers and the Content Security Policy

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


def _csp(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_public_pages_send_the_security_headers_and_csp(client, archive):
    for url in ("/", "/findings/?q=domestic", Inspection.objects.first().get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _csp(response).items() >= EXPECTED_CSP.items(), url
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_carry_no_inline_script_style_or_event_handler(client, archive):
    # Home and council pages draw SVG charts: they must style with attributes CSP allows, not style="".
    council = Inspection.objects.first().authority.get_absolute_url()
    for url in ("/", council, "/findings/?q=domestic", "/letters/?q=assessment"):
        html = client.get(url).content.decode()
        assert "<svg" in html or "hit" in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert not re.search(r"\sstyle\s*=", html), url
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url


def test_the_admin_login_and_change_page_work_under_the_csp(client, admin_client, archive):
    login = client.get("/admin/login/")
    assert login.status_code == 200 and _csp(login)["script-src"] == "'self'"
    letter = Inspection.objects.first()
    change = admin_client.get(f"/admin/letters/inspection/{letter.pk}/change/")
    assert change.status_code == 200
    assert _csp(change).items() >= EXPECTED_CSP.items()
    # The admin's scripts are files under /static/ ('self'); any <script> without src would be blocked.
    html = change.content.decode()
    assert re.search(r'<script[^>]+src="/static/admin/js/', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", html)


# ---------------------------------------------------------------------------------------------------------------------
# Markup in queries and in letters is escaped; hostile queries get a friendly answer, never a 500

HOSTILE_QUERIES = [
    '"',
    '"unterminated phrase',
    "NEAR(",
    "NEAR(children social, 3)",
    "*",
    "child*",
    "^",
    "^first",
    ":",
    "text:children",
    "((children",
    "children))",
    "(a OR (b",
    "AND OR NOT",
    "- -- ---",
    "!!!&&&|||",
    "x" * 10_000,
    "junk \x00 with a NUL",
    "\x00",
    "é\u202e\ufffd\U0001f600 <>&'\"",
    "".join(chr(c) for c in range(1, 32)) * 300,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: repr(q[:20]))
@pytest.mark.parametrize("url", ["/findings/", "/letters/"])
def test_hostile_search_queries_get_a_page_not_a_server_error(client, archive, url, query, request):
    client.raise_request_exception = False
    response = client.get(url, {"q": query})
    assert response.status_code in (200, 400), response.content[:500]
    body = response.content.decode()
    assert "Traceback" not in body and "OperationalError" not in body and "syntax error" not in body.lower()
    if response.status_code == 400:
        assert 'role="alert"' in body  # the page says what went wrong, with the search box to try again
    assert '<input type="search" name="q"' in body


INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus='alert(1)",
    "</title><script>alert(1)</script>",
]


@pytest.mark.parametrize("injection", INJECTIONS)
@pytest.mark.parametrize("url", ["/findings/", "/letters/"])
def test_markup_in_the_query_never_reaches_the_page_unescaped(client, archive, url, injection):
    body = client.get(url, {"q": f"domestic {injection}"}).content.decode()
    assert injection not in body
    assert "<script>alert" not in body and "<img src=x" not in body and "onfocus='alert" not in body
    assert "&lt;" in body or "&#x27;" in body  # it is shown, escaped


def test_markup_in_a_letter_never_reaches_its_pages_unescaped(client, archive):
    letter = Inspection.objects.first()
    evil = '<script>alert("x")</script> <b onmouseover="evil()">domestic</b> abuse'
    Finding.objects.create(
        inspection=letter, section="narrative", position=99, authority=letter.authority, year=letter.year, text=evil
    )
    Inspection.objects.filter(pk=letter.pk).update(cleaned_text=f"Dear council, {evil}", recipient_name=evil)
    for url in (letter.get_absolute_url(), "/findings/?q=domestic", "/findings/?q=evil"):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<b onmouseover" not in body, url
    assert "&lt;script&gt;" in client.get(letter.get_absolute_url()).content.decode()


# ---------------------------------------------------------------------------------------------------------------------
# Error pages


def test_not_found_uses_the_archive_template_and_escapes_the_path(client, db):
    response = client.get("/no-such-page/<script>x</script>/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Ofsted Letters Archive" in body
    assert "<script>x" not in body


def test_server_error_page_renders_without_the_database():
    # No db fixture: pytest-django makes any query here raise, so this proves the template needs none.
    html = render_to_string("500.html")
    assert "Something went wrong" in html and 'href="/"' in html


def test_an_exception_in_a_view_gives_the_friendly_500(client, db, monkeypatch):
    from letters import selectors

    def broken():
        raise RuntimeError("boom: secret detail")

    monkeypatch.setattr(selectors, "archive_counts", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "boom" not in body and "Traceback" not in body


# ---------------------------------------------------------------------------------------------------------------------
# The admin: staff only, log-in throttling

PASSWORD = "correct-horse-battery-staple-1"


@pytest.fixture(autouse=True)
def _throttle_settings(settings):
    settings.LOGIN_THROTTLE_FAILURES = 5
    settings.LOGIN_THROTTLE_WINDOW = 900
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def staff(db):
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def _login(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def _logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_non_staff_users_cannot_use_the_admin(client, db):
    User.objects.create_user("reader", password=PASSWORD, is_staff=False)
    response = _login(client, "reader", PASSWORD)
    assert response.status_code == 200 and "staff account" in response.content.decode()
    assert not _logged_in(client)
    client.force_login(User.objects.get(username="reader"))
    response = client.get("/admin/letters/inspection/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_log_in_normally(client, staff):
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert _logged_in(client)


def test_five_failures_for_a_username_lock_it_even_from_new_addresses(client, staff):
    for attempt in range(4):
        assert _login(client, "Editor", "wrong", address=f"10.0.1.{attempt}").status_code == 200
    assert _login(client, "Editor", "wrong", address="10.0.1.9").status_code == 429  # the fifth failure locks
    response = _login(client, "editor", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert not _logged_in(client)


def test_five_failures_from_an_address_lock_it_for_every_username(client, staff):
    for attempt in range(4):
        assert _login(client, f"someone{attempt}", "wrong", address="10.0.3.3").status_code == 200
    assert _login(client, "someone4", "wrong", address="10.0.3.3").status_code == 429
    assert _login(client, "editor", PASSWORD, address="10.0.3.3").status_code == 429
    assert not _logged_in(client)
    assert _login(client, "editor", PASSWORD, address="10.0.3.4").status_code == 302  # another address may


def test_four_failures_are_still_allowed_and_a_success_clears_the_count(client, staff):
    for _ in range(4):
        _login(client, "editor", "wrong")
    assert _login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "editor", "wrong").status_code == 200
    assert _login(client, "editor", PASSWORD).status_code == 302


def test_the_lock_lifts_when_the_window_has_passed(client, staff):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        _login(client, "editor", "wrong")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=5))
    refused = _login(client, "editor", PASSWORD)
    assert refused.status_code == 429 and "Try again in 10 minutes" in refused.content.decode()
    assert 9 * 60 < int(refused["Retry-After"]) <= 10 * 60
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10, seconds=1))
    assert _login(client, "editor", PASSWORD).status_code == 302


def test_a_refused_attempt_does_not_check_the_password(client, staff, monkeypatch):
    for _ in range(5):
        _login(client, "editor", "wrong")
    checked = []
    monkeypatch.setattr(User, "check_password", lambda self, raw: checked.append(raw) or True)
    assert _login(client, "editor", PASSWORD).status_code == 429
    assert checked == []


@pytest.mark.parametrize("look_alike", ["ｅditor", "ⓔditor", "EDITOR", "ｅｄｉｔｏｒ", " editor "])
def test_look_alike_usernames_count_against_the_same_account(client, staff, look_alike):
    """Django's log-in form applies NFKC, so these all name the account "editor": they share its failure count."""
    for attempt in range(4):
        _login(client, "editor", "wrong", address=f"10.0.4.{attempt}")
    assert _login(client, look_alike, "wrong", address="10.0.5.1").status_code == 429  # the fifth failure locks
    for name in ("editor", look_alike):
        assert _login(client, name, PASSWORD, address="10.0.5.2").status_code == 429
    assert not _logged_in(client)


def test_a_roman_numeral_look_alike_is_the_same_username():
    assert login_throttle.normalise_username("admⅰn") == login_throttle.normalise_username("ADMIN") == "admin"
    assert login_throttle.normalise_username("ａｄｍｉｎ") == "admin"


def test_log_in_fails_closed_with_a_503_when_the_throttle_store_is_down(client, staff, monkeypatch):
    """The counts live in the database: when it cannot be read, no password is checked and the page says why."""
    from axes.handlers.database import AxesDatabaseHandler
    from django.db import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("the database is not answering")

    monkeypatch.setattr(AxesDatabaseHandler, "is_locked", down)
    client.raise_request_exception = False
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 503 and "Temporarily unavailable" in response.content.decode()
    assert not _logged_in(client)


def test_a_rejected_next_lands_on_the_admin_index_not_a_404(client, staff):
    response = client.post(
        "/admin/login/?next=https://evil.example/", {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.6.1"
    )
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 200


def test_a_locked_post_without_a_csrf_token_is_refused_by_the_csrf_check(staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        assert _login(client, "editor", "wrong").status_code == 403  # no token: refused before any password check
    assert _login(client, "editor", PASSWORD).status_code == 403


def test_client_address_trusts_only_the_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert login_throttle.client_address(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert login_throttle.client_address(request) == "203.0.113.9"  # not the address the client wrote itself
    settings.TRUSTED_PROXY_COUNT = 2
    assert login_throttle.client_address(request) == "6.6.6.6"
