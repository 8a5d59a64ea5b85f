"""Named predicates for the survey pages (answering needs no account)."""

from otwarte.roles import Role, has_role


def is_organiser(user):
    return has_role(user, Role.ORGANISER)


def can_see_results(user, survey):
    """Everyone once the ranking is published; organisers preview it before."""
    return survey.results_published or is_organiser(user)
