from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "scorecards"
    verbose_name = _("City policy scorecards")

    def ready(self):
        from . import opendata  # noqa: F401 (registers its open-data table)
