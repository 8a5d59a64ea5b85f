"""The rules of the cycle for editions and awards, as plain functions.

Views, the admin, management commands and tests call these; none of them
changes an edition's phase by assigning the field directly.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import Phase
from .models import Edition

PHASE_ORDER = list(Phase)

# Forward one step at a time; back one step to reopen (for instance returning
# from deliberation to scoring when a conflict of interest is found late).
# A published edition can be unpublished only back to deliberation.
ALLOWED_TRANSITIONS = {
    phase: {
        p
        for p in (
            PHASE_ORDER[i + 1] if i + 1 < len(PHASE_ORDER) else None,
            PHASE_ORDER[i - 1] if i > 0 else None,
        )
        if p
    }
    for i, phase in enumerate(PHASE_ORDER)
}


def change_phase(*, edition: Edition, phase: Phase) -> Edition:
    """Move an edition to another phase of the cycle, or raise ValidationError.

    Publishing stamps `published_at` (the first time only: a correction after
    republishing keeps the original date).
    """
    phase = Phase(phase)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if phase == edition.phase:
            return edition
        if phase not in ALLOWED_TRANSITIONS[Phase(edition.phase)]:
            raise ValidationError(
                _("An edition cannot go from “%(old)s” to “%(new)s”.")
                % {"old": Phase(edition.phase).label, "new": phase.label}
            )
        edition.phase = phase
        fields = ["phase"]
        if phase == Phase.PUBLISHED and edition.published_at is None:
            edition.published_at = timezone.now()
            fields.append("published_at")
        edition.save(update_fields=fields)
    return edition


def latest_published_edition():
    return Edition.objects.published().order_by("-year").first()
