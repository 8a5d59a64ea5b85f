"""E-mail to the people of the cycle, in each recipient's language, recorded.

Every notification is two templates, `notifications/<kind>_subject.txt` and
`notifications/<kind>.txt`, rendered with the recipient's language active
(their strings are in the four catalogues) and kept as an `otwarte.SentMessage`
that organisers read in the admin.

`send()` only records the message (status *queued*); a task (`otwarte.tasks`,
Django's tasks framework, enqueued when the caller's transaction commits) talks
to the mail server, MAIL_ATTEMPTS times at most, and records the outcome.
Failures are listed in the cockpit (`cockpit/mail_views.py`), where organisers
queue them again.

No stored copy holds a usable link: the body holds SECRET where the link's
token goes, and the task makes the token when it sends, by the maker registered
for the message's kind (`register_secret`), else a set-password token for the
message's account. Once sent, the stored body shows "[link removed after
sending]". Makers find their object through the message's `key` (an app
registers its makers in its AppConfig.ready(), so `otwarte` imports no app).
A kind registered with `private=True` (a survey respondent's address) also
loses its recipient once sent or finally failed.
"""

import re
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .enums import MessageStatus
from .models import SentMessage

MAIL_ATTEMPTS = getattr(settings, "MAIL_ATTEMPTS", 3)
# A retry waits this many seconds times the attempts so far (when the backend can defer).
MAIL_RETRY_SECONDS = getattr(settings, "MAIL_RETRY_SECONDS", 300)
# A message queued longer than this was never picked up (no worker, a lost task).
MAIL_STUCK_AFTER = timedelta(minutes=30)

# Stands for a link's token in a stored body (a valid URL path segment).
SECRET = "one-time-token"
PASSWORD_TOKEN = SECRET  # the set-password link's name for it (otwarte/invitations.py)
_TOKEN_LINK = re.compile(rf"\S*{re.escape(SECRET)}\S*")


class SecretMaker:
    def __init__(self, make, private):
        self.make, self.private = make, private


# kind -> SecretMaker; filled by the apps' AppConfig.ready().
_SECRET_MAKERS = {}


def register_secret(*, kind, make, private=False):
    """Make the token of `kind` messages when they are sent: `make(message)` returns
    the token that replaces SECRET (or raises: the attempt fails, visibly, and is
    retried). `private`: the recipient's address is erased once the message is
    sent or has failed for good (nothing of a respondent stays)."""
    _SECRET_MAKERS[kind] = SecretMaker(make, private)


def _password_token(message):
    # Made now, for the account as it is now: a password set meanwhile voids it.
    return default_token_generator.make_token(message.user)


def language_of(user, default=None):
    """The language to write to a user in: a juror's preferred one, else the site's."""
    juror = getattr(user, "juror", None) if user is not None else None
    language = getattr(juror, "preferred_language", "") or default or settings.LANGUAGE_CODE
    return language


def already_sent(key):
    return bool(key) and SentMessage.objects.filter(key=key).exists()


def after_commit(callback):
    """Run `callback` once the current transaction commits (at once outside one).

    A message of a rolled-back transaction is never sent. The test suite runs every
    test in a transaction that never commits, so tests/conftest.py replaces this
    with an immediate call (tests/otwarte/test_mail.py checks the real one)."""
    transaction.on_commit(callback, robust=True)


def send(*, kind, to, context, language=None, user=None, key=""):
    """Queue the `kind` message to the address `to`; returns the SentMessage, or None
    when a message with the same `key` was recorded before (so a job may run twice).

    The message goes out after the caller's transaction commits; two runs racing
    for one key record (and send) it once: the unique key decides."""
    if not to or already_sent(key):
        return None
    language = language or language_of(user)
    with translation.override(language):
        context = {**context, "recipient": user, "language": language}
        subject = " ".join(render_to_string(f"notifications/{kind}_subject.txt", context).split())
        body = render_to_string(f"notifications/{kind}.txt", context)
    try:
        with transaction.atomic():
            message = SentMessage.objects.create(
                kind=kind, key=key, recipient=to, user=user, language=language,
                subject=subject[:300], body=body,
            )
    except IntegrityError:
        return None
    after_commit(partial(_enqueue, message.pk))
    return message


def _enqueue(message_id, *, attempts=0):
    from .tasks import deliver_message

    task = deliver_message
    if attempts and task.get_backend().supports_defer:
        delay = timedelta(seconds=MAIL_RETRY_SECONDS * attempts)
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(message_id)


def _outgoing_body(message):
    if SECRET not in message.body:
        return message.body
    maker = _SECRET_MAKERS.get(message.kind)
    if maker is None and message.user is None:
        return message.body
    make = maker.make if maker is not None else _password_token
    return message.body.replace(SECRET, make(message))


def _private(message):
    maker = _SECRET_MAKERS.get(message.kind)
    return maker is not None and maker.private


def _redacted_body(message):
    with translation.override(message.language or settings.LANGUAGE_CODE):
        return _TOKEN_LINK.sub(gettext("[link removed after sending]"), message.body)


def deliver(*, message_id):
    """Send one queued message (the task's work); a failure is recorded and
    retried until MAIL_ATTEMPTS, then the message is *failed*. Returns its status."""
    with transaction.atomic():
        message = (
            SentMessage.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=message_id, status=MessageStatus.QUEUED)
            .first()
        )
        if message is None:  # sent meanwhile, or queued again and picked up by another run
            return None
        message.attempts += 1
        try:
            send_mail(
                message.subject, _outgoing_body(message), settings.DEFAULT_FROM_EMAIL,
                [message.recipient],
            )
        except Exception as error:  # noqa: BLE001 - any failure is the organisers' to see
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            retry = message.attempts < MAIL_ATTEMPTS
            message.status = MessageStatus.QUEUED if retry else MessageStatus.FAILED
            if not retry and _private(message):
                message.recipient = ""
            message.save(update_fields=["attempts", "last_error", "status", "recipient"])
        else:
            retry = False
            message.status = MessageStatus.SENT
            message.delivered_at = timezone.now()
            message.body = _redacted_body(message)
            if _private(message):
                message.recipient = ""
            message.save(
                update_fields=["attempts", "status", "delivered_at", "body", "recipient"]
            )
    if retry:
        after_commit(partial(_enqueue, message.pk, attempts=message.attempts))
    return message.status


def needing_attention():
    """Messages organisers should look at: failed, or queued for too long."""
    stuck = timezone.now() - MAIL_STUCK_AFTER
    return SentMessage.objects.filter(
        Q(status=MessageStatus.FAILED) | Q(status=MessageStatus.QUEUED, sent_at__lt=stuck)
    )


def retry(*, message):
    """Queue a failed (or stuck) message again, with a fresh set of attempts."""
    with transaction.atomic():
        # A private message that failed for good has no address left to send to.
        updated = needing_attention().filter(pk=message.pk).exclude(recipient="").update(
            status=MessageStatus.QUEUED, attempts=0, sent_at=timezone.now()
        )
    if updated:
        after_commit(partial(_enqueue, message.pk))
    return bool(updated)
