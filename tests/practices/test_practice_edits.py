"""Experts cannot change practices the public or the jury is reading."""

import pytest
from django.urls import reverse

from practices.enums import Phase
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CityFactory,
    EditionFactory,
    NominationFactory,
    PracticeFactory,
    SimilarActionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lublin_practice(expert_lublin):
    city = CityFactory(name_pl="Lublin", slug="lublin")
    AssignmentFactory(expert=expert_lublin, city=city)
    return PracticeFactory(city=city, title_pl="Punkt informacyjny")


def post_change(client, practice):
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    return client.post(url, {"city": practice.city_id, "title_pl": "Zmieniony", "slug": practice.slug})


def test_expert_cannot_edit_a_practice_listed_under_a_published_award(
    client_for, expert_lublin, lublin_practice
):
    award = AwardFactory(edition=EditionFactory(phase=Phase.PUBLISHED))
    SimilarActionFactory(award=award, practice=lublin_practice, city=lublin_practice.city)
    assert post_change(client_for(expert_lublin), lublin_practice).status_code == 403
    lublin_practice.refresh_from_db()
    assert lublin_practice.title_pl == "Punkt informacyjny"


def test_expert_cannot_edit_a_practice_nominated_while_scoring(
    client_for, expert_lublin, lublin_practice
):
    NominationFactory(edition=EditionFactory(phase=Phase.JURY_SCORING), practice=lublin_practice)
    assert post_change(client_for(expert_lublin), lublin_practice).status_code == 403


@pytest.mark.parametrize("phase", [Phase.EXPERT_REPORTS, Phase.DELIBERATION])
def test_expert_may_still_edit_a_practice_nominated_outside_scoring(
    client_for, expert_lublin, lublin_practice, phase
):
    NominationFactory(edition=EditionFactory(phase=phase), practice=lublin_practice)
    assert post_change(client_for(expert_lublin), lublin_practice).status_code != 403


def test_expert_may_edit_a_practice_under_an_unpublished_award(
    client_for, expert_lublin, lublin_practice
):
    award = AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION))
    SimilarActionFactory(award=award, practice=lublin_practice, city=lublin_practice.city)
    assert post_change(client_for(expert_lublin), lublin_practice).status_code != 403


@pytest.mark.parametrize("phase", list(Phase))
def test_expert_cannot_edit_an_awarded_practice(client_for, expert_lublin, lublin_practice, phase):
    AwardFactory(edition=EditionFactory(phase=phase), practice=lublin_practice)
    assert post_change(client_for(expert_lublin), lublin_practice).status_code == 403
    lublin_practice.refresh_from_db()
    assert lublin_practice.title_pl == "Punkt informacyjny"
