from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationStatus(models.TextChoices):
    """Where one juror stands with one nomination (shown on the dashboard)."""

    NOT_STARTED = "not_started", _("Not scored yet")
    PARTIAL = "partial", _("Partly scored")
    SCORED = "scored", _("Scored")
    CONFLICT = "conflict", _("Conflict of interest")


class SaveAction(models.TextChoices):
    """Which button a juror pressed on the scoring form."""

    SAVE = "save", _("Save")
    SAVE_AND_NEXT = "save_next", _("Save and next")
