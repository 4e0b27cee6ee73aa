"""Is the database there? GET /healthz for load balancers and uptime checks, and a 503 page (not a generic 500)
for any request the database fails to answer: down, refusing connections, or too slow (the connect and statement
timeouts of settings.py turn a frozen database into an error within seconds)."""

from __future__ import annotations

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

RETRY_SECONDS = 30


@never_cache
@require_safe
def healthz(request):
    # A fresh connection, not the worker's persistent one: a connection opened before the database froze would wait
    # on its socket, while a new one gives up after the connect timeout.
    probe = connections["default"].copy()
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The error's class only: its message may name the database host or user.
        reason = f"the database did not answer ({type(error).__name__})"
        response = JsonResponse({"status": "error", "database": "unavailable", "reason": reason}, status=503)
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    finally:
        probe.close()
    return JsonResponse({"status": "ok", "database": "ok"})


def unavailable_response() -> HttpResponse:
    """templates/503.html, rendered without a request context (it must not touch the database)."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view whose database is unreachable or timed out answers 503 with Retry-After; other errors stay 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, (OperationalError, InterfaceError)):
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            return unavailable_response()
        return None
