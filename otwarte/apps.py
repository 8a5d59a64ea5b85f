from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OtwarteConfig(AppConfig):
    name = "otwarte"
    default = True

    def ready(self):
        # After modeltranslation (first in INSTALLED_APPS) has added the _pl/_en/...
        # columns, so the historical models copy them too.
        from .audit import register_audited_models

        register_audited_models()


class OtwarteAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site: `@admin.register` keeps working everywhere."""

    default = False
    default_site = "otwarte.admin_site.OtwarteAdminSite"
