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


class ConflictReason(models.TextChoices):
    """The kind of a conflict of interest. Organisers choose per edition which kinds
    the public register names (`ConflictDisclosure`); the free-text reason stays
    internal."""

    WORK = "work", _("Works or worked for the organisation running the practice")
    INVOLVEMENT = "involvement", _("Took part in the practice")
    PERSONAL = "personal", _("A personal or family relationship")
    FINANCIAL = "financial", _("A financial interest")
    OTHER = "other", _("Another reason")


class CheckAnswer(models.TextChoices):
    """What a city said about the draft text of one of its awards."""

    CONFIRMED = "confirmed", _("Confirmed as it is")
    CORRECTION = "correction", _("Correction proposed")


class CorrectionDecision(models.TextChoices):
    """What the organisers did with a city's proposed correction."""

    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class FlagKind(models.TextChoices):
    """Why a nomination is worth discussing in deliberation (docs/tally.md, "Flags")."""

    DISAGREEMENT = "disagreement", _("The jurors disagree on a criterion")
    JUROR_DEPENDENT = "juror_dependent", _("The category's first place changes without one juror")
    CLOSE = "close", _("A tie, or a margin smaller than one juror moving one point")
    CONFLICT = "conflict", _("A conflict of interest removed a juror's scores")
