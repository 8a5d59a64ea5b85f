"""E-mail about open-call proposals (issue 15): organisers and the proposer."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from otwarte.models import SentMessage
from practices import notifications
from practices.models import PracticeProposal
from tests.factories import PracticeProposalFactory

pytestmark = pytest.mark.django_db


def propose(client, language="pl", **overrides):
    with translation.override(language):
        url = reverse("public:propose")
    data = {
        "city": "", "city_name": "Olsztyn", "title": "Punkt informacyjny",
        "description": "Miasto prowadzi punkt dla cudzoziemców.", "category": "",
        "proposer": "Urząd Miasta Olsztyna", "contact_email": "urzad@example.org", "website": "",
    }
    data.update(overrides)
    return client.post(url, data)


@pytest.fixture
def organiser_with_email(organiser):
    organiser.email = "organiser@example.org"
    organiser.save()
    return organiser


def test_proposal_notifies_organisers_and_confirms_to_the_proposer(
    client, organiser_with_email, expert_lublin
):
    expert_lublin.email = "expert@example.org"
    expert_lublin.save()
    assert propose(client).status_code == 302
    proposal = PracticeProposal.objects.get()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["organiser@example.org", "urzad@example.org"]
    to_organiser = by_address["organiser@example.org"]
    assert "Punkt informacyjny" in to_organiser.subject
    assert "Olsztyn" in to_organiser.body and "urzad@example.org" in to_organiser.body
    moderate = reverse("admin:practices_practiceproposal_change", args=[proposal.pk])
    assert "http://testserver" + moderate.replace("/en/", "/pl/") in to_organiser.body
    confirmation = by_address["urzad@example.org"]
    assert confirmation.subject == "Miasta Otwarte: otrzymaliśmy Twoją propozycję"
    assert str(proposal.pk) in confirmation.body
    assert SentMessage.objects.filter(kind="proposal_confirmation", language="pl").count() == 1


def test_confirmation_follows_the_language_of_the_page(client, db):
    propose(client, language="en")
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Miasta Otwarte: we received your proposal"


def test_each_message_is_sent_once_per_proposal(organiser_with_email):
    proposal = PracticeProposalFactory()
    assert notifications.proposal_received(proposal=proposal) == 2
    assert notifications.proposal_received(proposal=proposal) == 0
    assert len(mail.outbox) == 2


def test_inactive_organisers_and_those_without_email_are_skipped(organiser):
    organiser.email = ""
    organiser.save()
    assert list(notifications.organisers_to_notify()) == []
    organiser.email, organiser.is_active = "o@example.org", False
    organiser.save()
    assert list(notifications.organisers_to_notify()) == []


def test_a_failing_mail_server_keeps_the_proposal_and_thanks(client, organiser_with_email):
    with mock.patch("otwarte.mail.send_mail", side_effect=smtplib.SMTPException("down")):
        response = propose(client)
    assert response.status_code == 302
    assert response["Location"] == "/pl/propose/thanks/"
    assert PracticeProposal.objects.count() == 1
    # Recorded as failed, for the organisers to send again from the cockpit.
    assert set(SentMessage.objects.values_list("status", flat=True)) == {"failed"}


# Issue 26: anyone may give any address, so the confirmation is no relay for their text.

PAYLOAD = "Buy cheap pills at http://spam.example"


def test_the_confirmation_carries_nothing_the_proposer_wrote(client, db):
    propose(client, title=PAYLOAD, proposer=PAYLOAD, city_name="Spamtown " + PAYLOAD,
            description=PAYLOAD)
    (confirmation,) = mail.outbox
    assert "spam.example" not in confirmation.subject + confirmation.body
    assert "Spamtown" not in confirmation.body
    assert str(PracticeProposal.objects.get().pk) in confirmation.body


def test_one_address_gets_few_confirmations(client, db):
    for _i in range(notifications.CONFIRMATIONS_PER_ADDRESS + 2):
        propose(client)
    assert PracticeProposal.objects.count() == notifications.CONFIRMATIONS_PER_ADDRESS + 2
    assert len(mail.outbox) == notifications.CONFIRMATIONS_PER_ADDRESS


def test_spam_sends_nothing(client, organiser_with_email):
    propose(client, website="http://spam.example")
    assert mail.outbox == []
