"""Translators work on what the jury and the public read, in the phases the table
allows translating (`Action.TRANSLATE`); a published text is rewritten only after its
edition is taken back to deliberation."""

import pytest
from django.urls import reverse

from practices.enums import Phase
from practices.models import Award, Edition
from tests.factories import (
    AwardFactory,
    EditionFactory,
    NominationFactory,
    PracticeFactory,
    ReportFactory,
    SurveyFactory,
)
from translations.models import TranslationStatus

pytestmark = pytest.mark.django_db


def status_of(obj, field="title", language="en"):
    return TranslationStatus.objects.for_object(obj).get(field=field, language=language)


@pytest.fixture
def world():
    class World:
        scoring = EditionFactory(phase=Phase.JURY_SCORING)
        nominated = NominationFactory(
            edition=scoring, practice=PracticeFactory(title_pl="Nominowana")
        )
        draft_report = ReportFactory(edition=EditionFactory(phase=Phase.EXPERT_REPORTS))
        published = EditionFactory(phase=Phase.PUBLISHED)
        award = AwardFactory(edition=published, recommendation_pl="Rekomendacja.")
        survey = SurveyFactory()

    return World


def _listed(client):
    response = client.get(reverse("translations:worklist"), {"language": "en", "status": "all"})
    return {row.pk for row in response.context["page"].paginator.object_list}


def test_translator_sees_only_texts_translated_in_their_phase(client_for, translator, world):
    listed = _listed(client_for(translator))
    assert status_of(world.nominated.practice).pk in listed  # the jury reads it
    assert status_of(world.draft_report, "overview").pk not in listed  # a city's draft
    assert status_of(world.award, "recommendation").pk not in listed  # published
    assert TranslationStatus.objects.for_object(world.survey).first().pk in listed


def test_organiser_oversees_every_text(client_for, organiser, world):
    listed = _listed(client_for(organiser))
    assert status_of(world.draft_report, "overview").pk in listed
    assert status_of(world.award, "recommendation").pk in listed


def test_translator_cannot_open_a_draft_report(client_for, translator, world):
    status = status_of(world.draft_report, "overview")
    response = client_for(translator).get(reverse("translations:edit", args=[status.pk]))
    assert response.status_code == 404


def test_translator_cannot_rewrite_a_published_text(client_for, translator, world):
    status = status_of(world.award, "recommendation")
    response = client_for(translator).post(
        reverse("translations:edit", args=[status.pk]),
        {"text": "Rewritten.", "action": "reviewed"},
    )
    assert response.status_code == 404
    assert Award.objects.get(pk=world.award.pk).recommendation_en in ("", None)


def test_organiser_cannot_rewrite_a_published_text_either(client_for, organiser, world):
    status = status_of(world.award, "recommendation")
    response = client_for(organiser).post(
        reverse("translations:edit", args=[status.pk]),
        {"text": "Rewritten.", "action": "reviewed"},
    )
    assert response.status_code == 200
    assert "taken back to deliberation" in response.content.decode()
    assert Award.objects.get(pk=world.award.pk).recommendation_en in ("", None)
    assert status_of(world.award, "recommendation").status == "missing"


def test_published_text_reopens_in_deliberation(client_for, translator, world):
    Edition.objects.filter(pk=world.published.pk).update(phase=Phase.DELIBERATION)
    status = status_of(world.award, "recommendation")
    response = client_for(translator).post(
        reverse("translations:edit", args=[status.pk]),
        {"text": "Rewritten.", "action": "reviewed"},
    )
    assert response.status_code == 302
    assert Award.objects.get(pk=world.award.pk).recommendation_en == "Rewritten."
