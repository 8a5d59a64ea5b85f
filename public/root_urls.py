"""Public URLs outside the language prefix: the JSON API and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .sitemaps import SITEMAPS

urlpatterns = [
    path("api/v1/", include("public.api_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
