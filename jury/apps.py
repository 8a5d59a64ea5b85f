from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from otwarte import mail

        from .services import city_checks

        mail.register_secret(kind=city_checks.MAIL_KIND, make=city_checks.token_for_message)
