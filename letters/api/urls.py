"""The API's URLs: /api/ mirrors the site's URLs (/api/findings/ for /findings/, /api/councils/<slug>/ …)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from letters.api import views

urlpatterns = [
    path("", views.index, name="api"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("findings/", views.findings, name="api-findings"),
    path("letters/", views.letters, name="api-letters"),
    path("councils/", views.councils, name="api-councils"),
    path("councils/<slug:slug>/", views.council, name="api-council"),
    path("councils/<slug:council>/letters/<str:key>/", views.letter, name="api-letter"),
]
