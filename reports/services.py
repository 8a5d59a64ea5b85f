"""The expert report workflow, as plain keyword-only functions.

draft → submitted → returned → submitted → … → accepted. The admin, the
import command and the tests call these; nothing assigns `Report.status`
directly.

Dependencies run one way: `jury` uses `reports` (it turns the proposals of
accepted reports into nominations, `jury.services.nominations.nominate_from_reports`);
`reports` never imports `jury`.
"""


from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from otwarte.cache.version import bump_content_version
from otwarte.text import has_visible_text
from practices import phases
from practices.enums import FollowUpStatus
from practices.models import Assignment, Award, Edition, Panelist, Practice
from practices.phases import Action, allows, phases_allowing

from . import permissions
from .enums import EDITABLE_STATUSES, ReportStatus
from .models import FollowUp, ProposedNomination, RecommendationProgress, Report


def awarded_earlier(*, edition, city):
    """Practices of the city awarded in editions before this one."""
    return Practice.objects.filter(
        city=city,
        pk__in=Award.objects.filter(edition__year__lt=edition.year).values("practice"),
    ).order_by("pk")


def prefill_follow_ups(*, report):
    """Add a follow-up row for each earlier award of the report's city that has none,
    and a progress row for each of those awards' recommendations (other cities'
    recommendations the city took up are added by the expert)."""
    have = set(report.follow_ups.values_list("practice_id", flat=True))
    FollowUp.objects.bulk_create(
        FollowUp(report=report, practice=practice)
        for practice in awarded_earlier(edition=report.edition, city=report.city)
        if practice.pk not in have
    )
    tracked = set(report.recommendations.values_list("award_id", flat=True))
    RecommendationProgress.objects.bulk_create(
        RecommendationProgress(report=report, award=award)
        for award in Award.objects.filter(
            edition__year__lt=report.edition.year, practice__city=report.city
        )
        .exclude(recommendation_pl="")
        .order_by("edition__year", "order")
        if award.pk not in tracked
    )


def create_report(*, edition, city, created_by=None, **fields):
    """Create the report of a city for an edition, follow-up rows pre-filled.

    Only while the edition's phase allows writing reports (read under a lock of the
    edition row: a phase change waits for the report, or the report sees it)."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        phases.require(edition, Action.WRITE_REPORT)
        report = Report(edition=edition, city=city, created_by=created_by, **fields)
        report.full_clean()
        report.save()
        prefill_follow_ups(report=report)
    return report


def _locked(report):
    return Report.objects.select_for_update().select_related("edition", "city").get(pk=report.pk)


def submit_report(*, report, user, now=None):
    """The assigned expert hands the report in, before the edition's deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        report = _locked(report)
        phases.require(report.edition, Action.WRITE_REPORT)
        if report.status not in EDITABLE_STATUSES:
            raise ValidationError(_("Only a draft or a returned report can be submitted."))
        if not permissions.can_submit_report(user, report):
            raise PermissionDenied
        deadline = report.edition.reports_deadline
        if deadline is not None and now > deadline:
            raise ValidationError(
                _("The deadline for reports (%(deadline)s) has passed; ask the organisers.")
                % {"deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")}
            )
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
        report.save(update_fields=["status", "submitted_at", "updated_at"])
    return report


def return_report(*, report, user, comment):
    """Organisers send a submitted report back to the expert with comments."""
    comment = (comment or "").strip()
    with transaction.atomic():
        report = _locked(report)
        phases.require(report.edition, Action.REVIEW_REPORT)
        if not permissions.can_review_report(user, report):
            raise PermissionDenied
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be returned."))
        if not comment:
            raise ValidationError(_("Say what the expert should change before returning."))
        report.status = ReportStatus.RETURNED
        report.review_comment = comment
        report.save(update_fields=["status", "review_comment", "updated_at"])
    return report


def accept_report(*, report, user, now=None):
    """Organisers accept a submitted report.

    Its proposed nominations become available for the jury stage and its
    follow-up answers become the practices' public follow-up status.
    """
    now = now or timezone.now()
    with transaction.atomic():
        report = _locked(report)
        phases.require(report.edition, Action.REVIEW_REPORT)
        if not permissions.can_review_report(user, report):
            raise PermissionDenied
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be accepted."))
        report.status = ReportStatus.ACCEPTED
        report.accepted_at = now
        report.save(update_fields=["status", "accepted_at", "updated_at"])
        apply_follow_ups(report=report)
    return report


def apply_follow_ups(*, report):
    """The report's follow-up answers become its practices' public follow-up status;
    its progress on recommendations joins the public timeline (a new content version)."""
    updated = refresh_follow_ups(
        practice_ids=report.follow_ups.values_list("practice_id", flat=True)
    )
    if not updated and report.recommendations.exists():
        bump_content_version()


def refresh_follow_ups(practice_ids=None):
    """Recompute `Practice.follow_up_status/year` from the accepted reports.

    The newest accepted report's answer that is not "unknown" wins; a practice
    without one is "unknown". For the given practices, or for all of them (after
    bulk writes). One UPDATE with correlated subqueries; returns the rows updated.
    Receivers in reports/signals.py call it when an accepted report changes.
    """
    answers = (
        FollowUp.objects.filter(practice=OuterRef("pk"), report__status=ReportStatus.ACCEPTED)
        .exclude(status=FollowUpStatus.UNKNOWN)
        .order_by("-report__edition__year")
    )
    practices = Practice.objects.all()
    if practice_ids is not None:
        practices = practices.filter(pk__in=list(practice_ids))
    updated = practices.update(
        follow_up_status=Coalesce(
            Subquery(answers.values("status")[:1]), Value(FollowUpStatus.UNKNOWN.value)
        ),
        follow_up_year=Subquery(answers.values("report__edition__year")[:1]),
    )
    if updated:
        bump_content_version()  # an UPDATE sends no signal: public pages show the status
    return updated


def recommendation_timeline(*, city=None, practice=None):
    """[(award, [RecommendationProgress by year])] from the public rows: for a city,
    the recommendations of its awards and those it reported on; for a practice, its
    awards' recommendations in every city."""
    rows = RecommendationProgress.objects.public().for_timeline()
    if city is not None:
        rows = rows.filter(Q(report__city=city) | Q(award__practice__city=city))
    if practice is not None:
        rows = rows.filter(award__practice=practice)
    timeline = {}
    for row in rows:
        timeline.setdefault(row.award, []).append(row)
    return list(timeline.items())


def changed_since(*, edition):
    """[(award, [rows])] recorded in this edition's accepted reports about the
    recommendations of published earlier awards: the booklet's “what has changed
    since” section (the booklet of an unpublished edition is the organisers' preview)."""
    rows = RecommendationProgress.objects.filter(
        report__edition=edition,
        report__status=ReportStatus.ACCEPTED,
        award__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC),
        award__edition__year__lt=edition.year,
    ).for_timeline()
    since = {}
    for row in rows:
        since.setdefault(row.award, []).append(row)
    return list(since.items())


def accepted_proposals(*, edition):
    """Proposed nominations of the edition's accepted reports, for the jury stage."""
    return (
        ProposedNomination.objects.accepted()
        .filter(report__edition=edition)
        .select_related("practice__city", "category", "report")
        .order_by("category__order", "practice__city__name", "practice__slug")
    )


@dataclass(frozen=True)
class EditionExpert:
    """An expert as credited publicly: a name, an optional group label ("Trójmiasto")
    and the cities covered, nothing else."""

    name: str
    cities: tuple
    group: str = ""

    @property
    def city(self):
        return ", ".join(str(city) for city in self.cities)


def edition_experts(*, edition):
    """The experts of a published edition, with the cities they covered (two queries).

    The edition's panel (`practices.Panelist`) gives the order and the group labels,
    and credits experts with no city; experts assigned without a seat on the panel
    follow, by name. Cities are in the order of their assignments (then by name).
    Unpublished editions credit nobody yet. Only the full name, the group label and
    city names leave this function: an expert without a name is not credited, since
    the username is often the e-mail address (invitations require a name).
    """
    if edition is None or not allows(edition, Action.VIEW_PUBLIC):
        return []
    seats = {
        seat.expert_id: seat
        for seat in Panelist.objects.filter(edition=edition).select_related("expert")
    }
    experts = {seat.expert: [] for seat in seats.values()}
    assignments = (
        Assignment.objects.filter(edition=edition)
        .select_related("expert", "city")
        .order_by("expert__last_name", "expert__first_name", "expert__username", "order")
    )
    for assignment in assignments:
        experts.setdefault(assignment.expert, []).append(assignment)
    unseated = max((seat.order for seat in seats.values()), default=0) + 1

    def position(user):
        seat = seats.get(user.pk)
        return (
            seat.order if seat else unseated,
            user.last_name,
            user.first_name,
            user.get_username(),
        )

    return [
        EditionExpert(
            name=user.get_full_name(),
            cities=tuple(
                a.city for a in sorted(assigned, key=lambda a: (a.order, str(a.city)))
            ),
            group=seats[user.pk].group if user.pk in seats else "",
        )
        for user, assigned in sorted(experts.items(), key=lambda item: position(item[0]))
        if has_visible_text(user.get_full_name())
    ]
