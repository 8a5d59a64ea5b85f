"""Each named constraint both ways: the database refuses, full_clean() says why."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scorecards.enums import Verdict
from scorecards.models import Answer, Area, Grade, Indicator


def _refused(obj, name):
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        obj.save()
    return " ".join(error.value.messages)


def test_area_code_unique_in_round(world):
    area = Area(round=world.last_round, code="information", name_pl="x")
    assert "already has an area" in _refused(area, "scorecards_area_unique_code")


def test_area_weight_range(world):
    area = Area(round=world.last_round, code="new", name_pl="x", weight=0)
    with transaction.atomic(), pytest.raises(IntegrityError):
        area.save()
    area.weight = 1
    area.full_clean()


def test_indicator_code_unique_in_whole_round(world):
    other_area = world.last_round.areas.get(code="housing")
    indicator = Indicator(area=other_area, code="information-1", question_pl="x")
    assert "already has an indicator" in _refused(indicator, "scorecards_indicator_unique_code")


def test_grade_points_at_most_100(world):
    grade = Grade(indicator=Indicator.objects.first(), points=101, label_pl="x")
    with pytest.raises(ValidationError):
        grade.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        grade.save()


def test_grade_points_unique_per_indicator(world):
    grade = Grade(indicator=Indicator.objects.first(), points=50, label_pl="x")
    assert "same points" in _refused(grade, "scorecards_grade_unique_points")


def test_answer_needs_evidence(world):
    answer = Answer.objects.first()
    answer.evidence_url = answer.evidence_reference = ""
    assert "evidence" in _refused(answer, "scorecards_answer_has_evidence")


def test_different_grade_needs_grade_and_note(world):
    answer = Answer.objects.first()
    answer.verdict, answer.verified_grade, answer.verification_note = Verdict.DIFFERENT, None, ""
    assert "needs the grade and a note" in _refused(
        answer, "scorecards_answer_different_needs_grade_and_note"
    )


def test_agreeing_has_no_grade_of_its_own(world):
    answer = Answer.objects.first()
    answer.verdict = Verdict.AGREE
    answer.verified_grade = answer.indicator.grades.first()
    with transaction.atomic(), pytest.raises(IntegrityError):
        answer.save()


def test_grade_of_another_indicator_is_refused(world):
    answer = Answer.objects.first()
    answer.grade = Grade.objects.exclude(indicator=answer.indicator).first()
    with pytest.raises(ValidationError) as error:
        answer.full_clean()
    assert "grade" in error.value.message_dict
