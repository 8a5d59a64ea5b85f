from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportStatus(models.TextChoices):
    """Where an expert report is in its review: draft → submitted → (returned →
    submitted)* → accepted. Only `reports.services` moves a report between them."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    # "report" is masculine in Polish (przyjęty), a proposal feminine (przyjęta).
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")


# The expert may edit the report only in these states.
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class RecommendationStatus(models.TextChoices):
    """How far a city has got with an award's recommendation (recorded in a later
    edition's expert report)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    ABANDONED = "abandoned", _("Abandoned")
