"""Public URLs outside the language prefix: the JSON API and the sitemap."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.module_loading import import_string

from .sitemaps import SITEMAPS

# Other apps' sitemaps, named in settings (public imports none of them).
ALL_SITEMAPS = SITEMAPS | {
    key: import_string(name) for key, name in getattr(settings, "EXTRA_SITEMAPS", {}).items()
}

urlpatterns = [
    path("api/v1/", include("public.api_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": ALL_SITEMAPS}, name="sitemap"),
]
