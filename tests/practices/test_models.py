"""Every named constraint: the database refuses, and validation explains why."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from practices.models import Award, City, Edition, Practice, SimilarAction
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    EditionFactory,
    PracticeFactory,
    SimilarActionFactory,
)

pytestmark = pytest.mark.django_db


def assert_integrity_error(create, constraint_name):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        create()
    message = str(excinfo.value)
    # PostgreSQL names every constraint; SQLite names CHECK constraints only
    # (for UNIQUE it lists the columns).
    if connection.vendor == "postgresql" or "CHECK" in message:
        assert constraint_name in message


def messages_of(error):
    return [m for messages in error.message_dict.values() for m in messages]


def test_edition_year_unique_in_database():
    EditionFactory(year=2016)
    assert_integrity_error(lambda: Edition.objects.create(year=2016), "practices_edition_unique_year")


def test_edition_year_unique_friendly_message():
    EditionFactory(year=2016)
    with pytest.raises(ValidationError) as excinfo:
        Edition(year=2016).full_clean()
    assert "An edition for this year already exists." in messages_of(excinfo.value)


def test_edition_year_range_in_database():
    assert_integrity_error(lambda: Edition.objects.create(year=1999), "practices_edition_year_in_range")


def test_edition_year_range_friendly_message():
    with pytest.raises(ValidationError) as excinfo:
        Edition(year=1999).validate_constraints()
    assert excinfo.value.messages == ["The year must be between 2014 and 2100."]


def test_city_teryt_unique_when_given():
    CityFactory(teryt="1465011")
    assert_integrity_error(
        lambda: City.objects.create(name="X", slug="x", voivodeship="lubelskie", teryt="1465011"),
        "practices_city_unique_teryt",
    )


def test_city_empty_teryt_may_repeat():
    CityFactory(teryt="")
    CityFactory(teryt="")
    assert City.objects.filter(teryt="").count() == 2


def test_city_teryt_unique_friendly_message():
    CityFactory(teryt="1465011")
    with pytest.raises(ValidationError) as excinfo:
        City(name="X", slug="x", voivodeship="lubelskie", teryt="1465011").full_clean()
    assert "Another city already has this TERYT code." in messages_of(excinfo.value)


def test_city_teryt_must_have_seven_digits():
    with pytest.raises(ValidationError) as excinfo:
        City(name="X", slug="x", voivodeship="lubelskie", teryt="12ab").full_clean()
    assert excinfo.value.message_dict["teryt"] == ["A TERYT code has exactly 7 digits."]


def test_city_half_coordinates_refused_in_database():
    assert_integrity_error(
        lambda: City.objects.create(
            name="X", slug="x", voivodeship="lubelskie", latitude=Decimal("51.2")
        ),
        "practices_city_coordinates_valid",
    )


def test_city_half_coordinates_friendly_message():
    with pytest.raises(ValidationError) as excinfo:
        City(name="X", slug="x", voivodeship="lubelskie", latitude=Decimal("51.2")).full_clean()
    assert "Give both latitude and longitude, or neither." in messages_of(excinfo.value)


def test_practice_slug_unique_per_city_in_database():
    practice = PracticeFactory(slug="punkt")
    assert_integrity_error(
        lambda: Practice.objects.create(city=practice.city, title="Inna", slug="punkt"),
        "practices_practice_unique_slug_per_city",
    )


def test_practice_same_slug_in_another_city_allowed():
    PracticeFactory(slug="punkt")
    PracticeFactory(slug="punkt")
    assert Practice.objects.filter(slug="punkt").count() == 2


def test_practice_slug_unique_friendly_message():
    practice = PracticeFactory(slug="punkt")
    with pytest.raises(ValidationError) as excinfo:
        Practice(city=practice.city, title="Inna", slug="punkt").full_clean()
    assert "This city already has a practice with this slug." in messages_of(excinfo.value)


def test_practice_start_year_check_in_database():
    city = CityFactory()
    assert_integrity_error(
        lambda: Practice.objects.create(city=city, title="T", slug="t", start_year=1800),
        "practices_practice_start_year_valid",
    )


def test_award_one_per_edition_category_practice_in_database():
    award = AwardFactory()
    assert_integrity_error(
        lambda: Award.objects.create(
            edition=award.edition, category=award.category, practice=award.practice, order=99
        ),
        "practices_award_unique_practice_per_category",
    )


def test_award_one_per_edition_category_practice_friendly_message():
    award = AwardFactory()
    duplicate = Award(
        edition=award.edition, category=award.category, practice=award.practice, order=99
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert (
        "This practice already has an award in this category of this edition."
        in messages_of(excinfo.value)
    )


def test_award_same_practice_other_category_allowed():
    award = AwardFactory()
    Award.objects.create(
        edition=award.edition, category=CategoryFactory(), practice=award.practice, order=99
    )
    assert award.practice.awards.count() == 2


def test_award_order_unique_per_edition_in_database():
    award = AwardFactory(order=1)
    assert_integrity_error(
        lambda: AwardFactory(edition=award.edition, order=1), "practices_award_unique_order"
    )


def test_award_order_unique_friendly_message():
    award = AwardFactory(order=1)
    other = Award(
        edition=award.edition, category=CategoryFactory(), practice=PracticeFactory(), order=1
    )
    with pytest.raises(ValidationError) as excinfo:
        other.full_clean()
    assert (
        "Another award of this edition already has this position in the booklet."
        in messages_of(excinfo.value)
    )


def test_similar_action_order_unique_in_database():
    action = SimilarActionFactory(order=1)
    assert_integrity_error(
        lambda: SimilarAction.objects.create(award=action.award, order=1, city=CityFactory()),
        "practices_similaraction_unique_order",
    )


def test_similar_action_order_unique_friendly_message():
    action = SimilarActionFactory(order=1)
    with pytest.raises(ValidationError) as excinfo:
        SimilarAction(award=action.award, order=1, city=CityFactory()).full_clean()
    assert "Two similar actions of one award share a position." in messages_of(excinfo.value)


def test_similar_action_practice_must_be_in_its_city():
    action = SimilarActionFactory.build(
        award=AwardFactory(), order=1, city=CityFactory(), practice=PracticeFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        action.full_clean()
    assert excinfo.value.message_dict["practice"] == [
        "The practice belongs to another city than the one chosen."
    ]


def test_similar_action_may_name_only_a_city():
    action = SimilarActionFactory(practice=None)
    action.full_clean()
    assert str(action) == action.city.name


def test_practice_without_title_reads_as_its_city():
    practice = PracticeFactory(title_pl="", slug="bez-tytulu")
    assert str(practice) == practice.city.name


def test_edition_name_does_not_double_the_year(db):
    from practices.models import Edition

    assert str(Edition(year=2016, title="Miasta Otwarte")) == "Miasta Otwarte 2016"
    assert str(Edition(year=2016, title="Miasta Otwarte 2016")) == "Miasta Otwarte 2016"

