"""Public URLs outside the language prefix: the sitemap and robots.txt (the JSON API:
api/urls.py)."""

from django.urls import path

from .conventions import robots_txt
from .sitemaps import sitemap_xml

urlpatterns = [
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
