"""E-mail about expert reports: organisers hear of each submission; the experts of a
report hear when organisers return or accept it."""

from otwarte import invitations, mail
from practices.models import Assignment
from practices.notifications import mail_organisers


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


def report_submitted(*, report, request=None):
    """Tell every organiser that an expert handed a report in, with the link to review
    it; once per submission (a report returned and submitted again is news again)."""
    return mail_organisers(
        kind="report_submitted",
        key=f"report-submitted:{report.pk}:{report.submitted_at.isoformat()}",
        admin_url=("admin:reports_report_change", [report.pk]),
        context={"report": report}, request=request,
    )
