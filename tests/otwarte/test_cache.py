import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from otwarte.cache import pages, version
from practices.models import Award, Category
from practices.services import unpublish_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache_on(settings):
    settings.PUBLIC_CACHE = True
    cache.clear()
    yield
    cache.clear()


def home_url(lang="pl"):
    with translation.override(lang):
        return reverse("public:home")


@pytest.fixture
def award(edition_2015):
    return Award.objects.select_related("practice").get(
        edition=edition_2015, category__code="cooperation-platforms"
    )


def test_public_cache_second_anonymous_get_needs_no_query(
    anonymous, edition_2015, django_assert_num_queries
):
    first = anonymous.get(home_url())
    with django_assert_num_queries(0):
        second = anonymous.get(home_url())
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_public_cache_sets_etag_and_answers_304(anonymous, edition_2015):
    first = anonymous.get(home_url())
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = anonymous.get(home_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_public_cache_serves_head_from_get_without_body(anonymous, edition_2015):
    body = anonymous.get(home_url()).content
    head = anonymous.head(home_url())
    assert (head.status_code, head["X-Cache"], head.content) == (200, "hit", b"")
    assert head["Content-Length"] == str(len(body))


def test_public_cache_bypassed_for_logged_in_user(client_for, organiser, edition_2015):
    client = client_for(organiser)
    client.get(home_url())
    response = client.get(home_url())
    assert "X-Cache" not in response


def test_public_cache_bypassed_with_messages_cookie(anonymous, edition_2015):
    anonymous.get(home_url())
    anonymous.cookies[CookieStorage.cookie_name] = "x"
    assert "X-Cache" not in anonymous.get(home_url())


def test_public_cache_anonymous_not_served_logged_in_page(client_for, organiser, edition_2015):
    client_for(organiser).get(home_url())
    assert Client().get(home_url())["X-Cache"] == "miss"


@pytest.mark.parametrize(("first", "second"), [("pl", "en"), ("en", "uk")])
def test_public_cache_differs_per_language(anonymous, edition_2015, first, second):
    assert anonymous.get(home_url(first))["X-Cache"] == "miss"
    response = anonymous.get(home_url(second))
    assert response["X-Cache"] == "miss"
    assert f'<html lang="{second}">' in response.content.decode()


def test_public_cache_differs_per_query_string(anonymous, award):
    url = award.practice.get_absolute_url()
    anonymous.get(url + "?x=1")
    response = anonymous.get(url + "?x=2")
    assert response["X-Cache"] == "miss"
    assert "?x=2" in response.content.decode()
    assert anonymous.get(url + "?x=1")["X-Cache"] == "hit"


def test_public_cache_shows_saved_title_on_next_get(anonymous, award):
    url = award.practice.get_absolute_url()
    anonymous.get(url)
    award.practice.title_en = "Tytuł zmieniony przed chwilą"
    award.practice.save()
    response = anonymous.get(url)
    assert response["X-Cache"] == "miss"
    assert "Tytuł zmieniony przed chwilą" in response.content.decode()


def test_public_cache_drops_deleted_similar_action(anonymous, award):
    url = award.practice.get_absolute_url()
    action = award.similar_actions.select_related("city").first()
    assert action.city.name_pl in anonymous.get(url).content.decode()
    award.similar_actions.all().delete()
    assert "Similar actions" not in anonymous.get(url).content.decode()


def test_public_cache_invalidated_by_unpublishing(anonymous, award, organiser):
    link = award.practice.get_absolute_url()  # English: the active language in tests
    assert link in anonymous.get(home_url("en")).content.decode()
    unpublish_edition(edition=award.edition, by=organiser, reason="A correction.")
    assert link not in anonymous.get(home_url("en")).content.decode()


def test_public_cache_invalidated_by_m2m_change(anonymous, award):
    anonymous.get(home_url())
    award.practice.categories.add(Category.objects.get(code="strategy"))
    assert anonymous.get(home_url())["X-Cache"] == "miss"
    anonymous.get(home_url())
    award.practice.categories.clear()
    assert anonymous.get(home_url())["X-Cache"] == "miss"


def test_public_cache_invalidated_by_juror_quote_edit(anonymous, award):
    url = award.practice.get_absolute_url()
    anonymous.get(url)
    quote = award.quotes.get()
    quote.text_en = "Nowy cytat jurora"
    quote.save()
    assert "Nowy cytat jurora" in anonymous.get(url).content.decode()


def test_content_version_bumped_again_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            before = version.content_version()
            version.bump_content_version()
            during = version.content_version()
    assert before != during
    assert len(callbacks) == 1  # with PUBLIC_CACHE_VERSION_STORE=database, two
    callbacks[0]()
    assert version.content_version() != during


@pytest.fixture
def database_store(settings):
    settings.PUBLIC_CACHE_VERSION_STORE = "database"


def test_database_store_is_the_default_with_a_per_process_cache(settings):
    settings.PUBLIC_CACHE_VERSION_STORE = ""
    assert version.version_store() == "database"
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}
    settings.CACHES = {**settings.CACHES, "shared": redis}
    settings.PUBLIC_CACHE_ALIAS = "shared"
    assert version.version_store() == "cache"


def test_database_store_hit_needs_one_query(
    database_store, anonymous, edition_2015, django_assert_num_queries
):
    anonymous.get(home_url())
    with django_assert_num_queries(1):
        second = anonymous.get(home_url())
    assert second["X-Cache"] == "hit"


def test_database_store_bump_after_commit_reaches_other_processes(
    database_store, django_capture_on_commit_callbacks
):
    from otwarte.models import ContentVersion

    before = version.content_version()
    stored = ContentVersion.objects.get().value
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            version.bump_content_version()
            # Not yet in the database: other processes see it with the commit.
            assert ContentVersion.objects.get().value == stored
    assert ContentVersion.objects.get().value != stored
    # Another process's local part differs, but the shared part has moved on.
    cache.delete(version.VERSION_KEY)
    assert version.content_version().split(".")[0] != before.split(".")[0]


def test_content_version_recreated_after_eviction():
    first = version.content_version()
    cache.delete(version.VERSION_KEY)
    assert version.content_version() not in {None, first}


def test_public_cache_off_setting_disables_it(anonymous, edition_2015, settings):
    settings.PUBLIC_CACHE = False
    anonymous.get(home_url())
    assert "X-Cache" not in anonymous.get(home_url())


@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/pl/", True),
        ("/uk/practices/lublin/x/", True),
        ("/api/v1/practices/", True),
        ("/pl/admin/", False),
        ("/en/admin/login/", False),
        ("/pl/jury/", False),
        ("/pl/reports/", False),
        ("/pl/administration/", True),
        ("/bench/bare/", False),
        ("/i18n/setlang/", False),
        ("/static/css/site.css", False),
    ],
)
def test_is_public_path(path, public):
    assert pages.is_public_path(path) is public


def _response(**headers):
    response = HttpResponse("x")
    for name, value in headers.items():
        response[name] = value
    return response


def test_response_is_cacheable_plain_200():
    assert pages._response_is_cacheable(_response(Vary="Accept-Language"))


@pytest.mark.parametrize(
    "headers",
    [{"Vary": "Cookie"}, {"Vary": "Accept-Language, Cookie"}, {"Vary": "*"},
     {"Cache-Control": "private"}, {"Cache-Control": "no-store"}],
)  # fmt: skip
def test_response_not_cacheable_when_session_dependent(headers):
    assert not pages._response_is_cacheable(_response(**headers))


def test_response_not_cacheable_when_setting_cookie_or_not_200():
    with_cookie = _response()
    with_cookie.set_cookie("csrftoken", "abc")
    not_found = HttpResponse("x", status=404)
    assert not pages._response_is_cacheable(with_cookie)
    assert not pages._response_is_cacheable(not_found)


def test_bench_bare_view_absent_in_normal_settings():
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")
