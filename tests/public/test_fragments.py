"""Fragments remembered per content version (`otwarte.cache.remember`): fewer queries
on a repeated request, the same page, and a save shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import City

pytestmark = pytest.mark.django_db

PAGES = ["/pl/", "/pl/practices/", "/uk/practices/?city=warszawa", "/pl/editions/2016/"]


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PUBLIC_FRAGMENTS = True
    cache.clear()  # the suite's own LocMem cache, never a shared one
    yield
    cache.clear()


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("path", PAGES)
def test_fragments_repeated_request_same_page_fewer_queries(client, published_world, path):
    first, first_queries = get(client, path)
    second, second_queries = get(client, path)
    assert second == first
    assert second_queries < first_queries
    assert second_queries <= 5


def test_fragments_save_changes_choices_and_map(client, published_world):
    get(client, "/pl/practices/")
    get(client, "/pl/")
    city = published_world["lublin"]
    city.name_pl = "Lublin Nowy"
    city.save()
    assert "Lublin Nowy</option>" in get(client, "/pl/practices/")[0]
    assert "Lublin Nowy" in get(client, "/pl/")[0]


def test_fragments_per_language(client, published_world):
    get(client, "/pl/practices/")
    assert "Варшава" in get(client, "/uk/practices/")[0]
    assert "Варшава" not in get(client, "/pl/practices/")[0]


def test_fragments_off_reads_every_time(client, published_world, settings):
    settings.PUBLIC_FRAGMENTS = False
    _page, first = get(client, "/pl/practices/")
    _page, second = get(client, "/pl/practices/")
    assert first == second


def test_fragments_bump_without_signals_invalidates(client, published_world):
    from otwarte.cache import bump_content_version

    get(client, "/pl/practices/")
    City.objects.filter(pk=published_world["lublin"].pk).update(name_pl="Lublin Inny")
    bump_content_version()
    assert "Lublin Inny</option>" in get(client, "/pl/practices/")[0]
