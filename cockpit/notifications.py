"""The cockpit's e-mails to jurors: scoring opened (on `phase_changed`, however
the edition moved: cockpit, edition file, shell), and the deadline reminder
(`manage.py send_reminders`, hourly). Each is keyed, so it goes out once per
juror and edition however often the job runs. Links are absolute with the
SITE_URL setting (no request is at hand after a move or in a job)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jury.models import Juror, Nomination
from jury.permissions import scoring_open
from otwarte import invitations, mail
from practices.phases import Action, allows, phases_allowing
from practices.signals import describe_effect

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
            unscored = unscored_count(juror=juror, edition=edition)
            if not unscored:
                continue
            login = _login_url(juror.preferred_language, base_url)
            message = mail.send(
                kind="scoring_reminder",
                to=juror.user.email,
                user=juror.user,
                language=juror.preferred_language,
                key=f"scoring_reminder:{edition.pk}:{juror.pk}",
                context={"edition": edition, "unscored": unscored, "login_url": login},
            )
            sent += message is not None
    return sent
