"""The OpenAPI document as a page (api/docs.py, templates/public/api_docs.html)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OPERATION_IDS = ["index", "listPractices", "getPractice", "listAwards", "listCities", "getCity",
                 "listEditions", "getEdition", "listSurveys", "getSurvey"]  # fmt: skip


def test_page_lists_every_operation_and_schema(client, edition_2015):
    response = client.get(reverse("api:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    for operation_id in OPERATION_IDS:
        assert f'id="{operation_id}"' in html
    for schema in ["Error", "PracticePage", "Ranking", "Cell"]:
        assert f'id="schema-{schema}"' in html
    assert 'href="/api/v1/openapi.json"' in html


def test_page_is_english_and_its_own_only_alternate(client, edition_2015):
    html = client.get(reverse("api:docs"), headers={"accept-language": "uk"}).content.decode()
    assert '<html lang="en">' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    page = "http://testserver/api/v1/docs/"
    assert alternates == [("en", page), ("x-default", page)]
    assert "Parameters" in html  # the page's own words in English too


def test_page_names_each_landmark_once(client, edition_2015):
    html = client.get(reverse("api:docs")).content.decode()
    labels = re.findall(r'role="region"[^>]*aria-label="([^"]+)"', html)
    labels += re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', html)
    assert len(labels) == len(set(labels))
