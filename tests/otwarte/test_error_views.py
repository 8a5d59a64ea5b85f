"""The CSRF failure page and the API's answer to writes."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csrf_failure_uses_the_site_error_layout(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("jury:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form has expired" in html
    assert "css/site.css" in html
    assert "DEBUG" not in html
    assert "<style" not in html and "style=" not in html


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("name", ["api:index", "api:practices", "api:cities", "api:editions"])
def test_api_write_answers_405_even_with_csrf_checks(db, name, method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
