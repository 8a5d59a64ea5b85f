"""The shipped 2015 edition against the booklet it came from (seed 004)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from jury.models import Criterion, Juror, JurorQuote
from practices.enums import Phase
from practices.models import Award, Category, City, Practice, SimilarAction

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_004_booklet_2015.txt"

# The booklet's awards in order: (city, practice title or "" when it names the city only).
BOOKLET_AWARDS = [
    ("strategy", "Lublin", "Strategia Rozwoju Lublina na lata 2013-2020"),
    ("hiring", "Lublin", ""),
    ("cooperation-platforms", "Warszawa", "Komisja Dialogu Społecznego"),
    ("friendly-space", "Warszawa", "Centrum Wielokulturowe"),
    ("information-integration", "Wrocław", "Projekt „Kontynenty Wrocławia”"),
    ("universities", "Lublin", "Program „Study in Lublin”"),
    ("social-aid", "Lublin", "działania Miejskiego Ośrodka Pomocy Społecznej"),
    ("information-point", "Lublin", "Punkt Obsługi Cudzoziemców w Biurze Obsługi Mieszkańców"),
    ("research-cooperation", "Poznań", "kompleksowa współpraca Urzędu Miasta Poznań"),
    ("education", "Warszawa", "Koncepcję systemowego wspierania edukacji cudzoziemców"),
    ("ngo-grants", "Warszawa", ""),
]

BOOKLET_SIMILAR = {
    1: ["Białystok", "Warszawa", "Kraków"],
    2: ["Łódź"],
    3: ["Gdańsk", "Lublin", "Łódź", "Poznań", "Wrocław"],
    4: ["Wrocław"],
    5: [],
    6: ["Gdańsk", "Poznań", "Warszawa"],
    7: ["Wrocław"],
    8: ["Wrocław"],
    9: [],
    10: [],
    11: [],
}


def normalise(text):
    return re.sub(r"\s+", " ", text.replace(" ,", ",")).strip()


@pytest.fixture
def seed_text():
    return normalise(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def awards(edition_2015):
    return list(
        Award.objects.filter(edition=edition_2015)
        .select_related("category", "practice__city")
        .order_by("order")
    )


def test_edition_2015_is_published_with_ceremony(edition_2015):
    assert edition_2015.phase == Phase.PUBLISHED
    local = edition_2015.ceremony_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Warsaw"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2015, 5, 14, 15, 30)
    assert edition_2015.ceremony_place_pl == "Synagoga pod Białym Bocianem"
    assert edition_2015.ceremony_city.name_pl == "Wrocław"
    assert "IV Międzysektorowego Forum Lokalnych Polityk Migracyjnych" in edition_2015.ceremony_occasion_pl
    assert edition_2015.organiser == "Fundacja „Inna Przestrzeń”"


def test_eleven_categories_translated_in_four_languages(edition_2015):
    categories = list(Category.objects.order_by("order"))
    assert len(categories) == 11
    for category in categories:
        for lang in ("pl", "en", "uk", "ru"):
            assert getattr(category, f"name_{lang}"), (category.code, lang)
    assert categories[9].code == "information-integration"


def test_awards_follow_the_booklet_order(awards):
    got = [(a.category.code, a.practice.city.name_pl) for a in awards]
    assert got == [(code, city) for code, city, _ in BOOKLET_AWARDS]
    for award, (_, _, title_start) in zip(awards, BOOKLET_AWARDS):
        assert award.practice.title_pl.startswith(title_start)
        if not title_start:
            assert award.practice.title_pl == ""


def test_award_headings_appear_in_the_booklet_in_order(awards, seed_text):
    position = 0
    for award in awards:
        heading = normalise(award.practice.title_pl) or award.practice.city.name_pl
        found = seed_text.find(heading, position)
        assert found >= 0, heading
        position = found


def test_descriptions_and_recommendations_come_from_the_booklet(awards, seed_text):
    for award in awards:
        assert normalise(award.practice.description_pl) in seed_text
        for paragraph in award.recommendation_pl.split("\n\n"):
            assert normalise(paragraph).rstrip(".:") in seed_text


def test_similar_actions_in_booklet_order(awards, seed_text):
    for award in awards:
        actions = list(award.similar_actions.select_related("city", "practice"))
        assert [a.city.name_pl for a in actions] == BOOKLET_SIMILAR[award.order]
        for action in actions:
            if action.practice:
                assert action.practice.city == action.city
                assert normalise(action.practice.title_pl) in seed_text
    assert SimilarAction.objects.count() == 15
    # "Warszawa" alone under the strategy award names no practice.
    assert SimilarAction.objects.filter(practice__isnull=True).count() == 1


def test_jury_of_five_with_origin_and_city(edition_2015):
    jurors = {j.name: (j.country_of_origin_pl, j.city.name_pl) for j in edition_2015.jurors.all()}
    assert jurors == {
        "Priscilla Rubia": ("Kenia", "Łódź"),
        "Harris Mawusi": ("Ghana", "Gdańsk"),
        "Jose Torres": ("Kuba", "Wrocław"),
        "Edward Krajczyński": ("Ukraina", "Lublin"),
        "Ngo Hoang Minh": ("Wietnam", "Warszawa"),
    }
    assert not Juror.objects.filter(user__isnull=False).exists()


def test_juror_quote_attributed(edition_2015, seed_text):
    quote = JurorQuote.objects.get()
    assert quote.juror.name == "Ngo Hoang Minh"
    assert quote.award.practice.title_pl == "Komisja Dialogu Społecznego"
    assert quote.text_pl in seed_text


def test_four_criteria(edition_2015):
    codes = list(Criterion.objects.filter(edition=edition_2015).values_list("code", flat=True))
    assert codes == ["engagement", "durability", "comprehensiveness", "effectiveness"]


def test_loading_twice_changes_nothing(edition_2015):
    counts = [m.objects.count() for m in (City, Category, Practice, Award, SimilarAction, Juror)]
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    assert [m.objects.count() for m in (City, Category, Practice, Award, SimilarAction, Juror)] == counts
    assert counts == [10, 11, 25, 11, 15, 5]
