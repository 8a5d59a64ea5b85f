"""Named predicates for the survey pages (answering needs no account)."""

from otwarte import access


def can_see_results(user, survey):
    """Everyone once the ranking is published; organisers preview it before."""
    return survey.results_published or access.is_organiser(user)
