"""Reminders before the scoring deadline: once per juror, however often the job runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jury.models import Score
from otwarte.models import SentMessage
from practices.enums import Phase
from tests.factories import (
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closing():
    edition = EditionFactory(
        phase=Phase.JURY_SCORING, scoring_deadline=timezone.now() + timedelta(days=2)
    )
    criterion = CriterionFactory(edition=edition, code="a")
    nomination = NominationFactory(edition=edition)
    behind = JurorFactory(user=UserFactory(email="behind@example.org"), preferred_language="ru")
    done = JurorFactory(user=UserFactory(email="done@example.org"))
    for juror in (behind, done):
        juror.editions.add(edition)
    Score.objects.create(juror=done, nomination=nomination, criterion=criterion, value=4)
    return edition


def test_send_reminders_twice_sends_each_reminder_once(closing):
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert [m.to for m in mail.outbox] == [["behind@example.org"]]
    assert SentMessage.objects.filter(kind="scoring_reminder").count() == 1
    assert "/ru/login/" in mail.outbox[0].body


def test_no_reminder_long_before_the_deadline(closing):
    closing.scoring_deadline = timezone.now() + timedelta(days=20)
    closing.save()
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []


def test_organisers_see_sent_messages_in_the_admin(closing, client_for, organiser):
    from django.urls import reverse

    call_command("send_reminders", verbosity=0)
    page = client_for(organiser).get(reverse("admin:otwarte_sentmessage_changelist"))
    assert "behind@example.org" in page.content.decode()
