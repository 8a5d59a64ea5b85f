"""Named permission predicates for expert reports.

Organisers see and do everything; an expert sees only the editions and cities
assigned to them; jurors and everybody else see nothing here. Querysets do the
hiding (hidden objects are 404), these predicates decide what may change.
"""

from otwarte import access
from practices.permissions import is_assigned, is_expert
from practices.phases import Action, allows

__all__ = ["is_expert", "can_edit_report", "can_submit_report", "can_review_report"]


def can_edit_report(user, report):
    """While the phase allows writing reports: organisers, and the assigned expert
    while the report is a draft or returned."""
    if not allows(report.edition, Action.WRITE_REPORT):
        return False
    if access.is_organiser(user):
        return True
    if not is_expert(user):
        return False
    return report.is_editable_by_expert and is_assigned(
        user, edition=report.edition_id, city=report.city_id
    )


def can_submit_report(user, report):
    return is_expert(user) and can_edit_report(user, report)


def can_review_report(user, report):
    """Returning and accepting are the organisers' decisions, while the phase allows."""
    return access.is_organiser(user) and allows(report.edition, Action.REVIEW_REPORT)
