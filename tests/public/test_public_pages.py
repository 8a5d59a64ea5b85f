import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from practices.enums import FollowUpStatus
from practices.models import Award
from tests.factories import AwardFactory, PracticeFactory
from tests.public.listing import listed_slugs

pytestmark = pytest.mark.django_db


def url(name, *args, lang="pl"):
    with translation.override(lang):
        return reverse(name, args=args)


def listed(response):
    return listed_slugs(response)


def test_practice_list_shows_every_published_practice(client, published_world):
    response = client.get(url("public:practice_list"))
    assert response.status_code == 200
    assert sorted(listed(response)) == ["komisja", "lekcje"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"city": "lublin"}, ["lekcje"]),
        ({"year": "2015"}, ["komisja"]),
        ({"year": "2016"}, ["komisja", "lekcje"]),
        ({"category": "education"}, ["lekcje"]),
        ({"city": "warszawa", "year": "2016"}, ["komisja"]),
        ({"q": "dzieci imigrantów"}, ["lekcje"]),
        ({"q": "Lublin"}, ["lekcje"]),
        ({"q": "nic takiego"}, []),
    ],
)
def test_practice_list_filters(client, published_world, query, expected):
    response = client.get(url("public:practice_list"), query)
    assert sorted(listed(response)) == expected


@pytest.mark.parametrize(
    "bad",
    [
        {"year": "abc"},
        {"city": "atlantyda"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"sort": "password"},
        {"year": "99999999999"},
    ],
)
def test_practice_list_invalid_input_is_an_empty_list_with_an_error(client, published_world, bad):
    response = client.get(url("public:practice_list"), bad)
    assert response.status_code == 200
    assert listed(response) == []
    assert 'class="error-summary" role="alert"' in response.content.decode()


def test_search_in_ukrainian_finds_untranslated_and_translated_records(client, published_world):
    # "Lekcje" has no Ukrainian title: the Polish column is searched too.
    response = client.get(url("public:practice_list", lang="uk"), {"q": "Lekcje"})
    assert listed(response) == ["lekcje"]
    response = client.get(url("public:practice_list", lang="uk"), {"q": "Комісія"})
    assert listed(response) == ["komisja"]
    response = client.get(url("public:practice_list", lang="uk"), {"q": "Варшава"})
    assert listed(response) == ["komisja"]


def test_year_filter_ignores_unpublished_awards(client, published_world, hidden_edition):
    # The practice also has an award in the hidden 2031 edition: filtering by 2031 is invalid.
    AwardFactory(edition=hidden_edition, practice=published_world["lessons"])
    response = client.get(url("public:practice_list"), {"year": "2031"})
    assert listed(response) == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("city", ["lekcje", "komisja"]),
        ("title", ["komisja", "lekcje"]),
        ("year", ["lekcje", "komisja"]),
    ],  # a tie on 2016, then by city
)
def test_practice_list_sorts(client, published_world, sort, expected):
    assert listed(client.get(url("public:practice_list"), {"sort": sort})) == expected


def test_practice_list_paginates_and_keeps_filters_in_links(client, published_world):
    city = published_world["lublin"]
    for _i in range(25):
        AwardFactory(edition=published_world["e2016"], practice=PracticeFactory(city=city))
    response = client.get(url("public:practice_list"), {"city": "lublin", "sort": "title"})
    html = response.content.decode()
    assert len(listed(response)) == 20
    assert "?city=lublin&amp;sort=title&amp;page=2" in html
    assert (
        len(listed(client.get(url("public:practice_list"), {"city": "lublin", "page": "2"})))
        == 6
    )
    # A page out of range or not a number still answers.
    assert client.get(url("public:practice_list"), {"page": "x\x00"}).status_code == 200


def test_language_switcher_keeps_filters(client, published_world):
    html = client.get(
        url("public:practice_list"), {"city": "lublin", "year": "2016"}
    ).content.decode()
    assert 'href="/uk/practices/?city=lublin&amp;year=2016"' in html
    assert 'hreflang="ru" href="http://testserver/ru/practices/?city=lublin&amp;year=2016"' in html


def test_practice_page_in_ukrainian_marks_polish_fallback(client, published_world):
    practice = published_world["lessons"]
    with translation.override("uk"):
        path = practice.get_absolute_url()
    html = client.get(path).content.decode()
    assert '<html lang="uk">' in html
    assert (
        '<div class="description" lang="pl"><p>Kursy języka dla dzieci imigrantów.</p></div>'
        in html
    )
    assert "fallback-note" in html


def test_practice_page_in_polish_has_no_fallback_note(client, published_world):
    with translation.override("pl"):
        path = published_world["lessons"].get_absolute_url()
    html = client.get(path).content.decode()
    assert "fallback-note" not in html


def test_practice_page_shows_follow_up_and_links_similar_cities(client, edition_2015):
    award = Award.objects.get(edition=edition_2015, category__code="cooperation-platforms")
    practice = award.practice
    practice.follow_up_status = FollowUpStatus.EXPANDED
    practice.follow_up_year = 2016
    practice.save()
    html = client.get(practice.get_absolute_url()).content.decode()  # English (autouse)
    assert "Expanded (expert review 2016)" in html
    for action in award.similar_actions.all():
        assert f'href="/en/cities/{action.city.slug}/"' in html


def test_city_page_lists_awards_by_year(client, published_world):
    response = client.get(url("public:city", "warszawa"))
    assert response.status_code == 200
    assert [year for year, _awards in response.context["years"]] == [2016, 2015]


def test_city_without_public_mention_is_404(client, hidden_edition):
    assert client.get(url("public:city", "tajne-miasto")).status_code == 404


def test_city_list_and_map_link_every_awarded_city(client, published_world):
    html = client.get(url("public:city_list")).content.decode()
    assert html.count('href="/pl/cities/warszawa/"') == 2  # the map and the table
    assert "<circle" in html
    assert "<script" not in html and "style=" not in html


def test_edition_page_shows_jury_criteria_ceremony_chart(client, edition_2015):
    response = client.get(url("public:edition", 2015))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Priscilla Rubia" in html
    assert "Zaangażowanie samorządu" in html
    assert "Synagoga pod Białym Bocianem" in html
    assert 'class="chart-bar' in html
    assert len(response.context["groups"]()) == 11  # lazy: read inside {% remembered %}


def test_edition_page_links_booklet_only_when_the_url_exists(client, edition_2015):
    from django.urls import NoReverseMatch

    html = client.get(url("public:edition", 2015)).content.decode()
    try:
        booklet = reverse("booklet:pdf", args=[2015])
    except NoReverseMatch:
        assert "booklet.pdf" not in html
    else:
        assert booklet in html


def test_edition_page_lists_experts_with_their_cities_and_no_email(client, edition_2015):
    from practices.models import City
    from tests.factories import AssignmentFactory, UserFactory

    anna = UserFactory(
        username="anna.k", first_name="Anna", last_name="Kowalska", email="anna@example.org"
    )
    nameless = UserFactory(username="expert-bez-nazwiska", email="x@example.org")
    for user, slugs in ((anna, ["lublin", "warszawa"]), (nameless, ["wroclaw"])):
        for slug in slugs:
            AssignmentFactory(edition=edition_2015, expert=user, city=City.objects.get(slug=slug))
    html = client.get(url("public:edition", 2015)).content.decode()
    assert "Anna Kowalska (Lublin, Warszawa)" in html
    # Without a name nobody is credited: never by username (often the e-mail).
    assert "expert-bez-nazwiska" not in html
    assert "example.org" not in html
    assert "anna.k<" not in html


def test_edition_page_without_experts_has_no_experts_section(client, edition_2015):
    assert 'id="experts-heading"' not in client.get(url("public:edition", 2015)).content.decode()


def test_unpublished_edition_page_is_404(client, hidden_edition):
    assert client.get(url("public:edition", 2031)).status_code == 404
    assert client.get(url("public:edition", 99999)).status_code == 404


def test_csv_export_follows_filters(client, published_world):
    response = client.get(url("public:export_csv"), {"city": "lublin"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["year", "category", "city", "practice"]
    assert [r[2:4] for r in rows[1:]] == [["Lublin", "Lekcje polskiego"]]


def test_csv_export_neutralises_formulas(client, published_world):
    practice = published_world["lessons"]
    practice.title_pl = '=HYPERLINK("http://evil")'
    practice.save()
    body = client.get(url("public:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body


def test_json_export_in_ukrainian(client, published_world):
    response = client.get(url("public:export_json", lang="uk"), {"year": "2015"})
    data = json.loads(response.content)
    assert data["language"] == "uk"
    assert [(r["city"], r["practice"]) for r in data["results"]] == [("Варшава", "Комісія діалогу")]


def test_sitemap_lists_public_pages_in_every_language(client, published_world, hidden_edition):
    body = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/uk/practices/lublin/lekcje/" in body
    assert 'hreflang="ru" href="http://testserver/ru/cities/warszawa/"' in body
    assert "tajn" not in body


def test_home_explains_programme_and_shows_map(client, edition_2015):
    html = client.get(url("public:home")).content.decode()
    assert "Długofalowość" in html  # a criterion
    assert "<svg" in html and 'href="/pl/cities/lublin/"' in html


def test_map_coordinates_are_not_localised(client, published_world):
    # Polish formats decimals with a comma, which SVG does not read.
    html = client.get(url("public:city_list")).content.decode()
    assert re.search(r'<circle class="map-city" cx="[\d.]+" cy="[\d.]+" r="[\d.]+"/>', html)


def test_invalid_filter_shows_a_message_and_keeps_the_input(client, published_world):
    response = client.get(url("public:practice_list", lang="en"),
                          {"year": "abc", "city": "atlantyda", "q": "lekcje"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in html
    assert '<option value="abc" selected>abc (not available)</option>' in html
    assert '<option value="atlantyda" selected>atlantyda (not available)</option>' in html
    assert 'value="lekcje"' in html
    # No download links that would give an empty file as if nothing matched.
    assert "export.csv" not in html


def test_export_with_an_invalid_filter_is_400_with_the_errors(client, published_world):
    response = client.get(url("public:export_csv", lang="en"), {"year": "abc"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "some filters are not valid" in text
    assert "year: Select a valid choice. abc is not one of the available choices." in text
