"""No filter input gives a 500: hypothesis over the filter parameters of the
list, the exports and the API."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PATHS = [
    "/pl/practices/",
    "/uk/practices/",
    "/pl/practices/export.csv",
    "/api/v1/practices/",
    "/api/v1/awards/",
]
KEYS = ["city", "year", "category", "q", "sort", "page", "page_size", "lang"]

texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "abc",
            "%00",
            "\x00",
            "2015",
            "-1",
            "0",
            "99999999999999999999",
            "1e9",
            "lublin",
            "warszawa",
            "strategy",
            "-year",
            "city",
            "NaN",
            "' OR 1=1 --",
            "x" * 5000,
            "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        ]
    ),
)
params = st.dictionaries(
    st.sampled_from(KEYS), st.one_of(texts, st.lists(texts, max_size=3)), max_size=5
)


@pytest.fixture
def world(edition_2015):
    return edition_2015


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), query=params)
def test_filter_input_never_gives_a_server_error(world, path, query):
    response = Client().get(path, query)
    assert response.status_code in (200, 400), (path, query, response.status_code)


BAD = [
    "year=abc",
    "city=nowhere",
    "q=" + "a" * 1000,
    "q=%00",
    "year=%00",
    "city=%00&page=%00",
    "page=-5",
    "sort=%00",
    "lang=xx",
    "page_size=1000",
    "year=2015&year=abc",
]


def test_known_bad_inputs(client, world):
    answers = {
        (path, query): client.get(f"{path}?{query}").status_code for path in PATHS for query in BAD
    }
    assert {key: code for key, code in answers.items() if code not in (200, 400)} == {}
