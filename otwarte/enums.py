from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class MessageKind(models.TextChoices):
    """What an e-mail is, as organisers read it in the admin. `SentMessage.kind` stores
    the value (each is a pair of templates, notifications/<kind>[_subject].txt); a test
    keeps this list and the templates in step."""

    CITY_CHECK = "city_check", _("city check request")
    DELIBERATION_OPENED = "deliberation_opened", _("deliberation opened")
    DELIBERATION_POST = "deliberation_post", _("new deliberation post")
    INVITATION = "invitation", _("invitation")
    PROPOSAL_CONFIRMATION = "proposal_confirmation", _("open call: confirmation to the proposer")
    PROPOSAL_RECEIVED = "proposal_received", _("open call: new proposal for organisers")
    REPORT_ACCEPTED = "report_accepted", _("report accepted")
    REPORT_REMINDER = "report_reminder", _("report reminder")
    REPORT_RETURNED = "report_returned", _("report returned with comments")
    REPORT_SUBMITTED = "report_submitted", _("report submitted: to organisers")
    SCORING_OPENED = "scoring_opened", _("scoring opened")
    SCORING_REMINDER = "scoring_reminder", _("scoring reminder")
    SURVEY_LINK = "survey_link", _("survey link")
