"""Search that forgives: no case, no diacritics, any script; city names in Latin and
Cyrillic find one another (the stored `Award.search_text`). Runs on SQLite and, with
DATABASE_URL, on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import translation

from otwarte.text import search_normalise
from practices.models import Award, City, Practice
from practices.services import refresh_search_text
from tests.public.listing import listed_slugs

pytestmark = pytest.mark.django_db


def found(client, query, language="uk"):
    with translation.override(language):
        url = reverse("public:practice_list")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return sorted(listed_slugs(response))


@pytest.mark.parametrize("language", ["pl", "uk", "ru", "en"])
@pytest.mark.parametrize(
    ("query", "exact"),
    [
        ("cudzoziemcow", "cudzoziemców"),
        ("CUDZOZIEMCÓW", "cudzoziemców"),
        ("люблін", "Люблін"),
        ("ЛЮБЛИН", "Люблин"),
        ("lublin", "Lublin"),
        ("lodz", "Łódź"),
    ],
)
def test_search_finds_what_the_exact_form_finds(client, edition_2015, language, query, exact):
    expected = found(client, exact, language)
    assert expected != []
    assert found(client, query, language) == expected


def test_search_in_any_script_finds_a_citys_awards(client, edition_2015):
    lublin = sorted(
        Award.objects.filter(edition__year=2015, practice__city__slug="lublin")
        .values_list("practice__slug", flat=True)
    )
    for query in ("lublin", "LUBLIN", "люблін", "ЛЮБЛІН", "люблин", "ЛЮБЛИН"):
        assert found(client, query) == lublin, query


def test_search_matches_every_word(client, edition_2015):
    education = ["koncepcja-systemowego-wspierania-edukacji-cudzoziemcow"]
    assert found(client, "warszawa targowek") == education  # Targówek, in the recommendation
    assert found(client, "lublin targowek") == []


def test_search_text_follows_a_saved_translation(client, edition_2015):
    practice = Practice.objects.get(slug="centrum-wielokulturowe")
    practice.title_uk = "Мультикультурний Центр Ґанку"
    practice.save()
    assert found(client, "ҐАНКУ") == ["centrum-wielokulturowe"]
    city = City.objects.get(slug="warszawa")
    city.name_ru = "Варшава-Столица"
    city.save()
    assert "centrum-wielokulturowe" in found(client, "столица")


def test_refresh_search_text_repairs_writes_without_signals(client, edition_2015):
    Award.objects.update(search_text="")
    assert found(client, "lublin") == []
    assert refresh_search_text() == Award.objects.count()
    assert found(client, "lublin") != []


def test_search_normalise():
    assert search_normalise("CUDZOZIEMCÓW  Łódź") == "cudzoziemcow lodz"
    assert search_normalise("ЛЮБЛІН Йосип Ґанок") == search_normalise("люблін йосип ґанок")


def test_a_search_without_results_says_how_to_widen_it(client, edition_2015):
    # Issue 30: "0 practices found" with no hint, and downloads of an empty list.
    with translation.override("en"):
        url = reverse("public:practice_list")
    response = client.get(url, {"q": "zzzyx", "city": "lublin", "page": "2"})
    html = response.content.decode()
    assert "No awarded practice matches" in html
    assert "zzzyx" in html
    assert "export.csv" not in html and "export.json" not in html
    # Each link drops one filter (and the page), keeping the others.
    assert 'href="?city=lublin"' in html  # without the words
    assert 'href="?q=zzzyx"' in html  # every city
    assert f'href="{url}"' in html  # all practices


def test_a_search_with_results_offers_its_downloads(client, edition_2015):
    with translation.override("en"):
        url = reverse("public:practice_list")
    html = client.get(url, {"q": "lublin"}).content.decode()
    assert "No awarded practice matches" not in html
    assert "export.csv?q=lublin" in html


def test_the_empty_search_is_in_polish_too(client, edition_2015):
    html = client.get("/pl/practices/", {"q": "zzzyx"}).content.decode()
    assert "No awarded practice matches" not in html
    assert "zzzyx" in html
