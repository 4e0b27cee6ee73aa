"""Throttle log-ins to the admin with django-axes: after too many failed attempts for one username, or from one
client address, within a window, further attempts are refused (status 429, Retry-After, the reason shown on the
log-in form) until the window has passed since the last failure. A successful log-in clears the counts.

This module is the archive's glue to axes (settings ``AXES_*`` point here):
- ``username_key``: the username as Django's log-in form reads it (NFKC, so ``ａdmin``, ``ⓐdmin`` and ``admⅰn``
  are the account ``admin``), then case-folded, so look-alikes count against the same username;
- ``client_address``: REMOTE_ADDR, or the X-Forwarded-For entry the nearest trusted proxy added;
- ``lockout_response``: the admin's own log-in page with the refusal, status 429 and Retry-After.

The counts live in the database (axes' AccessAttempt table), shared by every worker on every host; when the database
cannot be reached the log-in fails closed with a 503 (letters/health.py), as no password may be checked without
knowing whether the account is locked.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

USERNAME_MAX = 150  # Django's User.username max_length; longer input cannot name an account


def normalise_username(username: str) -> str:
    """NFKC (as ``AuthenticationForm``'s ``UsernameField`` does), stripped and case-folded, at most 150 characters."""
    return unicodedata.normalize("NFKC", username or "").strip().casefold()[:USERNAME_MAX]


def username_key(request: HttpRequest, credentials: dict | None = None) -> str:
    """axes' AXES_USERNAME_CALLABLE: the key one username's failures are counted under."""
    if credentials and credentials.get("username") is not None:
        raw = credentials.get("username")
    else:
        raw = getattr(request, "POST", {}).get("username", "")
    return normalise_username(str(raw or ""))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry that the nearest trusted proxy added."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        # Each proxy appends the address it saw; the ones a client wrote itself come first and are not trusted.
        return forwarded[-min(proxies, len(forwarded))][:45]
    return request.META.get("REMOTE_ADDR", "")


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """axes' AXES_COOLOFF_TIME, read at each use so that settings changed at run time (tests) apply."""
    return timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)


def failure_limit(request: HttpRequest | None = None, credentials: dict | None = None) -> int:
    return settings.LOGIN_THROTTLE_FAILURES


def retry_after(username: str, address: str) -> int:
    """Seconds until neither the username nor the address is locked any more (at least 1)."""
    from axes.models import AccessAttempt

    window = cool_off()
    since = timezone.now() - window
    latest = []
    for condition in (Q(username=username) if username else None, Q(ip_address=address) if address else None):
        if condition is None:
            continue
        row = AccessAttempt.objects.filter(condition, attempt_time__gte=since).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if (row["failures"] or 0) >= settings.LOGIN_THROTTLE_FAILURES and row["last"] is not None:
            latest.append(row["last"])
    if not latest:
        return math.ceil(window.total_seconds())
    return max(1, math.ceil((max(latest) + window - timezone.now()).total_seconds()))


class _RefusedForm(AdminAuthenticationForm):
    """The admin's log-in form, refusing with the throttle's message without ever checking the password."""

    refusal = ""

    def clean(self):
        raise ValidationError(self.refusal, code="throttled")


def refusal_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (
        "Too many failed log-in attempts for this account or from this address. "
        f"Try again in {minutes} minute{'' if minutes == 1 else 's'}."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """axes' AXES_LOCKOUT_CALLABLE: the admin's log-in page with the refusal as the form's error, 429, Retry-After."""
    seconds = retry_after(username_key(request, credentials), client_address(request))
    site = admin.site
    context = {
        **site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username() if hasattr(request, "user") else "",
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=site.name)
    form_class = type("RefusedForm", (_RefusedForm,), {"refusal": refusal_message(seconds)})
    request.current_app = site.name
    view = LoginView.as_view(extra_context=context, authentication_form=form_class, template_name="admin/login.html")
    response = view(request)
    if not isinstance(response, TemplateResponse):
        return response
    response.render()  # here, as this response never reaches the handler's render step
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response
