"""Similar-practice suggestions: recall on the 2015 booklet's own similar actions."""

import pytest

from practices.models import Award, SimilarAction
from practices.suggestions import STEM, suggest, suggest_for_award, terms
from tests.factories import CategoryFactory, CityFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def test_recall_of_2015_similar_actions_in_top_five(edition_2015):
    named = {}
    for similar in SimilarAction.objects.filter(practice__isnull=False):
        named.setdefault(similar.award_id, set()).add(similar.practice_id)
    SimilarAction.objects.all().delete()  # the links the booklet gives are what we look for
    found = total = 0
    missed = []
    awards = Award.objects.filter(pk__in=named).select_related("practice", "category", "edition")
    for award in awards:
        suggestions = suggest_for_award(practice=award.practice, category=award.category,
                                        edition=award.edition, text=award.recommendation_pl)
        top = {s.practice.pk for s in suggestions}
        found += len(named[award.pk] & top)
        total += len(named[award.pk])
        missed += [(award.practice_id, pk) for pk in named[award.pk] - top]
    assert total == 14
    assert found / total >= 0.8, missed


def test_suggestions_come_from_other_cities_with_a_reason():
    lublin, gdansk = CityFactory(name_pl="Lublin"), CityFactory(name_pl="Gdańsk")
    category = CategoryFactory()
    asked = PracticeFactory(city=lublin, title_pl="Punkt informacyjny dla cudzoziemców",
                            description_pl="Informacja w urzędzie.")
    PracticeFactory(city=lublin, title_pl="Punkt informacyjny dla studentów")
    there = PracticeFactory(city=gdansk, title_pl="Punkty informacji dla cudzoziemców",
                            description_pl="Porady.")
    there.categories.add(category)
    PracticeFactory(city=gdansk, title_pl="Festiwal kultur", description_pl="Koncerty.")
    result = suggest(practice=asked, category=category)
    assert [s.practice for s in result] == [there]
    assert result[0].same_category
    assert "informacyjny" in result[0].shared_terms


def test_a_change_of_content_rebuilds_the_index():
    asked = PracticeFactory(title_pl="Rada imigrantów")
    assert suggest(practice=asked) == []
    other = PracticeFactory(title_pl="Rada imigrantek i imigrantów")
    assert [s.practice for s in suggest(practice=asked)] == [other]


def test_terms_fold_diacritics_and_cut_endings():
    counts, words = terms("Strategii strategią ŁÓDŹ w i")
    assert counts == {"strate": 2, "lodz": 1}
    assert words["strate"] == "strategii"
    assert STEM == 6
