from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public read side: pages, the JSON API, downloads, the sitemap. No models."""

    name = "public"
    verbose_name = _("Public site")
