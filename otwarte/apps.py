from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps


class OtwarteConfig(AppConfig):
    name = "otwarte"
    verbose_name = "Otwarte"
    default = True

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, roles
        from .audit import register_audited_models

        cache.connect_signals()
        # After modeltranslation (first in INSTALLED_APPS) has added the _pl/_en/...
        # columns, so the historical models copy them too.
        register_audited_models()
        # Sent once per app; reports is the last of ours, so every model exists.
        post_migrate.connect(
            roles._on_post_migrate,
            sender=apps.get_app_config("reports"),
            dispatch_uid="otwarte.roles.sync",
        )


class OtwarteAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site: `@admin.register` keeps working everywhere."""

    default = False
    default_site = "otwarte.admin_site.OtwarteAdminSite"
