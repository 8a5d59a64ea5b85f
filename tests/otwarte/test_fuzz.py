"""Property-based bad input on what exists: never a 500, never a write from a failed login."""

import string
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
query = st.dictionaries(text, st.one_of(text, st.lists(text, max_size=3)), max_size=4)
segment = st.text(
    alphabet=string.ascii_letters + string.digits + "-_.~%ąęłóżźćńś", min_size=1, max_size=30
)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@FUZZ
@given(params=query)
def test_home_with_random_query_string_never_fails(client, edition_2015, params):
    response = client.get("/pl/?" + urlencode(params, doseq=True))
    assert response.status_code == 200


@FUZZ
@given(city=segment, slug=segment, params=query)
def test_practice_page_with_random_path_never_fails(client, edition_2015, city, slug, params):
    url = f"/en/practices/{quote(city)}/{quote(slug)}/?" + urlencode(params, doseq=True)
    response = client.get(url)
    assert response.status_code in {200, 301, 404}


@FUZZ
@given(path=st.lists(segment, min_size=1, max_size=4))
def test_random_paths_never_fail(client, db, path):
    response = client.get("/" + "/".join(quote(p) for p in path))
    assert response.status_code in {200, 301, 302, 404}


@FUZZ
@given(username=text, password=text, token=text, extra=query)
def test_admin_login_with_random_input_never_fails(
    client, organiser, username, password, token, extra
):
    data = {**extra, "username": username, "password": password, "otp_token": token}
    response = client.post(reverse("admin:login"), data)
    assert response.status_code in {200, 403, 429}
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 1
