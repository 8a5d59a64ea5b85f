from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps


class OtwarteConfig(AppConfig):
    name = "otwarte"
    verbose_name = "Otwarte"
    default = True

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, roles  # noqa: F401 (checks registers itself)
        from .cache.version import connect_signals

        connect_signals()
        # Sent once per app, after the whole migrate (or a test flush): every table
        # exists whichever app sends it, and sync_role_groups creates every app's
        # permissions itself. Listening to one sender (reports) runs it once.
        post_migrate.connect(
            roles._on_post_migrate,
            sender=apps.get_app_config("reports"),
            dispatch_uid="otwarte.roles.sync",
        )


class OtwarteAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site: `@admin.register` keeps working everywhere."""

    default = False
    default_site = "otwarte.admin_site.OtwarteAdminSite"

    def ready(self):
        # History models are built here, before autodiscover imports the admin
        # modules: django-simple-history copies each field, and a field that a
        # module-level queryset has already compiled carries a cached column of
        # the original table (HistoricalEdition would select practices_edition.phase).
        # modeltranslation (first in INSTALLED_APPS) has added the _pl/_en/...
        # columns by now, so the historical models copy them too.
        from .audit import register_audited_models

        register_audited_models()
        super().ready()
        # After autodiscover registered Django's own UserAdmin: replace it.
        from django.contrib import admin

        from .user_admin import register

        register(admin.site)
