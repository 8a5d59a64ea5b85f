from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    verbose_name = _("Organisers' cockpit")

    def ready(self):
        from practices.models import Edition
        from practices.signals import phase_changed

        from . import notifications

        phase_changed.connect(
            notifications.on_phase_changed, sender=Edition,
            dispatch_uid="cockpit-scoring-opened",
        )
