"""Whole-page caching for public pages, keyed by the data version: a page is served again only while the data it
was made from is unchanged. Only anonymous GET requests answered 200 are cached (a signed-in curator always sees a
fresh page; an error page is made again each time, so hostile URLs cannot fill the cache), and only pages up to
PAGE_CACHE_MAX_BYTES; the cache itself holds at most CACHE_MAX_ENTRIES entries per process (settings.py)."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from letters.freshness import data_version

PAGE_SECONDS = 3600


def cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


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
        if cacheable(response):
            cache.set(key, (response.status_code, response["Content-Type"], response.content), PAGE_SECONDS)
        return response

    return wrapper
