"""The cockpit's page for the cities' check of their award texts."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cockpit import readiness
from jury.enums import CheckAnswer, CorrectionDecision
from jury.models import CityCheck
from jury.services import city_checks
from otwarte.models import SentMessage
from practices.enums import Phase

pytestmark = pytest.mark.django_db


def _send_form(world, city, **extra):
    deadline = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    prefix = f"city-{city.pk}"
    return {f"{prefix}-city": city.pk, f"{prefix}-contact_name": "Anna Nowak",
            f"{prefix}-contact_email": "anna@lublin.example", f"{prefix}-deadline": deadline,
            **{f"{prefix}-{k}": v for k, v in extra.items()}}


def test_page_lists_awarded_cities(client_for, organiser, check_world):
    response = client_for(organiser).get(
        reverse("cockpit:city_checks", args=[check_world.edition.year])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-city="lublin-c"' in body and 'data-city="gdansk-c"' in body


def test_sending_mails_a_personal_link_in_polish(client_for, organiser, check_world):
    year, city = check_world.edition.year, check_world.lublin
    response = client_for(organiser).post(
        reverse("cockpit:city_check_send", args=[year, city.pk]), _send_form(check_world, city)
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["anna@lublin.example"]
    link = re.search(r"http://testserver(/pl/city-check/[^/\s]+/)", message.body).group(1)
    assert "Punkt informacyjny" in message.body
    record = SentMessage.objects.get(kind="city_check")
    assert record.language == "pl"
    check = CityCheck.objects.get()
    assert check.sent_by == organiser
    assert client_for(None).get(link).status_code == 200


def test_sending_with_bad_input_says_why(client_for, organiser, check_world):
    year, city = check_world.edition.year, check_world.lublin
    client = client_for(organiser)
    for bad in [{"contact_email": "not-an-address"}, {"deadline": "2000-01-01T10:00"},
                {"deadline": "yesterday"}]:
        response = client.post(
            reverse("cockpit:city_check_send", args=[year, city.pk]),
            _send_form(check_world, city, **bad),
        )
        assert response.status_code == 302
    assert CityCheck.objects.count() == 0 and mail.outbox == []


def test_sending_outside_deliberation_is_refused(client_for, organiser, check_world):
    check_world.edition.phase = Phase.PUBLISHED
    check_world.edition.save()
    year, city = check_world.edition.year, check_world.lublin
    client_for(organiser).post(
        reverse("cockpit:city_check_send", args=[year, city.pk]), _send_form(check_world, city)
    )
    assert CityCheck.objects.count() == 0


def test_only_organisers_may_send(client_for, juror_a, expert_lublin, check_world):
    year, city = check_world.edition.year, check_world.lublin
    for user in (None, juror_a, expert_lublin):
        client_for(user).post(
            reverse("cockpit:city_check_send", args=[year, city.pk]),
            _send_form(check_world, city),
        )
    assert CityCheck.objects.count() == 0


def test_revoking_stops_the_link(client_for, organiser, check_world):
    check, token = city_checks.send_city_check(
        edition=check_world.edition, city=check_world.lublin, contact_name="A",
        contact_email="a@x.pl", deadline=timezone.now() + timedelta(days=1),
    )
    client_for(organiser).post(
        reverse("cockpit:city_check_revoke", args=[check_world.edition.year, check.pk])
    )
    assert client_for(None).get(f"/pl/city-check/{token}/").status_code == 410


def test_corrections_are_shown_beside_the_draft_and_decided(client_for, organiser, check_world):
    check, _token = city_checks.send_city_check(
        edition=check_world.edition, city=check_world.lublin, contact_name="A",
        contact_email="a@x.pl", deadline=timezone.now() + timedelta(days=1),
    )
    (answer,) = city_checks.answer_city_check(
        check=check,
        answers={check_world.award: (CheckAnswer.CORRECTION, "", "", "Nowa rekomendacja.",
                                     "Poprawka.")},
    )
    client = client_for(organiser)
    url = reverse("cockpit:city_checks", args=[check_world.edition.year])
    body = client.get(url).content.decode()
    assert "Rekomendacja lubelska." in body and "Nowa rekomendacja." in body
    decide = reverse("cockpit:city_check_decide", args=[check_world.edition.year, answer.pk])
    assert client.post(decide, {"decision": "sideways"}).status_code == 302
    answer.refresh_from_db()
    assert answer.decision == CorrectionDecision.PENDING
    client.post(decide, {"decision": "accept"})
    check_world.award.refresh_from_db()
    assert check_world.award.recommendation_pl == "Nowa rekomendacja."
    history = check_world.award.history.first()
    assert history.history_user == organiser


def test_readiness_shows_which_cities_answered(check_world):
    check = readiness.cities_answered(check_world.edition)
    assert not check.done and "Gdańsk" in check.detail and "Lublin" in check.detail
    for city in (check_world.lublin, check_world.gdansk):
        sent, _token = city_checks.send_city_check(
            edition=check_world.edition, city=city, contact_name="A", contact_email="a@x.pl",
            deadline=timezone.now() + timedelta(days=1),
        )
        award = check_world.award if city == check_world.lublin else check_world.other
        city_checks.answer_city_check(
            check=sent, answers={award: (CheckAnswer.CONFIRMED, "", "", "", "")}
        )
        if city == check_world.lublin:
            check = readiness.cities_answered(check_world.edition)
            assert not check.done and "Answered: Lublin." in check.detail
            assert "Waiting for" not in check.detail
    assert readiness.cities_answered(check_world.edition).done
    codes = [c.code for c in readiness.checklist(check_world.edition, Phase.PUBLISHED)]
    assert "city_checks" in codes


def _links_in(text):
    return re.findall(r"/pl/city-check/[^/\s]+/", text)


def test_no_stored_copy_of_the_email_holds_a_working_link(client_for, organiser, check_world):
    year, city = check_world.edition.year, check_world.lublin
    client_for(organiser).post(
        reverse("cockpit:city_check_send", args=[year, city.pk]), _send_form(check_world, city)
    )
    (message,) = mail.outbox
    record = SentMessage.objects.get(kind="city_check")
    assert "[link usunięty po wysłaniu]" in record.body
    assert _links_in(record.body) == []
    assert _links_in(message.body) != []
    anonymous = client_for(None)
    assert [anonymous.get(link).status_code for link in _links_in(message.body)] == [200]


def test_queued_email_stores_no_token_and_the_link_is_made_when_sent(
    client_for, organiser, check_world, settings
):
    from otwarte import mail as otwarte_mail
    from otwarte.enums import MessageStatus

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    year, city = check_world.edition.year, check_world.lublin
    client_for(organiser).post(
        reverse("cockpit:city_check_send", args=[year, city.pk]), _send_form(check_world, city)
    )
    record = SentMessage.objects.get(kind="city_check")
    assert record.status == MessageStatus.QUEUED
    assert _links_in(record.body) == [f"/pl/city-check/{otwarte_mail.SECRET}/"]
    assert client_for(None).get(_links_in(record.body)[0]).status_code == 404
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert otwarte_mail.deliver(message_id=record.pk) == MessageStatus.SENT
    (message,) = mail.outbox
    assert [client_for(None).get(link).status_code for link in _links_in(message.body)] == [200]


def test_a_link_revoked_before_its_email_goes_out_is_never_sent(
    client_for, organiser, check_world, settings
):
    from otwarte import mail as otwarte_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    year, city = check_world.edition.year, check_world.lublin
    client_for(organiser).post(
        reverse("cockpit:city_check_send", args=[year, city.pk]), _send_form(check_world, city)
    )
    city_checks.revoke_city_check(check=CityCheck.objects.get(), by=organiser)
    record = SentMessage.objects.get(kind="city_check")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    otwarte_mail.deliver(message_id=record.pk)
    record.refresh_from_db()
    assert mail.outbox == []
    assert record.last_error.startswith("CheckClosed")
