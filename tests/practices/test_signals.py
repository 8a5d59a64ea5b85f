"""`Practice.published_year` follows every write that can change it."""

import pytest
from django.core.management import call_command
from django.db.models import Max, Q

from practices import synthetic
from practices.enums import Phase
from practices.models import Practice
from practices.services import change_phase, refresh_published_years, unpublish_edition
from tests.factories import AwardFactory, EditionFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def published_year(practice):
    practice.refresh_from_db(fields=["published_year"])
    return practice.published_year


def assert_all_consistent():
    expected = dict(
        Practice.objects.annotate(
            y=Max("awards__edition__year", filter=Q(awards__edition__phase=Phase.PUBLISHED))
        ).values_list("pk", "y")
    )
    stored = dict(Practice.objects.values_list("pk", "published_year"))
    assert stored == expected


def test_a_published_award_sets_the_year_and_a_newer_one_moves_it():
    practice = PracticeFactory()
    assert published_year(practice) is None
    AwardFactory(practice=practice, edition=EditionFactory(year=2041))
    assert published_year(practice) == 2041
    AwardFactory(practice=practice, edition=EditionFactory(year=2043))
    assert published_year(practice) == 2043


def test_an_award_of_an_unpublished_edition_does_not_count_until_publishing(organiser):
    practice = PracticeFactory()
    edition = EditionFactory(year=2042, phase=Phase.DELIBERATION)
    AwardFactory(practice=practice, edition=edition)
    assert published_year(practice) is None

    change_phase(edition=edition, phase=Phase.PUBLISHED)
    assert published_year(practice) == 2042

    unpublish_edition(edition=edition, by=organiser, reason="Corrections")
    assert published_year(practice) is None


def test_deleting_the_newest_award_falls_back_to_the_older_one():
    practice = PracticeFactory()
    AwardFactory(practice=practice, edition=EditionFactory(year=2041))
    newest = AwardFactory(practice=practice, edition=EditionFactory(year=2045))
    newest.delete()
    assert published_year(practice) == 2041


def test_an_award_moved_to_another_practice_updates_both():
    old, new = PracticeFactory(), PracticeFactory()
    award = AwardFactory(practice=old, edition=EditionFactory(year=2044))
    award.practice = new
    award.save()
    assert published_year(old) is None
    assert published_year(new) == 2044


def test_deleting_an_edition_clears_its_practices():
    practice = PracticeFactory()
    edition = EditionFactory(year=2046)
    AwardFactory(practice=practice, edition=edition)
    edition.delete()
    assert published_year(practice) is None


def test_fixtures_load_with_the_stored_year():
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    awarded = Practice.objects.filter(awards__edition__year=2015).distinct()
    assert awarded.exists()
    assert set(awarded.values_list("published_year", flat=True)) == {2015}
    assert_all_consistent()


def test_bulk_writes_are_caught_up_by_refresh():
    practice = PracticeFactory()
    AwardFactory(practice=practice, edition=EditionFactory(year=2041))
    Practice.objects.update(published_year=None)  # as a bulk write would leave it
    assert refresh_published_years() == Practice.objects.count()
    assert published_year(practice) == 2041


def test_seed_synthetic_leaves_every_practice_consistent():
    synthetic.run(scale=synthetic.SCALES["tiny"], seed=3, write=lambda *_: None)
    assert Practice.objects.filter(published_year__isnull=False).exists()
    assert_all_consistent()
