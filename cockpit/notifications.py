"""The cockpit's e-mails to jurors: scoring opened, and the deadline reminder
(`manage.py send_reminders`, hourly). Each is keyed, so it goes out once per
juror and edition however often the job runs."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jury.models import Juror, Nomination
from otwarte import invitations, mail
from practices.phases import Action, phases_allowing

REMINDER_DAYS = getattr(settings, "SCORING_REMINDER_DAYS", 3)


def _jurors_with_accounts(edition):
    return Juror.objects.filter(editions=edition, user__isnull=False).select_related("user")


def scoring_opened(*, edition, request=None):
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
                "login_url": invitations.login_url(
                    request=request, language=juror.preferred_language
                ),
            },
        )
        sent += message is not None
    return sent


def unscored_count(*, juror, edition):
    """Nominations of the edition the juror has neither scored nor declared a conflict on."""
    return (
        Nomination.objects.filter(edition=edition)
        .exclude(scores__juror=juror)
        .exclude(conflicts__juror=juror)
        .distinct()
        .count()
    )


def send_reminders(*, now=None, days=REMINDER_DAYS, base_url=""):
    """Remind jurors with unscored nominations once, `days` before the deadline.

    Safe to run as often as wished: a reminder is keyed by edition and juror."""
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
            login = base_url + invitations.login_url(language=juror.preferred_language)
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
