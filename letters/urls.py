"""Public URLs of the archive. Letter URLs are built from the council's slug and the letter's date."""

from django.urls import include, path, re_path

from letters import feeds, health, views

app_name = "letters"

urlpatterns = [
    path("", views.home, name="home"),
    path("councils/", views.council_list, name="councils"),
    path("councils/<slug:slug>/", views.council_detail, name="council"),
    path("councils/<slug:council>/letters/<str:key>/", views.letter_detail, name="letter"),
    path("councils/<slug:council>/letters/<str:key>/raw.txt", views.letter_raw, name="letter-raw"),
    path("compare/", views.compare_councils, name="compare"),
    path("councils/<slug:council>/letters/<str:key>/original.pdf", views.letter_original, name="letter-original"),
    path("findings/", views.findings_search, name="findings"),
    re_path(r"^findings/export\.(?P<fmt>csv|json)$", views.findings_export, name="findings-export"),
    path("letters/", views.letters_search, name="letters"),
    re_path(r"^letters/export\.(?P<fmt>csv|json)$", views.letters_export, name="letters-export"),
    path("feeds/letters/", feeds.LatestLettersFeed(), name="feed-letters"),
    path("feeds/councils/<slug:slug>/", feeds.CouncilLettersFeed(), name="feed-council"),
    path("feeds/letters/search/", feeds.SearchLettersFeed(), name="feed-letters-search"),
    path("feeds/findings/search/", feeds.SearchFindingsFeed(), name="feed-findings-search"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("inspectors/<slug:slug>/", views.inspector_detail, name="inspector"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework"),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("letters.api.urls")),
]
