from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The edition file: import and export a whole edition (docs/import-format.md). No models."""

    name = "exchange"
    verbose_name = _("Edition files")
