"""Top-level URL map: the admin and the public archive."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("letters.urls")),
]
