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
    assert response.status_code in {200, 400, 403, 429}
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 1


@pytest.mark.parametrize("length", [151, 256, 300])
@pytest.mark.parametrize("login_url", ["admin:login", "public:login"])
def test_login_with_over_long_username_is_a_400(client, organiser, login_url, length):
    # django-axes stores failed user names in a 255-character column.
    response = client.post(reverse(login_url), {"username": "u" * length, "password": "x"})
    assert response.status_code == 400
    assert "A user name has at most 150 characters." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("version_id", ["abc", "1x", "%20"])
def test_admin_history_version_that_is_no_number_is_a_404(
    client_for, organiser, edition_2015, version_id
):
    from practices.models import Practice

    client = client_for(organiser)
    client.raise_request_exception = False
    practice = Practice.objects.order_by("pk").first()
    url = reverse("admin:practices_practice_history", args=[practice.pk]) + f"{version_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code in {403, 404}


ADMIN_FILTERS = [
    ("practices_city", "voivodeship"),
    ("practices_edition", "phase"),
    ("practices_practice", "initiator"),
    ("practices_practice", "follow_up_status"),
    ("practices_practiceproposal", "status"),
    ("jury_juror", "preferred_language"),
    ("reports_report", "status"),
    ("auth_user", "username__exact"),
]


@pytest.mark.parametrize(("model", "parameter"), ADMIN_FILTERS)
def test_admin_changelist_filter_with_nul_byte_is_a_400(client_for, organiser, model, parameter):
    client = client_for(organiser)
    client.raise_request_exception = False
    url = reverse(f"admin:{model}_changelist") + f"?{parameter}=a%00b"
    assert client.get(url).status_code == 400


@FUZZ
@given(username=text, password=text, token=text)
def test_jury_login_with_random_input_never_fails(client, organiser, username, password, token):
    data = {"username": username, "password": password, "otp_token": token}
    response = client.post(reverse("public:login"), data)
    assert response.status_code in {200, 400, 429}
    assert "_auth_user_id" not in client.session
