from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationState(models.TextChoices):
    """Where one translation of one text stands (issue 16's workflow)."""

    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    REVIEWED = "reviewed", _("Reviewed")


class SaveAction(models.TextChoices):
    """The two buttons of the translation form."""

    DRAFT = "draft", _("Save as draft")
    REVIEWED = "reviewed", _("Save and mark reviewed")
