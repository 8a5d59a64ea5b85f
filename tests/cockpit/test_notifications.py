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
    # By its name, never the stored code.
    assert "scoring reminder" in page.content.decode()
    assert ">scoring_reminder<" not in page.content.decode()
    filtered = client_for(organiser).get(
        reverse("admin:otwarte_sentmessage_changelist"), {"kind": "invitation"}
    )
    assert "behind@example.org" not in filtered.content.decode()


def test_every_e_mail_kind_has_a_name():
    from pathlib import Path

    from django.conf import settings

    from otwarte.enums import MessageKind

    folder = Path(settings.BASE_DIR) / "templates" / "notifications"
    kinds = {path.name.removesuffix("_subject.txt") for path in folder.glob("*_subject.txt")}
    assert kinds == set(MessageKind.values)


def test_links_in_e_mails_sent_without_a_request_use_site_url(closing, settings):
    settings.SITE_URL = "https://otwarte.example.org"
    call_command("send_reminders", verbosity=0)
    assert "https://otwarte.example.org/ru/login/" in mail.outbox[0].body


def test_scoring_opened_links_to_the_site(settings, django_capture_on_commit_callbacks):
    from practices.services import change_phase

    settings.SITE_URL = "https://otwarte.example.org/"
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    juror = JurorFactory(user=UserFactory(email="olena@example.org"), preferred_language="uk")
    juror.editions.add(edition)
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=edition, phase=Phase.JURY_SCORING)
    assert "https://otwarte.example.org/uk/login/" in mail.outbox[0].body


def test_reopening_scoring_after_its_deadline_tells_nobody(django_capture_on_commit_callbacks):
    from practices.services import change_phase

    edition = EditionFactory(
        phase=Phase.DELIBERATION, scoring_deadline=timezone.now() - timedelta(days=1)
    )
    JurorFactory(user=UserFactory(email="olena@example.org")).editions.add(edition)
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=edition, phase=Phase.JURY_SCORING)
    assert mail.outbox == []
