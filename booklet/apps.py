from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletConfig(AppConfig):
    """The yearly booklet "Opis wyróżnionych praktyk miejskich" as a PDF."""

    name = "booklet"
    verbose_name = _("Booklets")

    def ready(self):
        from . import signals  # noqa: F401
