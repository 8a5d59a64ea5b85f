from django.db import models
from django.utils.translation import gettext_lazy as _


class Reference(models.TextChoices):
    """The public index an indicator corresponds to, if any."""

    NONE = "", _("none")
    ICC = "icc", _("Intercultural Cities Index (Council of Europe)")
    MIPEX = "mipex", _("MIPEX")
    OECD = "oecd", _("OECD indicators of immigrant integration")


class Verdict(models.TextChoices):
    """The expert's check of one declared answer."""

    PENDING = "pending", _("not verified yet")
    AGREE = "agree", _("agrees")
    DIFFERENT = "different", _("a different grade")
