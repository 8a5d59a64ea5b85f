"""The city page shows the published city survey's counts and means (template tag)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from surveys import services
from surveys.models import Criterion
from tests.factories import AwardFactory, CityTargetFactory, SurveyFactory


def _city_survey(city, answers=10, value=4):
    today = timezone.localdate()
    survey = SurveyFactory(
        kind="city",
        year=2026,
        opens_on=today - timedelta(days=5),
        closes_on=today,
        title_pl="Usługi miast",
    )
    criterion = Criterion.objects.create(survey=survey, code="overall", name_pl="Ocena ogólna")
    target = CityTargetFactory(city=city)
    survey.targets.add(target)
    batch = services.generate_code_batch(survey=survey, label="x", size=answers)
    for code in batch.codes.all():
        services.submit_by_code(
            survey=survey,
            answers=services.Answers(target=target, values={criterion: value}, context={}),
            code=code,
            language="pl",
        )
    # Ten identical answers within minutes: counted once until an organiser reviews them.
    services.review_responses(responses=survey.responses.all(), by=None)
    return survey


def _page(city):
    with translation.override("pl"):
        return reverse("public:city", args=[city.slug])


def test_city_page_shows_the_published_city_survey(client, db):
    city = AwardFactory().practice.city
    survey = _city_survey(city)
    assert "Usługi miast" not in client.get(_page(city)).content.decode()  # unpublished
    survey.results_published = True
    survey.save()
    text = client.get(_page(city)).content.decode()
    assert "Usługi miast" in text and "Ocena ogólna" in text
    assert "<td>4,00</td><td>10</td>" in text.replace("\n", "").replace(" ", "")


def test_city_page_with_too_few_answers_shows_no_mean(client, db):
    city = AwardFactory().practice.city
    survey = _city_survey(city, answers=2, value=1)
    survey.results_published = True
    survey.save()
    text = client.get(_page(city)).content.decode()
    assert "1,00" not in text
    assert "<td>2</td>" in text
