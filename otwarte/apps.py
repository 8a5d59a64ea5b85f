from django.apps import AppConfig, apps


class OtwarteConfig(AppConfig):
    name = "otwarte"
    verbose_name = "Otwarte"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, roles

        cache.connect_signals()
        # Sent once per app; reports is the last of ours, so every model exists.
        post_migrate.connect(
            roles._on_post_migrate,
            sender=apps.get_app_config("reports"),
            dispatch_uid="otwarte.roles.sync",
        )
