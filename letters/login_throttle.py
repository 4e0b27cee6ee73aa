"""Throttle log-ins to the admin: too many failed attempts for one username, or from one client address, within a
window and further attempts are refused (status 429, the reason shown on the log-in form) until the window has
moved past them. A successful log-in clears both counts.

Every POST to the admin's log-in URL counts as an attempt before it is checked, so parallel guesses are counted
too; the attempt is struck off again if it logs a staff user in. The counts live in the ``login-throttle`` cache.
Reading then writing a cache entry is not atomic, so a burst of simultaneous guesses may win an attempt or two: the
limit is a rate limit, not an exact count.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

CACHE_ALIAS = "login-throttle"


def _now() -> float:
    return time.time()


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry that the nearest trusted proxy added."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        # Each proxy appends the address it saw; the ones a client wrote itself come first and are not trusted.
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def throttle_keys(username: str, address: str) -> list[str]:
    # Hashed so that any username is a valid key for any cache backend.
    keys = []
    if username.strip():
        keys.append("user:" + hashlib.sha256(username.strip().casefold().encode()).hexdigest())
    if address:
        keys.append("addr:" + hashlib.sha256(address.encode()).hexdigest())
    return keys


class Throttle:
    """At most ``limit`` unsuccessful attempts per key in any ``window`` seconds (a sliding window)."""

    def __init__(self, limit: int, window: int, cache=None):
        self.limit, self.window = limit, window
        self.cache = cache if cache is not None else caches[CACHE_ALIAS]

    def _recent(self, key: str) -> list[float]:
        cutoff = _now() - self.window
        return [stamp for stamp in self.cache.get(key, []) if stamp > cutoff]

    def retry_after(self, keys: list[str]) -> int:
        """Seconds until every key may try again; 0 if none is locked."""
        waits = []
        for key in keys:
            recent = self._recent(key)
            if len(recent) >= self.limit:
                # Locked until the oldest of the last ``limit`` attempts leaves the window.
                waits.append(recent[-self.limit] + self.window - _now())
        return max(1, math.ceil(max(waits))) if waits else 0

    def record(self, keys: list[str]) -> None:
        for key in keys:
            stamps = [*self._recent(key), _now()][-self.limit :]
            self.cache.set(key, stamps, timeout=self.window)

    def reset(self, keys: list[str]) -> None:
        self.cache.delete_many(keys)


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


def refused_response(request: HttpRequest, seconds: int) -> HttpResponse:
    """The admin's own log-in page with the refusal as the form's error, status 429 and Retry-After."""
    site = admin.site
    context = {
        **site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=site.name)
    form_class = type("RefusedForm", (_RefusedForm,), {"refusal": refusal_message(seconds)})
    request.current_app = site.name
    view = LoginView.as_view(extra_context=context, authentication_form=form_class, template_name="admin/login.html")
    response = view(request)
    if not isinstance(response, TemplateResponse):
        return response  # refused before the form, e.g. by the CSRF check
    response.render()  # here, as this response never reaches the handler's render step
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


class LoginThrottleMiddleware:
    """Wraps POSTs to the admin's log-in URL; every other request passes straight through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        throttle = Throttle(settings.LOGIN_THROTTLE_FAILURES, settings.LOGIN_THROTTLE_WINDOW)
        keys = throttle_keys(request.POST.get("username", ""), client_address(request))
        wait = throttle.retry_after(keys)
        if wait:
            return refused_response(request, wait)
        throttle.record(keys)
        response = self.get_response(request)
        user = getattr(request, "user", None)  # login() puts the user who just logged in here
        if response.status_code == 302 and user is not None and user.is_authenticated and user.is_staff:
            throttle.reset(keys)
        return response
