"""Named permission predicates for cities, editions, practices and awards, and the
experts' scope (the cities assigned to them), which every app above this one uses."""

from otwarte import access
from otwarte.roles import Role, has_role

from .models import Assignment, SimilarAction
from .phases import Action, phases_allowing


def can_view_unpublished(user):
    """Only organisers see editions before they are published."""
    return access.is_organiser(user)


def is_expert(user):
    """An expert who is not also an organiser (organisers' rights win)."""
    return has_role(user, Role.EXPERT) and not access.is_organiser(user)


def assigned_city_ids(user):
    """Cities the expert is assigned to in any edition (a subquery)."""
    return Assignment.objects.filter(expert=user).values("city")


def assigned_edition_ids(user):
    return Assignment.objects.filter(expert=user).values("edition")


def is_assigned(user, *, edition, city):
    return Assignment.objects.filter(expert=user, edition=edition, city=city).exists()



def expert_may_edit_practice(practice):
    """Experts may not change what the public or the jury is reading.

    Refused for a practice that is awarded (in any edition), is listed as a
    similar action of a published award (its title shows there), or is
    nominated in an edition while its jury scores. Organisers may still correct
    it (the audit trail records who did).
    """
    if practice.awards.exists():
        return False
    published = phases_allowing(Action.VIEW_PUBLIC)
    if SimilarAction.objects.filter(practice=practice, award__edition__phase__in=published).exists():
        return False
    # Nominations live in jury (a higher layer): reached by the reverse name only.
    nominations = getattr(practice, "nominations", None)
    if nominations is not None and nominations.filter(
        edition__phase__in=phases_allowing(Action.SCORE)
    ).exists():
        return False
    return True
