"""Named permission predicates for cities, editions, practices and awards."""

from otwarte.roles import Role, has_role


def is_organiser(user):
    return has_role(user, Role.ORGANISER)


def can_view_unpublished(user):
    """Only organisers see editions before they are published."""
    return is_organiser(user)
