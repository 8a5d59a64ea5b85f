"""Fragments remembered per content version (`otwarte.cache.values.remember`): fewer queries
on a repeated request, the same page, and a save shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import City

pytestmark = pytest.mark.django_db

PAGES = ["/pl/", "/pl/practices/", "/uk/practices/?city=warszawa", "/pl/editions/2016/"]
# Every public page of one object or list: nothing read twice while nothing changes.
NO_QUERY_PAGES = [
    "/pl/practices/",
    "/uk/practices/?city=warszawa&sort=title",
    "/pl/practices/warszawa/komisja/",
    "/uk/practices/lublin/lekcje/",
    "/pl/cities/warszawa/",
    "/pl/editions/2016/",
    "/en/editions/2015/",
    "/api/v1/practices/",
    "/api/v1/awards/?city=lublin&lang=uk",
    "/api/v1/cities/",
    "/api/v1/editions/",
]


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
    from otwarte.cache.version import bump_content_version

    get(client, "/pl/practices/")
    City.objects.filter(pk=published_world["lublin"].pk).update(name_pl="Lublin Inny")
    bump_content_version()
    assert "Lublin Inny</option>" in get(client, "/pl/practices/")[0]


@pytest.mark.parametrize("path", NO_QUERY_PAGES)
def test_fragments_repeated_request_reads_nothing(client, published_world, path):
    first, _queries = get(client, path)
    second, second_queries = get(client, path)
    assert second == first
    assert second_queries == 0


def test_fragments_each_page_of_the_list_has_its_own_rows(client, published_world, settings):
    from public.views import practices

    settings.PUBLIC_FRAGMENTS = True
    page_size = practices.PAGE_SIZE
    practices.PAGE_SIZE = 1
    try:
        first = listed_slugs_of(client, "/pl/practices/?sort=title")
        second = listed_slugs_of(client, "/pl/practices/?sort=title&page=2")
        past_the_end = listed_slugs_of(client, "/pl/practices/?sort=title&page=9")
        not_a_number = listed_slugs_of(client, "/pl/practices/?sort=title&page=x")
    finally:
        practices.PAGE_SIZE = page_size
    assert first == ["komisja"] and second == ["lekcje"]
    assert past_the_end == second  # the last page, as Paginator.get_page() gives
    assert not_a_number == first


def listed_slugs_of(client, path):
    from tests.public.listing import listed_slugs

    response = client.get(path)
    assert response.status_code == 200
    return listed_slugs(response)


def test_fragments_save_shows_on_practice_city_edition_and_api(client, published_world):
    pages = ["/pl/practices/warszawa/komisja/", "/pl/cities/warszawa/", "/pl/editions/2016/",
             "/api/v1/practices/"]  # fmt: skip
    for path in pages:
        get(client, path)
    practice = published_world["dialog"]
    practice.refresh_from_db()  # its stored sort key was set after the fixture made it
    practice.title_pl = "Komisja Dialogu Społecznego"
    practice.save()
    for path in pages:
        assert "Komisja Dialogu Społecznego" in get(client, path)[0], path


def test_fragments_unknown_object_is_not_remembered(client, published_world):
    from otwarte.cache.values import REMEMBER_KEY_PREFIX

    for _ in range(2):
        assert client.get("/pl/cities/no-such-city/").status_code == 404
        assert client.get("/pl/practices/warszawa/no-such-practice/").status_code == 404
    keys = list(cache._cache)  # LocMem: the keys kept
    assert not [k for k in keys if f"{REMEMBER_KEY_PREFIX}:city:" in k]
    assert not [k for k in keys if f"{REMEMBER_KEY_PREFIX}:practice:" in k]


def test_public_views_pass_data_not_markup():
    """Markup stays in templates ({% remembered %} caches it): no view renders a
    fragment into a `*_html` context variable."""
    from pathlib import Path

    import public.views

    for module in Path(public.views.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "render_to_string" not in source, module.name
        assert "_html" not in source, module.name
