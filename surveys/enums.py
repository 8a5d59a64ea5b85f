from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    """What a survey rates: consular posts (the pilot) or city services."""

    CONSULAR = "consular", _("Consular services")
    CITY = "city", _("City services")


class Country(models.TextChoices):
    """The Eastern Partnership countries of the consular pilot."""

    ARMENIA = "AM", _("Armenia")
    AZERBAIJAN = "AZ", _("Azerbaijan")
    BELARUS = "BY", _("Belarus")
    GEORGIA = "GE", _("Georgia")
    MOLDOVA = "MD", _("Moldova")
    UKRAINE = "UA", _("Ukraine")


class Proof(models.TextChoices):
    """How a respondent proves being one person: an e-mail link or a printed code."""

    EMAIL = "email", _("E-mail link")
    CODE = "code", _("One-time code")


class ResponseState(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    VERIFIED = "verified", _("Verified (counts)")
    VOIDED = "voided", _("Voided by the organisers")


class CommentStatus(models.TextChoices):
    NONE = "none", _("No comment")
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Not published")


class CellState(models.TextChoices):
    """A target's standing in one criterion's ranking."""

    RANKED = "ranked", _("Ranked")
    NOT_DISTINGUISHABLE = "not_distinguishable", _("Not distinguishable")
    TOO_FEW = "too_few", _("Too few answers")
