"""The cockpit's e-mails to jurors and experts: scoring opened (on `phase_changed`,
however the edition moved: cockpit, edition file, shell), the deadline reminder
(`manage.py send_reminders`, hourly), and the organisers' "remind now". Each is keyed, so it goes out once per
juror and edition however often the job runs. Links are absolute with the
SITE_URL setting (no request is at hand after a move or in a job)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jury.models import Juror, Nomination
from jury.permissions import scoring_open
from otwarte import invitations, mail
from practices.models import Assignment
from practices.phases import Action, allows, phases_allowing
from practices.signals import describe_effect
from reports.enums import EDITABLE_STATUSES
from reports.models import Report

REMINDER_DAYS = getattr(settings, "SCORING_REMINDER_DAYS", 3)


def _login_url(language, base_url=None):
    base = (getattr(settings, "SITE_URL", "") if base_url is None else base_url).rstrip("/")
    return base + invitations.login_url(language=language)


def _jurors_with_accounts(edition):
    return Juror.objects.filter(editions=edition, user__isnull=False).select_related("user")


def scoring_opened(*, edition):
    """Tell every juror of the edition with an account that scoring is open."""
    sent = 0
    for juror in _jurors_with_accounts(edition):
        message = mail.send(
            kind="scoring_opened",
            to=juror.user.email,
            user=juror.user,
            language=juror.preferred_language,
            key=f"scoring_opened:{edition.pk}:{juror.pk}",
            context={
                "edition": edition,
                "login_url": _login_url(juror.preferred_language),
            },
        )
        sent += message is not None
    return sent


def on_phase_changed(sender, edition, old, new, **kwargs):
    """A receiver of practices.signals.phase_changed (connected in apps.py): a move
    that opens scoring, before its deadline, tells the jurors."""
    if allows(new, Action.SCORE) and not allows(old, Action.SCORE) and scoring_open(edition):
        scoring_opened(edition=edition)


describe_effect(
    action=Action.SCORE,
    text=_("Each juror of %(year)s with an account is told by e-mail that scoring is open "
           "(once per edition)."),
)


def unscored_count(*, juror, edition):
    """Nominations of the edition the juror has neither scored nor declared a conflict on."""
    return (
        Nomination.objects.filter(edition=edition)
        .exclude(scores__juror=juror)
        .exclude(conflicts__juror=juror)
        .distinct()
        .count()
    )


def send_reminders(*, now=None, days=REMINDER_DAYS, base_url=None):
    """Remind jurors with unscored nominations once, `days` before the deadline.

    Safe to run as often as wished: a reminder is keyed by edition and juror.
    `base_url` (default: the SITE_URL setting) makes the login link absolute."""
    from practices.models import Edition

    now = now or timezone.now()
    sent = 0
    editions = Edition.objects.filter(
        phase__in=phases_allowing(Action.SCORE),
        scoring_deadline__gt=now,
        scoring_deadline__lte=now + timedelta(days=days),
    )
    for edition in editions:
        for juror in _jurors_with_accounts(edition):
            sent += _remind_juror(
                edition=edition, juror=juror, key=f"scoring_reminder:{edition.pk}:{juror.pk}",
                base_url=base_url,
            )
    return sent


def _remind_juror(*, edition, juror, key, base_url=None):
    """One scoring reminder (1) or nothing (0: all scored, no account, sent already)."""
    unscored = unscored_count(juror=juror, edition=edition)
    if not unscored or juror.user is None:
        return 0
    message = mail.send(
        kind="scoring_reminder",
        to=juror.user.email,
        user=juror.user,
        language=juror.preferred_language,
        key=key,
        context={"edition": edition, "unscored": unscored,
                 "login_url": _login_url(juror.preferred_language, base_url)},
    )
    return int(message is not None)


def _manual_key(kind, edition, person_pk, now):
    # "Remind now" sends at most once an hour per person: a double click, or two
    # organisers at once, never floods anybody's inbox.
    return f"{kind}:{edition.pk}:{person_pk}:now:{timezone.localtime(now):%Y%m%d%H}"


def late_jurors(edition):
    """Jurors with an account and something left to score, while scoring is open."""
    if not scoring_open(edition):
        return []
    return [juror for juror in _jurors_with_accounts(edition)
            if unscored_count(juror=juror, edition=edition)]


def late_experts(edition):
    """Experts with a report of the edition not yet handed in, while reports are written."""
    if not allows(edition, Action.WRITE_REPORT):
        return []
    handed_in = set(
        Report.objects.filter(edition=edition)
        .exclude(status__in=EDITABLE_STATUSES)
        .values_list("city_id", flat=True)
    )
    late = {}
    for assignment in Assignment.objects.filter(edition=edition).select_related("expert", "city"):
        if assignment.city_id not in handed_in and assignment.expert.email:
            late.setdefault(assignment.expert, []).append(assignment.city)
    return sorted(late.items(), key=lambda item: item[0].pk)


def remind_juror_now(*, edition, juror, base_url=None, now=None):
    """The organisers' "remind now": 1 when a reminder was queued, else 0."""
    key = _manual_key("scoring_reminder", edition, juror.pk, now or timezone.now())
    return _remind_juror(edition=edition, juror=juror, key=key, base_url=base_url)


def remind_expert_now(*, edition, expert, cities, base_url=None, now=None):
    language = mail.language_of(expert)
    message = mail.send(
        kind="report_reminder",
        to=expert.email,
        user=expert,
        language=language,
        key=_manual_key("report_reminder", edition, expert.pk, now or timezone.now()),
        context={"edition": edition, "cities": cities,
                 "login_url": _login_url(language, base_url)},
    )
    return int(message is not None)


def remind_all_late(*, edition, base_url=None, now=None):
    """Every late juror and expert of the edition, once each (this hour)."""
    now = now or timezone.now()
    sent = sum(remind_juror_now(edition=edition, juror=juror, base_url=base_url, now=now)
               for juror in late_jurors(edition))
    sent += sum(remind_expert_now(edition=edition, expert=expert, cities=cities,
                                  base_url=base_url, now=now)
                for expert, cities in late_experts(edition))
    return sent
