"""Query counts do not grow with data: the same count at 10 and at 1,000 awards,
and at most 8 on every public page (n+1 tests)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.public.conftest import build_published

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
PAGES = [
    "/pl/",
    "/pl/practices/",
    "/uk/practices/?city=m-2040-1&year=2040&category=k-2040-1&q=Praktyka&sort=city",
    "/pl/practices/export.csv",
    "/pl/practices/export.json?city=m-2040-2",
    "/pl/practices/m-2040-0/praktyka-0/",
    "/pl/cities/",
    "/uk/cities/m-2040-1/",
    "/pl/editions/",
    "/uk/editions/2040/",
    "/pl/propose/",
    "/sitemap.xml",
    "/api/v1/practices/?lang=uk",
    "/api/v1/practices/?city=m-2040-1&year=2040&q=Praktyka",
    "/api/v1/practices/m-2040-0/praktyka-0/",
    "/api/v1/awards/?page_size=100",
    "/api/v1/cities/",
    "/api/v1/cities/m-2040-1/",
    "/api/v1/editions/",
    "/api/v1/editions/2040/",
]
# The sitemap and the exports list everything: constant queries, growing output.


def counts(client):
    result = {}
    for path in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        result[path] = len(queries)
    return result


@pytest.fixture(scope="module")
def counts_by_size(django_db_blocker, django_db_setup):
    """Query counts at 10 and at 1,000 awards (data built once for the module)."""
    from django.db import transaction
    from django.test import Client

    sizes = {}
    with django_db_blocker.unblock():
        for n in (10, 1000):
            with transaction.atomic():
                build_published(n)
                sizes[n] = counts(Client())
                transaction.set_rollback(True)
    return sizes


@pytest.mark.parametrize("path", PAGES)
def test_query_count_does_not_grow_with_data(counts_by_size, path):
    assert counts_by_size[10][path] == counts_by_size[1000][path]


@pytest.mark.parametrize("path", PAGES)
def test_query_count_is_at_most_eight(counts_by_size, path):
    assert counts_by_size[1000][path] <= MAX_QUERIES
