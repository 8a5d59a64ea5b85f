from django.apps import AppConfig


class OtwarteConfig(AppConfig):
    name = "otwarte"
    verbose_name = "Otwarte"

    def ready(self):
        from . import cache

        cache.connect_signals()
