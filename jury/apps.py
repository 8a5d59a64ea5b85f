from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from otwarte import mail
        from practices.models import Edition
        from practices.signals import phase_changed

        from . import signals
        from .services import city_checks

        mail.register_secret(kind=city_checks.MAIL_KIND, make=city_checks.token_for_message)
        phase_changed.connect(
            signals.on_phase_changed, sender=Edition, dispatch_uid="jury-deliberation-opened"
        )
