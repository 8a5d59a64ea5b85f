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
