"""E-mail about the open call: organisers hear of each proposal, the proposer
gets a confirmation (otwarte.mail: templates in four languages, recorded)."""

import hashlib

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from otwarte import mail, ratelimit
from otwarte.roles import Role

# Anyone may give any address in the open call: the confirmation carries none of the
# proposer's words, and one address gets at most this many a day.
CONFIRMATIONS_PER_ADDRESS = 3
CONFIRMATION_WINDOW = 24 * 3600


def _confirmation_limited(address):
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()[:32]
    return ratelimit.hit(
        f"open-call-confirmation:{digest}", limit=CONFIRMATIONS_PER_ADDRESS,
        window=CONFIRMATION_WINDOW,
    )


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


def mail_organisers(*, kind, key, admin_url, context, request=None):
    """Queue the `kind` message once (`key` + the organiser) to every organiser, in their
    language, with `admin_url` (a URL name and args of the admin page to act on) as
    `link` in the context. Returns the number of messages queued."""
    name, args = admin_url
    sent = 0
    for organiser in organisers_to_notify():
        organiser_language = mail.language_of(organiser)
        with translation.override(organiser_language):
            path = reverse(name, args=args)
        sent += mail.send(
            kind=kind,
            to=organiser.email,
            user=organiser,
            language=organiser_language,
            key=f"{key}:{organiser.pk}",
            context={**context, "link": request.build_absolute_uri(path) if request else path},
        ) is not None
    return sent


def proposal_received(*, proposal, language=None, request=None):
    """Tell every organiser about a new proposal (with the link to moderate it),
    and confirm it to the proposer in the language they used. Each message is
    sent once per proposal. Returns the number of messages queued (the worker
    sends them after the commit, so a mail server down never fails the page)."""
    sent = mail_organisers(
        kind="proposal_received", key=f"proposal-received:{proposal.pk}",
        admin_url=("admin:practices_practiceproposal_change", [proposal.pk]),
        context={"proposal": proposal}, request=request,
    )
    if proposal.contact_email and not _confirmation_limited(proposal.contact_email):
        sent += mail.send(
            kind="proposal_confirmation",
            to=proposal.contact_email,
            language=language or translation.get_language(),
            key=f"proposal-confirmation:{proposal.pk}",
            context={"proposal": proposal},
        ) is not None
    return sent
