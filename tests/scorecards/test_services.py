from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scorecards import services
from scorecards.enums import Verdict
from scorecards.models import Indicator, Round
from tests.factories import EditionFactory
from tests.scorecards.world import answer_city, link, verify_all


def test_copy_keeps_codes_revisions_grades_and_texts(world, this_round):
    copied = Indicator.objects.filter(round=this_round)
    assert copied.count() == 9
    before = {(i.code, i.revision, i.question_pl, i.question_uk) for i in
              Indicator.objects.filter(round=world.last_round)}
    assert {(i.code, i.revision, i.question_pl, i.question_uk) for i in copied} == before
    assert sorted(copied.get(code="housing-2").grades.values_list("points", flat=True)) == [
        0, 50, 100]
    assert list(this_round.areas.values_list("code", "weight", "survey_criterion")) == list(
        world.last_round.areas.values_list("code", "weight", "survey_criterion"))
    # The source is untouched.
    assert Indicator.objects.filter(round=world.last_round).count() == 9


def test_copy_refused_twice_and_without_a_source(world, this_round):
    with pytest.raises(ValidationError, match="already has areas"):
        services.copy_from_previous(round=this_round)
    first = Round.objects.create(edition=EditionFactory(year=2060))
    with pytest.raises(ValidationError, match="no earlier"):
        services.copy_from_previous(round=first)


def test_published_round_is_frozen(world):
    card = world.last_round.scorecards.get()
    answer = card.answers.first()
    with pytest.raises(ValidationError, match="frozen"):
        services.verify_answer(answer=answer, verdict=Verdict.PENDING)
    with pytest.raises(ValidationError, match="frozen"):
        answer_city(card, 100)


def test_token_opens_only_its_scorecard(world, lublin_card):
    scorecard, token = lublin_card
    assert services.scorecard_for_token(token) == scorecard
    assert scorecard.token_hash != token and len(scorecard.token_hash) == 64
    for bad in ("", "x" * 201, token[:-1] + "A"):
        with pytest.raises(services.LinkRefused) as refused:
            services.scorecard_for_token(bad)
        assert refused.value.reason == "invalid"


@pytest.mark.parametrize("case, reason", [
    ("revoked", "revoked"), ("expired", "expired"), ("published", "closed"),
])
def test_link_refused_with_the_city_checks_reasons(world, lublin_card, case, reason):
    scorecard, token = lublin_card
    now = None
    if case == "revoked":
        services.revoke_link(scorecard=scorecard)
    elif case == "expired":
        now = timezone.now() + timedelta(days=15)
    else:
        services.publish_round(round=scorecard.round)
    with pytest.raises(services.LinkRefused) as refused:
        services.scorecard_for_token(token, now=now)
    assert refused.value.reason == reason


def test_a_new_link_replaces_the_old(world, lublin_card):
    scorecard, old = lublin_card
    again, new = link(scorecard.round, world.lublin)
    assert again.pk == scorecard.pk
    assert services.scorecard_for_token(new) == scorecard
    with pytest.raises(services.LinkRefused):
        services.scorecard_for_token(old)


def test_changed_grade_undoes_verification_unchanged_keeps_it(world, lublin_card, organiser):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    verify_all(scorecard, by=organiser)
    answer_city(scorecard, {"housing-1": 50})
    verdicts = dict(scorecard.answers.values_list("indicator__code", "verdict"))
    assert verdicts["housing-1"] == Verdict.PENDING
    assert verdicts["housing-2"] == Verdict.AGREE


def test_verify_different_needs_a_note(world, lublin_card):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    answer = scorecard.answers.first()
    lower = answer.indicator.grades.get(points=0)
    with pytest.raises(ValidationError):
        services.verify_answer(answer=answer, verdict=Verdict.DIFFERENT, grade=lower, note=" ")
    services.verify_answer(answer=answer, verdict=Verdict.DIFFERENT, grade=lower, note="Nie.")
    answer.refresh_from_db()
    assert (answer.verified_grade, answer.verification_note) == (lower, "Nie.")


def test_issue_link_refuses_past_deadline(world, this_round):
    with pytest.raises(ValidationError, match="future"):
        services.issue_link(round=this_round, city=world.lublin, contact_name="A",
                            contact_email="a@b.example", deadline=timezone.now())


def test_publish_needs_indicators(world):
    empty = Round.objects.create(edition=world.edition)
    with pytest.raises(ValidationError):
        services.publish_round(round=empty)
    assert not empty.is_published


def test_declaration_and_verification_are_in_the_audit_trail(world, lublin_card, organiser):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    verify_all(scorecard, by=organiser, disagree={"housing-1": 0})
    answer = scorecard.answers.get(indicator__code="housing-1")
    records = list(answer.history.order_by("history_id"))
    assert [r.verdict for r in records] == [Verdict.PENDING, Verdict.DIFFERENT]
    assert records[-1].verified_by_id == organiser.pk
