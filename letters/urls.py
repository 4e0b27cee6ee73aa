"""Public URLs of the archive. Letter URLs are built from the council's slug and the letter's date."""

from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("", views.home, name="home"),
    path("councils/", views.council_list, name="councils"),
    path("councils/<slug:slug>/", views.council_detail, name="council"),
    path("councils/<slug:council>/letters/<str:key>/", views.letter_detail, name="letter"),
    path("councils/<slug:council>/letters/<str:key>/raw.txt", views.letter_raw, name="letter-raw"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("inspectors/<slug:slug>/", views.inspector_detail, name="inspector"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework"),
]
