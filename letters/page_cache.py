"""Whole-page caching for public pages, keyed by the data version: a page is served again only while the data it
was made from is unchanged. Only anonymous GET requests are cached (a signed-in curator always sees a fresh page)."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from letters import data_version

PAGE_SECONDS = 3600


def cached_by_data_version(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        path = request.get_full_path()
        key = f"page:{data_version.state_for(request)[0]}:{hashlib.sha1(path.encode()).hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            status, content_type, body = hit
            return HttpResponse(body, status=status, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 400) and not response.streaming and not response.cookies:
            cache.set(key, (response.status_code, response["Content-Type"], response.content), PAGE_SECONDS)
        return response

    return wrapper
