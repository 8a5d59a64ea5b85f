"""E-mail about the open call: organisers hear of each proposal, the proposer
gets a confirmation (otwarte.mail: templates in four languages, recorded)."""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from otwarte import mail
from otwarte.roles import Role

log = logging.getLogger(__name__)


def organisers_to_notify():
    """Active organisers (superusers included) with an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=Role.ORGANISER) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _send(**kwargs):
    # The proposal is stored already: a mail server down must not turn the
    # proposer's thank-you page into an error. The SentMessage is not recorded.
    try:
        return mail.send(**kwargs)
    except (smtplib.SMTPException, OSError):
        log.exception("open call: the %s message to %s was not sent", kwargs["kind"], kwargs["to"])
        return None


def proposal_received(*, proposal, language=None, request=None):
    """Tell every organiser about a new proposal (with the link to moderate it),
    and confirm it to the proposer in the language they used. Each message is
    sent once per proposal. Returns the number of messages sent."""
    sent = 0
    for organiser in organisers_to_notify():
        organiser_language = mail.language_of(organiser)
        with translation.override(organiser_language):
            path = reverse("admin:practices_practiceproposal_change", args=[proposal.pk])
        sent += _send(
            kind="proposal_received",
            to=organiser.email,
            user=organiser,
            language=organiser_language,
            key=f"proposal-received:{proposal.pk}:{organiser.pk}",
            context={
                "proposal": proposal,
                "moderate_url": request.build_absolute_uri(path) if request else path,
            },
        ) is not None
    if proposal.contact_email:
        sent += _send(
            kind="proposal_confirmation",
            to=proposal.contact_email,
            language=language or translation.get_language(),
            key=f"proposal-confirmation:{proposal.pk}",
            context={"proposal": proposal},
        ) is not None
    return sent
