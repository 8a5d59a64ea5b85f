"""The organisers' "remind now" and "send the invitation again" (issue 29)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jury.models import Score
from practices.enums import Phase
from reports.enums import ReportStatus
from tests.factories import (
    AssignmentFactory,
    CityFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring():
    edition = EditionFactory(
        phase=Phase.JURY_SCORING, scoring_deadline=timezone.now() + timedelta(days=10)
    )
    criterion = CriterionFactory(edition=edition, code="a")
    nomination = NominationFactory(edition=edition)
    behind = JurorFactory(user=UserFactory(email="behind@example.org"), preferred_language="uk")
    done = JurorFactory(user=UserFactory(email="done@example.org"))
    for juror in (behind, done):
        juror.editions.add(edition)
    Score.objects.create(juror=done, nomination=nomination, criterion=criterion, value=4)
    return edition, behind, done


@pytest.fixture
def writing():
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS,
                             reports_deadline=timezone.now() + timedelta(days=5))
    late = AssignmentFactory(edition=edition, city=CityFactory(name_pl="Lublin"),
                             expert=UserFactory(email="late@example.org", first_name="Ola"))
    handed_in = AssignmentFactory(edition=edition, expert=UserFactory(email="ok@example.org"))
    ReportFactory(edition=edition, city=handed_in.city, status=ReportStatus.SUBMITTED)
    return edition, late.expert, handed_in.expert


def test_remind_a_late_juror_now_once_an_hour(client_for, organiser, scoring):
    edition, behind, _done = scoring
    url = reverse("cockpit:remind_juror", args=[edition.year, behind.pk])
    client = client_for(organiser)
    assert client.get(url).status_code == 405  # a GET never sends anything
    client.post(url)
    client.post(url)  # a double click
    assert [m.to for m in mail.outbox] == [["behind@example.org"]]
    assert "/uk/login/" in mail.outbox[0].body


def test_a_juror_who_finished_gets_nothing(client_for, organiser, scoring):
    edition, _behind, done = scoring
    response = client_for(organiser).post(
        reverse("cockpit:remind_juror", args=[edition.year, done.pk]), follow=True
    )
    assert mail.outbox == []
    assert "Nothing sent" in response.content.decode()


def test_remind_a_late_expert_names_the_cities(client_for, organiser, writing):
    edition, late, handed_in = writing
    client = client_for(organiser)
    client.post(reverse("cockpit:remind_expert", args=[edition.year, late.pk]))
    client.post(reverse("cockpit:remind_expert", args=[edition.year, handed_in.pk]))
    assert [m.to for m in mail.outbox] == [["late@example.org"]]
    assert "Lublin" in mail.outbox[0].body


def test_remind_all_late_people(client_for, organiser, writing):
    edition, _late, _handed_in = writing
    page = client_for(organiser).get(reverse("cockpit:edition", args=[edition.year]))
    assert reverse("cockpit:remind_late", args=[edition.year]) in page.content.decode()
    client_for(organiser).post(reverse("cockpit:remind_late", args=[edition.year]))
    assert [m.to for m in mail.outbox] == [["late@example.org"]]


def test_nobody_is_late_outside_their_phase(client_for, organiser, writing):
    edition, late, _handed_in = writing
    edition.phase = Phase.JURY_SCORING
    edition.save()
    client_for(organiser).post(reverse("cockpit:remind_expert", args=[edition.year, late.pk]))
    assert mail.outbox == []


def test_send_the_invitation_again_only_to_someone_who_never_came(
    client_for, organiser, scoring
):
    edition, behind, done = scoring
    behind.user.set_unusable_password()
    behind.user.first_name, behind.user.last_name = "Olena", "K"
    behind.user.save()
    client = client_for(organiser)
    page = client.get(reverse("cockpit:edition", args=[edition.year])).content.decode()
    assert reverse("cockpit:reinvite_juror", args=[edition.year, behind.pk]) in page
    assert reverse("cockpit:reinvite_juror", args=[edition.year, done.pk]) not in page
    client.post(reverse("cockpit:reinvite_juror", args=[edition.year, behind.pk]))
    response = client.post(
        reverse("cockpit:reinvite_juror", args=[edition.year, done.pk]), follow=True
    )
    assert [m.to for m in mail.outbox] == [["behind@example.org"]]
    assert "/uk/" in mail.outbox[0].body  # in her language
    assert "already accepted" in response.content.decode()


@pytest.mark.parametrize("name", ["remind_juror", "reinvite_juror"])
def test_only_organisers(client_for, scoring, name):
    edition, behind, _done = scoring
    response = client_for(behind.user).post(reverse(f"cockpit:{name}", args=[edition.year,
                                                                            behind.pk]))
    assert response.status_code in (302, 403)
    assert mail.outbox == []
