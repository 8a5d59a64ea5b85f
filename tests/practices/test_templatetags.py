"""{% practice_name %} gives the markup of includes/practice_name.html."""

import pytest
from django.template.loader import render_to_string
from django.utils.translation import override

from practices.templatetags.public import practice_name
from tests.factories import CityFactory, PracticeFactory

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
