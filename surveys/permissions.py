"""Named predicates for the survey pages (answering needs no account)."""

from otwarte.access import is_organiser


def can_see_results(user, survey):
    """Everyone once the ranking is published; organisers preview it before."""
    return survey.results_published or is_organiser(user)
