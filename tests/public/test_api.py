import pytest
from django.urls import reverse

from practices.models import Edition

pytestmark = pytest.mark.django_db


def test_api_practices_filter_and_paginate(client, published_world):
    response = client.get(reverse("api:practices"), {"city": "lublin", "page_size": 1})
    data = response.json()
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["count"] == 1
    assert data["results"][0]["slug"] == "lekcje"
    assert data["results"][0]["awards"] == [
        {"year": 2016, "category": {"code": "education", "name": "Edukacja"}}
    ]
    everything = client.get(reverse("api:practices"), {"page_size": 1}).json()
    assert everything["count"] == 2 and everything["num_pages"] == 2
    assert everything["next"] == "http://testserver/api/v1/practices/?page_size=1&page=2"


def test_api_language_and_fallback(client, published_world):
    data = client.get(reverse("api:practices"), {"lang": "uk", "q": "Lekcje"}).json()
    result = data["results"][0]
    assert data["language"] == "uk"
    assert result["title"] == "Lekcje polskiego"
    assert result["untranslated"] == ["title", "description"]
    komisja = client.get(
        reverse("api:practice", args=["warszawa", "komisja"]), {"lang": "uk"}
    ).json()
    assert komisja["title"] == "Комісія діалогу"
    assert komisja["city"]["name"] == "Варшава"


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"city": "atlantyda"},
        {"page": "0"},
        {"page": "two"},
        {"page_size": "0"},
        {"lang": "de"},
        {"q": "x" * 101},
    ],
)
def test_api_invalid_input_is_400_with_errors(client, published_world, query):
    response = client.get(reverse("api:practices"), query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) <= {"year", "city", "page", "page_size", "lang", "q"}


def test_api_page_past_the_last_is_a_json_404(client, published_world):
    response = client.get(reverse("api:practices"), {"page": "9"})
    assert response.status_code == 404
    assert response.json() == {
        "errors": {"page": [{"message": "A page number from 1 to 1.", "code": "not_found"}]}
    }


@pytest.mark.parametrize("path", ["/api/v1/nowhere/", "/api/v1/editions/abc/", "/api/v1/cities/x/"])
def test_api_unknown_paths_are_json_404s(client, published_world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["path"]


def test_api_awards_cities_editions(client, edition_2015):
    awards = client.get(reverse("api:awards"), {"year": 2015, "page_size": 100}).json()
    assert awards["count"] == 11
    assert any(a["similar_actions"] for a in awards["results"])
    cities = client.get(reverse("api:cities"), {"page_size": 100}).json()
    lublin = next(c for c in cities["results"] if c["slug"] == "lublin")
    assert lublin["award_count"] == 5 and lublin["latitude"] == 51.24645
    edition = client.get(reverse("api:edition", args=[2015]), {"lang": "en"}).json()
    assert edition["title"] == "Open Cities"
    assert len(edition["jurors"]) == 5 and len(edition["criteria"]) == 4
    assert edition["untranslated"] == []
    Edition.objects.filter(year=2015).update(introduction_en="")
    edition = client.get(reverse("api:edition", args=[2015]), {"lang": "en"}).json()
    assert "introduction" in edition["untranslated"]


def test_api_is_read_only(client, published_world):
    assert client.post(reverse("api:practices")).status_code == 405
