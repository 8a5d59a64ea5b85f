from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where an edition is in the yearly cycle; the order is the cycle's order."""

    PREPARATION = "preparation", _("Preparation")
    EXPERT_REPORTS = "expert_reports", _("Expert reports")
    JURY_SCORING = "jury_scoring", _("Jury scoring")
    DELIBERATION = "deliberation", _("Deliberation")
    PUBLISHED = "published", _("Published")


class Initiator(models.TextChoices):
    """Who started a practice. The criteria value local-government engagement
    even when an NGO or a migrant community took the initiative."""

    LOCAL_GOVERNMENT = "local_government", _("Local government")
    NGO = "ngo", _("Non-governmental organisation")
    MIGRANT_COMMUNITY = "migrant_community", _("Migrant community")
    UNIVERSITY = "university", _("University or research centre")
    OTHER = "other", _("Other")


class FollowUpStatus(models.TextChoices):
    """How an awarded practice is carried out in later years (expert follow-up)."""

    UNKNOWN = "unknown", _("Unknown")
    CONTINUED = "continued", _("Continued")
    EXPANDED = "expanded", _("Expanded")
    REDUCED = "reduced", _("Reduced")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class Voivodeship(models.TextChoices):
    DOLNOSLASKIE = "dolnoslaskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "lodzkie", "łódzkie"
    MALOPOLSKIE = "malopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "slaskie", "śląskie"
    SWIETOKRZYSKIE = "swietokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


class ProposalStatus(models.TextChoices):
    """Where a practice proposed through the open call is in moderation."""

    PENDING = "pending", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
