"""{% practice_name %} and {% practice_items %} give the markup of their reference includes."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils.translation import override

from practices.enums import FollowUpStatus, Phase
from practices.models import Practice
from public.filters import public_awards_prefetch
from public.templatetags.public import (
    award_link_items,
    city_award_items,
    mention_items,
    practice_items,
    practice_name,
)
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    EditionFactory,
    PracticeFactory,
    SimilarActionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
@pytest.mark.parametrize(
    "city_names, title_names",
    [
        ({"name_pl": "Łódź", "name_uk": "Лодзь"}, {"title_pl": "Rada <&> \"x\"", "title_uk": ""}),
        ({"name_pl": "Gdańsk"}, {"title_pl": "", "title_en": ""}),
        ({"name_pl": "Kraków", "name_en": "Cracow"}, {"title_pl": "Dialog", "title_en": "Dialogue"}),
    ],
)
def test_practice_name_same_markup_as_include(language, city_names, title_names):
    practice = PracticeFactory(city=CityFactory(**city_names), **title_names)
    with override(language):
        expected = render_to_string("includes/practice_name.html", {"practice": practice})
        assert practice_name(practice) == expected.rstrip("\n")  # the file ends in a newline


def _squeeze(markup):
    """Whitespace between tags and at the ends does not matter in this markup."""
    return re.sub(r">\s+<", "><", markup).strip()


@pytest.mark.parametrize("language", ["pl", "en", "uk", "ru"])
def test_practice_items_same_markup_as_include(language):
    city = CityFactory(name_pl="Łódź", name_uk="Лодзь")
    category = CategoryFactory(name_pl="Edukacja <i>", name_en="Education")
    plain = PracticeFactory(city=city, title_pl="Rada <&> \"x\"")
    followed = PracticeFactory(
        city=city, title_pl="Dialog", title_en="Dialogue",
        follow_up_status=FollowUpStatus.REDUCED, follow_up_year=2043,
    )  # fmt: skip
    no_year = PracticeFactory(city=city, follow_up_status=FollowUpStatus.ENDED)
    edition = EditionFactory(year=2041)
    for practice in (plain, followed, no_year):
        AwardFactory(practice=practice, category=category, edition=edition)
    AwardFactory(practice=followed, category=category, edition=EditionFactory(year=2042))
    AwardFactory(practice=plain, edition=EditionFactory(year=2044, phase=Phase.DELIBERATION))

    with override(language):
        practices = list(
            Practice.objects.filter(pk__in=[plain.pk, followed.pk, no_year.pk])
            .select_related("city")
            .prefetch_related(public_awards_prefetch())
            .order_by("pk")
        )
        expected = "".join(
            render_to_string("includes/practice_item.html", {"practice": p}) for p in practices
        )
        built = practice_items(practices)

    assert _squeeze(built) == _squeeze(expected)
    assert "2044" not in built  # unpublished awards are not badges
    assert built.count('<li class="practice-item">') == 3


def _squeeze_text(markup):
    """As the browser shows it: whitespace runs are one space, none between tags."""
    return re.sub(r"\s+</li>", "</li>", re.sub(r"\s+", " ", _squeeze(markup)))


@pytest.mark.parametrize("language", ["pl", "en", "uk", "ru"])
def test_city_award_items_and_mention_items_same_markup_as_includes(language):
    city = CityFactory(name_pl="Łódź", name_uk="Лодзь")
    other = CityFactory(name_pl="Gdańsk <b>")
    category = CategoryFactory(name_pl="Edukacja & praca", name_en="Education")
    edition = EditionFactory(year=2041)
    awards = [
        AwardFactory(practice=PracticeFactory(city=city, title_pl="Rada <&> 'x'"),
                     category=category, edition=edition),
        AwardFactory(practice=PracticeFactory(city=city, title_pl="", slug="bez-tytulu"),
                     category=category, edition=edition),
        AwardFactory(
            practice=PracticeFactory(city=city, title_pl="Dialog", title_uk="Діалог",
                                     follow_up_status=FollowUpStatus.EXPANDED,
                                     follow_up_year=2043),
            category=category, edition=edition,
        ),
        AwardFactory(
            practice=PracticeFactory(city=city, follow_up_status=FollowUpStatus.ENDED),
            category=category, edition=edition,
        ),
    ]  # fmt: skip
    mentions = [
        SimilarActionFactory(award=awards[0], city=other, practice=None),
        SimilarActionFactory(
            award=awards[2], city=other, practice=PracticeFactory(city=other, title_pl="Punkt")
        ),
    ]

    with override(language):
        expected = "".join(
            render_to_string("includes/city_award_item.html", {"award": a, "city": city})
            for a in awards
        )
        assert _squeeze_text(city_award_items(awards, city)) == _squeeze_text(expected)
        expected = "".join(
            render_to_string("includes/mention_item.html", {"action": m}) for m in mentions
        )
        assert _squeeze_text(mention_items(mentions)) == _squeeze_text(expected)


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_award_link_items_same_markup_as_include(language):
    city = CityFactory(name_pl="Łódź", name_uk="Лодзь")
    awards = [
        AwardFactory(practice=PracticeFactory(city=city, title_pl="Rada <&>")),
        AwardFactory(practice=PracticeFactory(city=city, title_pl="", slug="bez-tytulu")),
    ]
    with override(language):
        expected = "".join(
            render_to_string("includes/award_link_item.html", {"award": a}) for a in awards
        )
        assert _squeeze(award_link_items(awards)) == _squeeze(expected)
