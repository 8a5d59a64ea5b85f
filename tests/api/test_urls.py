"""Every answer under /api/ is JSON with the `Error` body, CORS, GET and HEAD only
(api/urls.py, api/main.py)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "errors": {"path": [{"message": "Not found (or not published).", "code": "not_found"}]}
}


def test_index_lists_every_list_including_the_surveys(client, db):
    data = client.get(reverse("api:index")).json()
    assert sorted(data) == [
        "awards", "cities", "docs", "editions", "openapi", "practices", "scorecards", "surveys"
    ]  # fmt: skip
    assert data["surveys"] == "http://testserver/api/v1/surveys/"
    for url in data.values():
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("path", ["/api/", "/api/v2/awards/", "/api/v1/surveys/x/2026/",
                                  "/api/v1/surveys/consular/99999/", "/api/v1/editions/99999/"])  # fmt: skip
def test_unknown_paths_anywhere_under_api_are_json_404s(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "url", ["/api/v1/surveys/", "/api/v1/surveys/consular/2026/", "/api/v1/openapi.json", "/api/x"]
)
def test_writes_are_json_405s_with_allow(db, method, url):
    response = getattr(Client(enforce_csrf_checks=True), method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert list(response.json()["errors"]) == ["method"]


def test_head_answers_as_get_without_a_body(client, db):
    get = client.get(reverse("api:cities"))
    head = client.head(reverse("api:cities"))
    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Type"] == get["Content-Type"] == "application/json"


def test_nul_in_q_is_a_400_in_english(client, db):
    response = client.get(reverse("api:awards"), {"q": "a\x00b", "lang": "uk"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "q": [
                {"message": "Null characters are not allowed.", "code": "string_pattern_mismatch"}
            ]
        }
    }


def test_a_filter_error_is_in_english_whatever_the_language(client, edition_2015):
    response = client.get(reverse("api:practices"), {"city": "atlantyda", "lang": "pl"})
    assert response.status_code == 400
    [error] = response.json()["errors"]["city"]
    assert error["code"] == "invalid_choice"
    assert error["message"].startswith("Select a valid choice.")


def test_surveys_bad_language_has_the_error_body(client, db):
    response = client.get(reverse("surveys_api:index"), {"lang": "xx"})
    assert response.status_code == 400
    [error] = response.json()["errors"]["lang"]
    assert error["code"] == "literal_error"


def test_server_error_is_json(db, monkeypatch):
    def broken():
        raise RuntimeError("broken")

    monkeypatch.setattr("public.api._cities", broken)
    response = Client(raise_request_exception=False).get(reverse("api:cities"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["server"]
