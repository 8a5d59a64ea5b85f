"""Named permission predicates for cities, editions, practices and awards, and the
experts' scope (the cities assigned to them), which every app above this one uses."""

from otwarte.roles import Role, has_role

from .models import Assignment


def is_organiser(user):
    return has_role(user, Role.ORGANISER)


def can_view_unpublished(user):
    """Only organisers see editions before they are published."""
    return is_organiser(user)


def is_expert(user):
    """An expert who is not also an organiser (organisers' rights win)."""
    return has_role(user, Role.EXPERT) and not is_organiser(user)


def assigned_city_ids(user):
    """Cities the expert is assigned to in any edition (a subquery)."""
    return Assignment.objects.filter(expert=user).values("city")


def assigned_edition_ids(user):
    return Assignment.objects.filter(expert=user).values("edition")


def is_assigned(user, *, edition, city):
    return Assignment.objects.filter(expert=user, edition=edition, city=city).exists()

