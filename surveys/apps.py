from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Migrants' civic audit")

    def ready(self):
        from otwarte import deadlines, mail

        from . import deadlines as survey_deadlines
        from . import opendata, services  # noqa: F401 (opendata registers its table)

        deadlines.public_deadlines.connect(
            survey_deadlines.open_surveys, dispatch_uid="surveys-open-surveys"
        )

        mail.register_secret(
            kind=services.MAIL_KIND, make=services.token_for_message, private=True
        )
