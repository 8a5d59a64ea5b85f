"""E-mail to the people of the cycle, in each recipient's language, recorded.

Every notification is two templates, `notifications/<kind>_subject.txt` and
`notifications/<kind>.txt`, rendered with the recipient's language active
(their strings are in the four catalogues), sent with Django's mail and kept
as an `otwarte.SentMessage` that organisers read in the admin.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import SentMessage


def language_of(user, default=None):
    """The language to write to a user in: a juror's preferred one, else the site's."""
    juror = getattr(user, "juror", None) if user is not None else None
    language = getattr(juror, "preferred_language", "") or default or settings.LANGUAGE_CODE
    return language


def already_sent(key):
    return bool(key) and SentMessage.objects.filter(key=key).exists()


def send(*, kind, to, context, language=None, user=None, key=""):
    """Send the `kind` message to the address `to`; returns the SentMessage, or None
    when a message with the same `key` was sent before (so a job may run twice).

    The record and the sending share a transaction: a failed send records nothing,
    and two runs racing for one key send once (the unique key decides)."""
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
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except IntegrityError:
        return None
    return message
