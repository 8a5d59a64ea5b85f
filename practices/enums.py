from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    # English names with a context: "Lublin", "Łódź", "Opole" are also cities.
    DOLNOSLASKIE = "dolnoslaskie", pgettext_lazy("voivodeship", "Lower Silesian")
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", pgettext_lazy("voivodeship", "Kuyavian-Pomeranian")
    LUBELSKIE = "lubelskie", pgettext_lazy("voivodeship", "Lublin")
    LUBUSKIE = "lubuskie", pgettext_lazy("voivodeship", "Lubusz")
    LODZKIE = "lodzkie", pgettext_lazy("voivodeship", "Łódź")
    MALOPOLSKIE = "malopolskie", pgettext_lazy("voivodeship", "Lesser Poland")
    MAZOWIECKIE = "mazowieckie", pgettext_lazy("voivodeship", "Masovian")
    OPOLSKIE = "opolskie", pgettext_lazy("voivodeship", "Opole")
    PODKARPACKIE = "podkarpackie", pgettext_lazy("voivodeship", "Subcarpathian")
    PODLASKIE = "podlaskie", pgettext_lazy("voivodeship", "Podlaskie")
    POMORSKIE = "pomorskie", pgettext_lazy("voivodeship", "Pomeranian")
    SLASKIE = "slaskie", pgettext_lazy("voivodeship", "Silesian")
    SWIETOKRZYSKIE = "swietokrzyskie", pgettext_lazy("voivodeship", "Holy Cross")
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", pgettext_lazy("voivodeship", "Warmian-Masurian")
    WIELKOPOLSKIE = "wielkopolskie", pgettext_lazy("voivodeship", "Greater Poland")
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", pgettext_lazy("voivodeship", "West Pomeranian")


class ProposalStatus(models.TextChoices):
    """Where a practice proposed through the open call is in moderation."""

    PENDING = "pending", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
