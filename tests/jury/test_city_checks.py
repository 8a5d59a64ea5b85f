"""The cities' check of their award texts (jury.services.city_checks)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jury.enums import CheckAnswer, CorrectionDecision
from jury.models import CityCheck, CityCheckAnswer
from jury.services import city_checks
from jury.services.city_checks import LinkRefused
from practices.enums import Phase
from practices.phases import PhaseError
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(check_world):
    return check_world


def _send(world, city=None, days=7, **kw):
    return city_checks.send_city_check(
        edition=world.edition, city=city or world.lublin, contact_name="Anna Nowak",
        contact_email="anna@lublin.example", deadline=timezone.now() + timedelta(days=days),
        **kw,
    )


def _correction(title="", description="", recommendation="", comment=""):
    return (CheckAnswer.CORRECTION, title, description, recommendation, comment)


def test_the_token_is_not_stored(world):
    check, token = _send(world)
    assert len(token) >= 40
    assert token not in check.token_hash
    assert city_checks.check_for_token(token) == check


def test_link_shows_only_its_own_citys_drafts(world):
    check, token = _send(world)
    _send(world, city=world.gdansk)
    drafts = city_checks.drafts(check=city_checks.check_for_token(token))
    assert [d.award for d in drafts] == [world.award]


def test_answering_for_another_citys_award_is_refused(world):
    check, _token = _send(world)
    with pytest.raises(ValidationError):
        city_checks.answer_city_check(check=check, answers={world.other: _correction("X")})
    assert CityCheckAnswer.objects.count() == 0


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 500])
def test_a_tampered_or_unknown_token_is_invalid(world, token):
    _send(world)
    with pytest.raises(LinkRefused) as refused:
        city_checks.check_for_token(token)
    assert refused.value.reason == "invalid"


def test_a_changed_character_makes_the_token_invalid(world):
    _check, token = _send(world)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(LinkRefused) as refused:
        city_checks.check_for_token(tampered)
    assert refused.value.reason == "invalid"


def test_an_expired_link_is_refused(world):
    check, token = _send(world)
    with pytest.raises(LinkRefused) as refused:
        city_checks.check_for_token(token, now=check.deadline + timedelta(seconds=1))
    assert refused.value.reason == "expired"
    with pytest.raises(LinkRefused):
        city_checks.answer_city_check(
            check=check, answers={world.award: _correction("X")},
            now=check.deadline + timedelta(seconds=1),
        )


def test_a_revoked_link_is_refused(world):
    check, token = _send(world)
    city_checks.revoke_city_check(check=check)
    with pytest.raises(LinkRefused) as refused:
        city_checks.check_for_token(token)
    assert refused.value.reason == "revoked"


def test_a_new_link_revokes_the_old_one(world):
    _first, old = _send(world)
    _second, new = _send(world)
    with pytest.raises(LinkRefused):
        city_checks.check_for_token(old)
    assert city_checks.check_for_token(new)
    assert CityCheck.objects.open().count() == 1


def test_leaving_deliberation_closes_the_link(world):
    _check, token = _send(world)
    world.edition.phase = Phase.PUBLISHED
    world.edition.save()
    with pytest.raises(LinkRefused) as refused:
        city_checks.check_for_token(token)
    assert refused.value.reason == "closed"


@pytest.mark.parametrize("phase", [p for p in Phase if p != Phase.DELIBERATION])
def test_sending_outside_deliberation_is_refused(world, phase):
    world.edition.phase = phase
    world.edition.save()
    with pytest.raises(PhaseError):
        _send(world)


def test_sending_needs_a_future_deadline_and_an_awarded_city(world):
    with pytest.raises(ValidationError):
        _send(world, days=-1)
    with pytest.raises(ValidationError):
        _send(world, city=CityFactory())


def test_one_open_check_per_city_is_a_constraint(world):
    check, _token = _send(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        CityCheck.objects.create(
            edition=world.edition, city=world.lublin, contact_name="B", contact_email="b@x.pl",
            deadline=check.deadline, token_hash="0" * 64,
        )


def test_a_decision_needs_a_correction_is_a_constraint(world):
    check, _token = _send(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        CityCheckAnswer.objects.create(
            city_check=check, award=world.award, answer=CheckAnswer.CONFIRMED,
            decision=CorrectionDecision.ACCEPTED,
        )


def test_a_correction_needs_a_text_or_a_comment(world):
    check, _token = _send(world)
    with pytest.raises(ValidationError):
        city_checks.answer_city_check(check=check, answers={world.award: _correction()})


def test_accepted_correction_changes_the_draft_with_history(world, organiser):
    check, _token = _send(world)
    (answer,) = city_checks.answer_city_check(
        check=check,
        answers={world.award: _correction(description="Opis poprawiony.",
                                          recommendation="Rekomendacja poprawiona.",
                                          comment="Zmieniła się nazwa wydziału.")},
    )
    assert check.__class__.objects.get(pk=check.pk).answered_at is not None
    city_checks.decide_correction(answer=answer, accept=True, by=organiser)
    world.award.refresh_from_db()
    practice = world.award.practice
    practice.refresh_from_db()
    assert practice.description_pl == "Opis poprawiony."
    assert practice.title_pl == "Punkt informacyjny"  # not proposed: unchanged
    assert world.award.recommendation_pl == "Rekomendacja poprawiona."
    assert world.award.history.first().recommendation_pl == "Rekomendacja poprawiona."
    assert world.award.history.count() >= 2
    assert practice.history.first().description_pl == "Opis poprawiony."
    answer.refresh_from_db()
    assert (answer.decision, answer.decided_by) == (CorrectionDecision.ACCEPTED, organiser)
    assert answer.history.first().decision == CorrectionDecision.ACCEPTED
    with pytest.raises(ValidationError):
        city_checks.decide_correction(answer=answer, accept=False, by=organiser)


def test_rejected_correction_keeps_the_draft(world, organiser):
    check, _token = _send(world)
    (answer,) = city_checks.answer_city_check(
        check=check, answers={world.award: _correction(recommendation="Inna.")}
    )
    city_checks.decide_correction(answer=answer, accept=False, by=organiser)
    world.award.refresh_from_db()
    assert world.award.recommendation_pl == "Rekomendacja lubelska."


def test_a_decided_correction_is_not_overwritten(world, organiser):
    check, _token = _send(world)
    (answer,) = city_checks.answer_city_check(
        check=check, answers={world.award: _correction(recommendation="Inna.")}
    )
    city_checks.decide_correction(answer=answer, accept=False, by=organiser)
    city_checks.answer_city_check(
        check=check, answers={world.award: (CheckAnswer.CONFIRMED, "", "", "", "")}
    )
    answer.refresh_from_db()
    assert (answer.answer, answer.decision) == (CheckAnswer.CORRECTION, "rejected")


def test_confirming_drops_proposed_texts(world):
    check, _token = _send(world)
    (answer,) = city_checks.answer_city_check(
        check=check, answers={world.award: (CheckAnswer.CONFIRMED, "T", "D", "R", "OK")}
    )
    assert (answer.proposed_title, answer.proposed_description, answer.comment) == ("", "", "OK")
    assert answer.proposals == []
