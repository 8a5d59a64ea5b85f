"""Language links (otwarte.context_processors.languages) from the resolved URL."""

import pytest
from django.test import RequestFactory
from django.urls import resolve, translate_url
from django.utils.translation import override

from otwarte.context_processors import languages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/pl/", "/uk/practices/?city=lublin&q=a%20b", "/en/cities/lublin/", "/api/v1/practices/"],
)
def test_language_links_same_as_translate_url(path):
    request = RequestFactory().get(path)
    language = path.split("/")[1] if path.split("/")[1] in {"pl", "en", "uk", "ru"} else "pl"
    with override(language):  # as LocaleMiddleware does from the path prefix
        request.resolver_match = resolve(request.path_info)
        links = {link["code"]: link["url"] for link in languages(request)["language_links"]}
        expected = {code: translate_url(path, code) for code in links}
    assert links == expected
    assert set(links) == {"pl", "en", "uk", "ru"}


def test_language_links_without_match_fall_back(client):
    response = client.get("/uk/no-such-page/?x=1")
    assert response.status_code == 404
