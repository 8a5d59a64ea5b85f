"""E-mail to the experts of a report when organisers return or accept it."""

from otwarte import invitations, mail
from practices.models import Assignment


def report_reviewed(*, report, kind, request=None):
    """`kind`: "report_returned" or "report_accepted"; to every expert assigned to
    the report's city in its edition. Returns the number of messages sent."""
    experts = {
        a.expert for a in Assignment.objects.filter(
            edition=report.edition_id, city=report.city_id
        ).select_related("expert")
    }
    sent = 0
    for expert in sorted(experts, key=lambda user: user.pk):
        language = mail.language_of(expert)
        sent += mail.send(
            kind=kind,
            to=expert.email,
            user=expert,
            language=language,
            context={
                "report": report,
                "comment": report.review_comment,
                "login_url": invitations.login_url(request=request, language=language),
            },
        ) is not None
    return sent
