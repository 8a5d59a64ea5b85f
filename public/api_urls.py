from django.urls import path, re_path

from . import api

app_name = "api"

urlpatterns = [
    path("", api.index, name="index"),
    path("practices/", api.practice_list, name="practices"),
    path("practices/<slug:city_slug>/<slug:slug>/", api.practice_detail, name="practice"),
    path("awards/", api.award_list, name="awards"),
    path("cities/", api.city_list, name="cities"),
    path("cities/<slug:slug>/", api.city_detail, name="city"),
    path("editions/", api.edition_list, name="editions"),
    path("editions/<int:year>/", api.edition_detail, name="edition"),
    path("openapi.json", api.openapi_document, name="openapi"),
    path("docs/", api.openapi_page, name="docs"),
    # Last: every other path is the API's JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", api.not_found, name="not_found"),
]
