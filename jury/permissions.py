"""Named permission predicates for the jury's pages.

Visibility of nominations is a queryset (`Nomination.objects.for_juror`), so a
nomination a juror may not see answers 404; these predicates decide who may
act on what they can see.
"""

from django.utils import timezone

from otwarte.access import access_required
from otwarte.roles import Role, has_role
from practices.phases import Action, allows

from .models import Juror

__all__ = ["juror_of", "juror_required", "scoring_open", "can_score"]


def juror_of(user):
    """The jury.Juror linked to a user in the juror group, or None.

    Every juror page asks first, so when the user's groups are not read yet the
    juror row and the group membership come in one query (kept on the user)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "_role_names", None) is not None:
        return getattr(user, "juror", None) if has_role(user, Role.JUROR) else None
    if not hasattr(user, "_juror_of"):
        juror = next(
            iter(Juror.objects.filter(user=user, user__groups__name=Role.JUROR).order_by()[:1]),
            None,
        )
        if juror is not None:
            juror.user = user  # and user.juror, as the reverse accessor would
        user._juror_of = juror
    return user._juror_of


# The juror pages: the user's jury.Juror is kept as request.juror. Organisers are
# not jurors by their role, so they are not asked for their code here.
juror_required = access_required(juror_of, attach="juror", organisers_may=False)


def scoring_open(edition, *, now=None):
    """Scores are accepted while the phase allows scoring, up to the deadline (if one is set)."""
    if not allows(edition, Action.SCORE):
        return False
    now = now or timezone.now()
    return edition.scoring_deadline is None or now < edition.scoring_deadline


def can_score(user, nomination, *, conflicted=None):
    """A juror of the nomination's edition, while scoring is open, without a conflict."""
    juror = juror_of(user)
    if juror is None or not scoring_open(nomination.edition):
        return False
    if not juror.editions.filter(pk=nomination.edition_id).exists():
        return False
    if conflicted is None:
        conflicted = nomination.conflicts.filter(juror=juror).exists()
    return not conflicted
