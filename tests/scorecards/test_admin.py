"""The scorecards admin: organisers define and publish; experts verify their cities only."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from scorecards.enums import Verdict
from scorecards.models import CityScorecard, Indicator, Round
from tests.factories import AssignmentFactory
from tests.scorecards.world import answer_city


@pytest.fixture
def answered(world, lublin_card, expert_lublin):
    scorecard, _token = lublin_card
    AssignmentFactory(edition=world.edition, expert=expert_lublin, city=world.lublin)
    answer_city(scorecard, 100)
    return scorecard


def _verification_post(scorecard, changes):
    answers = list(scorecard.answers.order_by("indicator__area__order", "indicator__order"))
    data = {
        "answers-TOTAL_FORMS": len(answers), "answers-INITIAL_FORMS": len(answers),
        "answers-MIN_NUM_FORMS": 0, "answers-MAX_NUM_FORMS": 1000,
    }
    for n, answer in enumerate(answers):
        verdict, grade, note = changes.get(answer.indicator.code, (Verdict.AGREE, "", ""))
        data |= {
            f"answers-{n}-id": answer.pk, f"answers-{n}-scorecard": scorecard.pk,
            f"answers-{n}-verdict": verdict, f"answers-{n}-verified_grade": grade,
            f"answers-{n}-verification_note": note,
        }
    return data


def test_expert_verifies_with_one_disagreement(answered, client_for, expert_lublin):
    url = reverse("admin:scorecards_cityscorecard_change", args=[answered.pk])
    client = client_for(expert_lublin)
    assert client.get(url).status_code == 200
    zero = Indicator.objects.get(round=answered.round, code="housing-2").grades.get(points=0)
    data = _verification_post(answered, {"housing-2": (Verdict.DIFFERENT, zero.pk, "Brak.")})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    verdicts = dict(answered.answers.values_list("indicator__code", "verdict"))
    assert list(verdicts.values()).count(Verdict.AGREE) == 8
    different = answered.answers.get(indicator__code="housing-2")
    assert (different.verified_grade, different.verified_by) == (zero, expert_lublin)


def test_disagreement_without_note_is_refused_in_the_form(answered, client_for, expert_lublin):
    url = reverse("admin:scorecards_cityscorecard_change", args=[answered.pk])
    zero = Indicator.objects.get(round=answered.round, code="housing-2").grades.get(points=0)
    data = _verification_post(answered, {"housing-2": (Verdict.DIFFERENT, zero.pk, "")})
    response = client_for(expert_lublin).post(url, data)
    assert response.status_code == 200
    assert "needs the grade and a note" in response.content.decode()
    assert not answered.answers.exclude(verdict=Verdict.PENDING).exists()


def test_other_expert_and_other_edition_are_404(answered, world, client_for, expert_warszawa,
                                                expert_lublin):
    url = reverse("admin:scorecards_cityscorecard_change", args=[answered.pk])
    AssignmentFactory(edition=world.edition, expert=expert_warszawa, city=world.gdansk)
    assert client_for(expert_warszawa).get(url).status_code == 404
    # Assigned to Lublin this year only: last year's Lublin scorecard stays hidden.
    last = CityScorecard.objects.get(round=world.last_round)
    assert client_for(expert_lublin).get(
        reverse("admin:scorecards_cityscorecard_change", args=[last.pk])).status_code == 404


@pytest.mark.parametrize("user, status", [("expert_lublin", 403), ("juror_a", 302)])
def test_rounds_and_indicators_are_organisers_only(world, client_for, request, user, status):
    client = client_for(request.getfixturevalue(user))
    for name in ("admin:scorecards_round_changelist", "admin:scorecards_indicator_changelist"):
        assert client.get(reverse(name)).status_code == status


def test_organiser_copies_then_publishes(world, client_for, organiser):
    round = Round.objects.create(edition=world.edition)
    client = client_for(organiser)
    url = reverse("admin:scorecards_round_changelist")
    client.post(url, {"action": "copy_previous", "_selected_action": [round.pk]})
    assert Indicator.objects.filter(round=round).count() == 9
    client.post(url, {"action": "publish", "_selected_action": [round.pk]})
    round.refresh_from_db()
    assert round.is_published
    # Published: read-only.
    response = client.get(reverse("admin:scorecards_round_change", args=[round.pk]))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()


def test_organiser_opens_a_city_link(world, this_round, client_for, organiser):
    deadline = timezone.localtime() + timedelta(days=10)
    response = client_for(organiser).post(
        reverse("admin:scorecards_cityscorecard_add"),
        {"round": this_round.pk, "city": world.gdansk.pk, "contact_name": "Jan",
         "contact_email": "jan@gdansk.example", "deadline_0": deadline.strftime("%Y-%m-%d"),
         "deadline_1": "12:00:00", "answers-TOTAL_FORMS": 0, "answers-INITIAL_FORMS": 0},
        follow=True,
    )
    page = response.content.decode()
    token = re.search(r"/scorecards/answer/([\w-]+)/", page).group(1)
    card = CityScorecard.objects.get(round=this_round, city=world.gdansk)
    from scorecards.services import scorecard_for_token

    assert scorecard_for_token(token) == card
