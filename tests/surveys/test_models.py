"""Every named constraint of surveys, hit in the database and in validation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from surveys.enums import CommentStatus, Proof, ResponseState
from surveys.models import Answer, ContextQuestion, Criterion, Response, Survey, Target
from tests.factories import CityFactory, CityTargetFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _integrity(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def _response(survey, target, **kwargs):
    values = {
        "survey": survey,
        "target": target,
        "identity_hash": "h" * 64,
        "proof": Proof.EMAIL,
        "language": "pl",
        **kwargs,
    }
    return Response(**values)


def test_consular_posts_are_reference_data(posts):
    posts = Target.objects.filter(kind="consular")
    assert posts.count() == 13
    assert sorted(set(posts.values_list("country", flat=True))) == [
        "AM",
        "AZ",
        "BY",
        "GE",
        "MD",
        "UA",
    ]
    kyiv = Target.objects.get_by_natural_key("consular", "kyiv")
    assert (kyiv.name_pl, kyiv.name_uk, kyiv.name_ru) == ("Kijów", "Київ", "Киев")


def test_target_kind_constraint():
    city = CityFactory()
    _integrity(lambda: Target.objects.create(kind="city", slug="x", country="UA", city=city))
    _integrity(lambda: Target.objects.create(kind="consular", slug="y"))
    with pytest.raises(ValidationError, match="consular post names a country"):
        Target(kind="consular", slug="z", name="Z").full_clean()


def test_target_unique_city_and_slug(posts):
    target = CityTargetFactory()
    _integrity(lambda: Target.objects.create(kind="city", slug="other", city=target.city))
    _integrity(lambda: Target.objects.create(kind="consular", slug="kyiv", country="UA"))


def test_survey_constraints():
    SurveyFactory(kind="city", year=2030)
    _integrity(lambda: SurveyFactory(kind="city", year=2030))
    _integrity(lambda: SurveyFactory(opens_on=date(2030, 5, 2), closes_on=date(2030, 5, 1)))
    _integrity(lambda: SurveyFactory(min_responses=0))
    with pytest.raises(ValidationError, match="cannot close before it opens"):
        Survey(
            kind="city", year=2031, title="x", opens_on=date(2030, 5, 2), closes_on=date(2030, 5, 1)
        ).full_clean()


def test_survey_min_responses_default_from_settings(settings):
    settings.SURVEYS_MIN_RESPONSES = 7
    assert SurveyFactory().min_responses == 7


def test_criterion_and_question_codes_unique_per_survey():
    survey = SurveyFactory()
    Criterion.objects.create(survey=survey, code="a", name_pl="A")
    _integrity(lambda: Criterion.objects.create(survey=survey, code="a", name_pl="B"))
    ContextQuestion.objects.create(survey=survey, code="q", label_pl="Q", choices_pl="a\nb")
    _integrity(
        lambda: ContextQuestion.objects.create(
            survey=survey, code="q", label_pl="Q", choices_pl="a"
        )
    )


def test_criterion_scale_labels_need_five_lines():
    criterion = Criterion(survey=SurveyFactory(), code="a", name_pl="A", scale_labels_uk="1\n2")
    with pytest.raises(ValidationError, match="five labels"):
        criterion.full_clean()


def test_context_choices_match_polish():
    question = ContextQuestion(
        survey=SurveyFactory(), code="q", label_pl="Q", choices_pl="a\nb", choices_en="a"
    )
    with pytest.raises(ValidationError, match="as many choices"):
        question.full_clean()


def test_response_constraints():
    survey, target = SurveyFactory(), CityTargetFactory()
    now = "2030-01-01T00:00Z"
    _response(survey, target, state=ResponseState.VERIFIED, verified_at=now).save()
    # One counted response per person and survey (pending ones may wait beside it).
    _response(survey, target).save()
    _integrity(
        lambda: _response(
            survey, target, state=ResponseState.VOIDED, verified_at=now, void_reason="x"
        ).save()
    )
    other = {"identity_hash": "o" * 64}
    _integrity(
        lambda: _response(
            survey, target, state=ResponseState.VOIDED, verified_at=now, **other
        ).save()
    )
    _integrity(lambda: _response(survey, target, state=ResponseState.VERIFIED, **other).save())
    _integrity(lambda: _response(survey, target, proof=Proof.CODE, **other).save())
    _integrity(lambda: _response(survey, target, comment="x", **other).save())
    _integrity(
        lambda: _response(survey, target, comment_status=CommentStatus.PENDING, **other).save()
    )
    with pytest.raises(ValidationError, match="already answered this survey"):
        _response(
            survey, target, state=ResponseState.VERIFIED, verified_at=now
        ).validate_constraints()


def test_answer_constraints():
    survey, target = SurveyFactory(), CityTargetFactory()
    response = _response(survey, target)
    response.save()
    criterion = Criterion.objects.create(survey=survey, code="a", name_pl="A")
    Answer.objects.create(response=response, criterion=criterion, value=3)
    _integrity(lambda: Answer.objects.create(response=response, criterion=criterion, value=4))
    other = Criterion.objects.create(survey=survey, code="b", name_pl="B")
    _integrity(lambda: Answer.objects.create(response=response, criterion=other, value=6))
    _integrity(lambda: Answer.objects.create(response=response, criterion=other, value=0))
