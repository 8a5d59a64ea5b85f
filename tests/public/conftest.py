"""Fixtures for the public site: a published world, a hidden one, and bulk data."""

import pytest
from django.core.cache import cache

from jury.models import Criterion, Juror, JurorQuote
from practices.enums import Phase
from practices.models import Award, Category, City, Edition, Practice, SimilarAction
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    EditionFactory,
    PracticeFactory,
    SimilarActionFactory,
)

SECRET = "Tajnaniepublikowana"
# Every text of the hidden edition; none may appear in any public answer.
HIDDEN_TEXTS = [
    f"{SECRET} edycja",
    f"{SECRET}miasto",
    f"{SECRET} kategoria",
    f"{SECRET} praktyka",
    f"{SECRET} opis",
    f"{SECRET} rekomendacja",
    f"{SECRET}podobne",
    f"{SECRET} Juror",
    f"{SECRET} kryterium",
    f"{SECRET} cytat",
]


@pytest.fixture(autouse=True)
def clear_cache():
    """The open call's rate limit lives in the cache; every test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hidden_edition(db):
    """An edition in deliberation whose every record carries SECRET in its names."""
    edition = EditionFactory(year=2031, phase=Phase.DELIBERATION, title_pl=f"{SECRET} edycja")
    city = CityFactory(name_pl=f"{SECRET}miasto", slug="tajne-miasto", latitude=50, longitude=20)
    category = CategoryFactory(code="tajna-kategoria", name_pl=f"{SECRET} kategoria")
    practice = PracticeFactory(
        city=city,
        title_pl=f"{SECRET} praktyka",
        slug="tajna-praktyka",
        description_pl=f"{SECRET} opis",
    )
    award = AwardFactory(
        edition=edition,
        category=category,
        practice=practice,
        recommendation_pl=f"{SECRET} rekomendacja",
    )
    similar_city = CityFactory(name_pl=f"{SECRET}podobne", slug="tajne-podobne")
    SimilarActionFactory(award=award, city=similar_city)
    juror = Juror.objects.create(name=f"{SECRET} Juror", slug="tajny-juror")
    juror.editions.add(edition)
    Criterion.objects.create(edition=edition, code="tajne", name_pl=f"{SECRET} kryterium")
    JurorQuote.objects.create(award=award, juror=juror, text_pl=f"{SECRET} cytat")
    return edition


def build_published(n, *, year=2040):
    """n awards of one published edition, spread over 10 cities and 5 categories,
    each with a similar action and a juror quote, created in bulk."""
    edition = Edition.objects.create(year=year, phase=Phase.PUBLISHED)
    juror = Juror.objects.create(name=f"Juror {year}", slug=f"juror-{year}")
    juror.editions.add(edition)
    Criterion.objects.create(edition=edition, code="c", name_pl="Kryterium")
    cities = City.objects.bulk_create(
        City(
            name_pl=f"Miasto {year}-{i}",
            slug=f"m-{year}-{i}",
            voivodeship="mazowieckie",
            latitude=50 + i / 5,
            longitude=16 + i / 2,
        )
        for i in range(10)
    )
    categories = Category.objects.bulk_create(
        Category(code=f"k-{year}-{i}", name_pl=f"Kategoria {i}", order=i) for i in range(5)
    )
    practices = Practice.objects.bulk_create(
        Practice(
            city=cities[i % 10],
            title_pl=f"Praktyka {i}",
            slug=f"praktyka-{i}",
            description_pl="Opis.",
        )
        for i in range(n)
    )
    awards = Award.objects.bulk_create(
        Award(
            edition=edition,
            category=categories[i % 5],
            practice=practices[i],
            order=i + 1,
            recommendation_pl="Rekomendacja.",
        )
        for i in range(n)
    )
    SimilarAction.objects.bulk_create(
        SimilarAction(award=award, order=1, city=cities[(i + 1) % 10], practice=practices[0])
        for i, award in enumerate(awards)
    )
    JurorQuote.objects.bulk_create(
        JurorQuote(award=award, order=0, juror=juror, text_pl="Cytat.") for award in awards
    )
    # Experts grow with the data too: one per 20 awards (at least 2), two cities each.
    from django.contrib.auth import get_user_model

    from practices.models import Assignment

    experts = get_user_model().objects.bulk_create(
        get_user_model()(username=f"expert-{year}-{i}", first_name="Ekspert", last_name=str(i))
        for i in range(max(2, n // 20))
    )
    Assignment.objects.bulk_create(
        Assignment(edition=edition, expert=expert, city=cities[(i + k) % 10])
        for i, expert in enumerate(experts)
        for k in range(2)
    )
    return edition


@pytest.fixture
def published_world(db):
    """Two published editions with a few awards each, for filtering tests."""
    warszawa = CityFactory(
        name_pl="Warszawa", name_uk="Варшава", slug="warszawa", latitude=52.23, longitude=21.01
    )
    lublin = CityFactory(name_pl="Lublin", slug="lublin", latitude=51.25, longitude=22.57)
    strategy = CategoryFactory(code="strategy", name_pl="Strategia", name_uk="Стратегія")
    education = CategoryFactory(code="education", name_pl="Edukacja")
    e2015 = EditionFactory(year=2015)
    e2016 = EditionFactory(year=2016)
    dialog = PracticeFactory(
        city=warszawa, title_pl="Komisja Dialogu", slug="komisja", title_uk="Комісія діалогу"
    )
    lessons = PracticeFactory(
        city=lublin,
        title_pl="Lekcje polskiego",
        slug="lekcje",
        description_pl="Kursy języka dla dzieci imigrantów.",
    )
    AwardFactory(edition=e2015, category=strategy, practice=dialog)
    AwardFactory(edition=e2016, category=education, practice=lessons)
    AwardFactory(edition=e2016, category=strategy, practice=dialog)
    return {
        "warszawa": warszawa,
        "lublin": lublin,
        "dialog": dialog,
        "lessons": lessons,
        "e2015": e2015,
        "e2016": e2016,
    }
