"""GET /healthz for load balancers and uptime checks: is the app up, and does its database answer?"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The error's class only: its message may name the database host or user.
        reason = f"the database did not answer ({type(error).__name__})"
        return JsonResponse({"status": "error", "database": "unavailable", "reason": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
