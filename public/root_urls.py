"""Public URLs outside the language prefix: the JSON API, the sitemap and robots.txt."""

from django.urls import include, path

from .conventions import robots_txt
from .sitemaps import sitemap_xml

urlpatterns = [
    path("api/v1/", include("public.api_urls")),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
