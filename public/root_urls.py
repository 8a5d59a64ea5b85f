"""Public URLs outside the language prefix: the JSON API and the sitemap."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("api/v1/", include("public.api_urls")),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
