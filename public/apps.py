from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public read side: pages, the JSON API, downloads, open data, the sitemap."""

    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        # The package's tables and the receiver that freezes a release on publishing.
        from otwarte.cache.version import register_public_model

        from .models import Release
        from .opendata import signals, tables  # noqa: F401

        # A release is frozen by a task after the publishing commit: the open-data
        # page cached before it must not hide it.
        register_public_model(Release)
