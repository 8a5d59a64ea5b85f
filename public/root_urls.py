"""Public URLs outside the language prefix: the sitemap (the JSON API: api/urls.py)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .sitemaps import SITEMAPS

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
