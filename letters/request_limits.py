"""Refuse, with a 400 before any view runs, a path holding a NUL byte: PostgreSQL cannot compare text holding one,
and no council slug or letter key contains one. (A NUL in a query value is the forms' job: Django's CharField
refuses it, and an invalid search answers 400 with its errors.)"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise BadRequest("The address holds a NUL character.")
        return self.get_response(request)
