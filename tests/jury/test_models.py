from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jury.models import Criterion, JurorQuote
from tests.factories import AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db


def messages_of(error):
    return [m for messages in error.message_dict.values() for m in messages]


def test_criterion_code_unique_per_edition_in_database():
    edition = EditionFactory()
    Criterion.objects.create(edition=edition, code="engagement", name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(edition=edition, code="engagement", name="B")


def test_criterion_code_unique_friendly_message():
    edition = EditionFactory()
    Criterion.objects.create(edition=edition, code="engagement", name="A")
    with pytest.raises(ValidationError) as excinfo:
        Criterion(edition=edition, code="engagement", name="B").full_clean()
    assert "This edition already has a criterion with this code." in messages_of(excinfo.value)


def test_criterion_same_code_in_other_edition_allowed():
    Criterion.objects.create(edition=EditionFactory(), code="engagement", name="A")
    Criterion.objects.create(edition=EditionFactory(), code="engagement", name="A")
    assert Criterion.objects.filter(code="engagement").count() == 2


def test_criterion_scale_check_in_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(edition=EditionFactory(), code="x", name="X", scale_min=5, scale_max=5)


def test_criterion_scale_friendly_message():
    with pytest.raises(ValidationError) as excinfo:
        Criterion(edition=EditionFactory(), code="x", name="X", scale_min=5, scale_max=2).full_clean()
    assert "The highest score must be above the lowest score." in messages_of(excinfo.value)


def test_criterion_weight_positive_in_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(edition=EditionFactory(), code="x", name="X", weight=Decimal("0"))


def test_criterion_weight_positive_friendly_message():
    with pytest.raises(ValidationError) as excinfo:
        Criterion(edition=EditionFactory(), code="x", name="X", weight=Decimal("0")).full_clean()
    assert "weight" in excinfo.value.message_dict


def test_juror_quote_order_unique_in_database():
    award = AwardFactory()
    JurorQuote.objects.create(award=award, order=1, text="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        JurorQuote.objects.create(award=award, order=1, text="B")


def test_juror_quote_order_unique_friendly_message():
    award = AwardFactory()
    JurorQuote.objects.create(award=award, order=1, text="A")
    with pytest.raises(ValidationError) as excinfo:
        JurorQuote(award=award, order=1, text="B").full_clean()
    assert "Two quotes of one award share a position." in messages_of(excinfo.value)


# --- nominations, scores, comments, conflicts ---
from jury.models import Conflict, Nomination, Score, ScoreComment  # noqa: E402
from tests.factories import CriterionFactory, JurorFactory, NominationFactory  # noqa: E402


def test_nomination_unique_per_category_in_database():
    nomination = NominationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(edition=nomination.edition, practice=nomination.practice,
                                  category=nomination.category)


def test_nomination_unique_per_category_friendly_message():
    nomination = NominationFactory()
    with pytest.raises(ValidationError) as excinfo:
        Nomination(edition=nomination.edition, practice=nomination.practice,
                   category=nomination.category).full_clean()
    assert "This practice is already nominated in this category of this edition." in (
        messages_of(excinfo.value))


def _score_parts():
    nomination = NominationFactory()
    return JurorFactory(), nomination, CriterionFactory(edition=nomination.edition)


def test_score_unique_per_criterion_in_database():
    juror, nomination, criterion = _score_parts()
    Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=4)


def test_score_unique_per_criterion_friendly_message():
    juror, nomination, criterion = _score_parts()
    Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=3)
    with pytest.raises(ValidationError) as excinfo:
        Score(juror=juror, nomination=nomination, criterion=criterion, value=4).full_clean()
    assert "This juror has already scored this nomination on this criterion." in (
        messages_of(excinfo.value))


def test_score_outside_scale_friendly_message():
    juror, nomination, criterion = _score_parts()
    with pytest.raises(ValidationError) as excinfo:
        Score(juror=juror, nomination=nomination, criterion=criterion, value=6).full_clean()
    assert excinfo.value.message_dict["value"] == ["A score for “" + criterion.name
                                                   + "” must be from 1 to 5."]


def test_conflict_unique_per_nomination_in_database():
    juror, nomination = JurorFactory(), NominationFactory()
    Conflict.objects.create(juror=juror, nomination=nomination, reason="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Conflict.objects.create(juror=juror, nomination=nomination, reason="b")


def test_conflict_unique_per_nomination_friendly_message():
    juror, nomination = JurorFactory(), NominationFactory()
    Conflict.objects.create(juror=juror, nomination=nomination, reason="a")
    with pytest.raises(ValidationError) as excinfo:
        Conflict(juror=juror, nomination=nomination, reason="b").full_clean()
    assert "A conflict of interest is already recorded for this juror and nomination." in (
        messages_of(excinfo.value))


def test_comment_unique_per_nomination_in_database():
    juror, nomination = JurorFactory(), NominationFactory()
    ScoreComment.objects.create(juror=juror, nomination=nomination, text="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreComment.objects.create(juror=juror, nomination=nomination, text="b")


def test_comment_unique_per_nomination_friendly_message():
    juror, nomination = JurorFactory(), NominationFactory()
    ScoreComment.objects.create(juror=juror, nomination=nomination, text="a")
    with pytest.raises(ValidationError) as excinfo:
        ScoreComment(juror=juror, nomination=nomination, text="b").full_clean()
    assert "This juror already has a comment on this nomination." in messages_of(excinfo.value)


def test_criterion_points_use_labels_defaults_or_numbers():
    edition = EditionFactory()
    labelled = Criterion(edition=edition, code="a", name="A", scale_min=1, scale_max=3,
                         scale_labels_pl="słabo\nśrednio\ndobrze")
    assert labelled.points() == [(1, "1 – słabo"), (2, "2 – średnio"), (3, "3 – dobrze")]
    default = Criterion(edition=edition, code="b", name="B")
    assert default.points()[0] == (1, "1 – very weak")
    bare = Criterion(edition=edition, code="c", name="C", scale_min=0, scale_max=2)
    assert bare.points() == [(0, "0"), (1, "1"), (2, "2")]


def test_criterion_label_count_must_match_scale():
    criterion = Criterion(edition=EditionFactory(), code="a", name_pl="A", scale_labels_pl="x\ny")
    with pytest.raises(ValidationError) as excinfo:
        criterion.full_clean()
    assert excinfo.value.message_dict["scale_labels"] == [
        "Give one label per point of the scale: 5 lines."]
