"""HTTP caching of public pages (otwarte/cache/): ETags from the content version,
304 before any query, what a shared cache may keep, one render per change."""

import threading

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from otwarte.cache import pages, values, version
from practices.models import City

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache_on(settings):
    settings.PUBLIC_CACHE = True
    cache.clear()  # the suite's own LocMem cache
    yield
    cache.clear()


def public_urls():
    with translation.override("pl"):
        return [
            reverse("public:home"),
            reverse("public:practice_list") + "?city=lublin",
            reverse("public:export_csv"),
            reverse("api:practices"),
        ]


@pytest.mark.parametrize("index", range(4), ids=["page", "filtered list", "download", "api"])
def test_matching_etag_answers_304_without_a_query(
    anonymous, edition_2015, settings, django_assert_num_queries, index
):
    url = public_urls()[index]
    settings.PUBLIC_CACHE_MAX_BYTES = 0  # not stored: the 304 comes from the ETag alone
    first = anonymous.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(0):
        again = anonymous.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_change_alters_the_etag(anonymous, edition_2015):
    url = public_urls()[0]
    before = anonymous.get(url)["ETag"]
    city = City.objects.get(slug="lublin")
    city.name_pl = "Lublin (zmieniony)"
    city.save()
    after = anonymous.get(url, headers={"if-none-match": before})
    assert after.status_code == 200
    assert after["ETag"] != before
    assert "Lublin (zmieniony)" in after.content.decode()


def test_a_new_release_alters_the_etag_and_orphans_fragments(
    anonymous, edition_2015, monkeypatch, settings
):
    """Old and new servers side by side after a deploy: neither serves the other's
    pages, fragments or ETags (the version carries the code's fingerprint)."""
    settings.PUBLIC_FRAGMENTS = True
    url = public_urls()[0]
    before = anonymous.get(url)["ETag"]
    remembered = values.remember("test-release", lambda: "old release")
    version.code_fingerprint.cache_clear()
    monkeypatch.setattr(version, "code_fingerprint", lambda: "next-release")
    after = anonymous.get(url, headers={"if-none-match": before})
    assert after.status_code == 200
    assert after["ETag"] != before
    assert remembered == "old release"
    assert values.remember("test-release", lambda: "new release") == "new release"


def test_code_fingerprint_follows_the_templates(tmp_path, settings):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "lib.py").write_text("x = 1")
    settings.BASE_DIR = tmp_path
    version.code_fingerprint.cache_clear()
    try:
        first = version.code_fingerprint()
        (tmp_path / ".venv" / "lib.py").write_text("x = 2")  # not the project's code
        version.code_fingerprint.cache_clear()
        assert version.code_fingerprint() == first
        page.write_text("<p>two</p>")
        version.code_fingerprint.cache_clear()
        assert version.code_fingerprint() != first
    finally:
        version.code_fingerprint.cache_clear()


def test_etag_differs_per_page_and_language(anonymous, edition_2015):
    home_pl = anonymous.get("/pl/")["ETag"]
    assert anonymous.get("/en/")["ETag"] != home_pl
    assert anonymous.get("/pl/practices/")["ETag"] != home_pl


def test_public_page_may_be_kept_briefly_by_a_shared_cache(anonymous, edition_2015, settings):
    settings.PUBLIC_CACHE_SHARED_SECONDS = 30
    control = anonymous.get("/pl/")["Cache-Control"]
    assert sorted(control.split(", ")) == ["max-age=0", "public", "s-maxage=30"]


def test_response_setting_a_cookie_is_private(anonymous, edition_2015):
    # The open call's form sets the CSRF cookie.
    with translation.override("pl"):
        response = anonymous.get(reverse("public:propose"))
    assert response.cookies
    control = response.get("Cache-Control", "")
    assert "public" not in control and "private" in control


def test_logged_in_page_is_private(client_for, organiser, edition_2015):
    response = client_for(organiser).get("/pl/")
    assert "X-Cache" not in response and "ETag" not in response
    assert "private" in response["Cache-Control"]


def test_fifty_concurrent_cold_requests_render_once():
    renders = []
    arrived = threading.Event()  # set when all fifty requests are under way

    def view(request):
        renders.append(request.path)
        # Hold the render until every other request is waiting for it (or got
        # the page): they all arrive while this one renders.
        arrived.wait(timeout=10)
        return HttpResponse(b"the page", content_type="text/html")

    middleware = pages.PublicCacheMiddleware(view)
    factory = RequestFactory()
    barrier = threading.Barrier(50)
    answers = []
    lock = threading.Lock()
    waiting = [0]

    def visitor():
        request = factory.get("/pl/practices/")
        barrier.wait()
        with lock:
            waiting[0] += 1
            if waiting[0] == 50:
                arrived.set()
        response = middleware(request)
        with lock:
            answers.append((response.status_code, response.content, response["X-Cache"]))

    threads = [threading.Thread(target=visitor) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert [(status, body) for status, body, _x in answers] == [(200, b"the page")] * 50
    assert sorted({x for _s, _b, x in answers}) == ["hit", "miss"]


def test_stale_page_served_while_another_request_renders_the_new_one(settings):
    middleware = pages.PublicCacheMiddleware(
        lambda request: HttpResponse(b"version 1", content_type="text/html")
    )
    factory = RequestFactory()
    middleware(factory.get("/pl/practices/"))
    version.bump_content_version()
    key = pages._request_key(factory.get("/pl/practices/"))
    cache.add(f"{key}:render:{version.content_version()}", 1)  # a render in flight
    response = middleware(factory.get("/pl/practices/"))
    assert (response.content, response["X-Cache"]) == (b"version 1", "stale")
    # A shared cache (nginx, a CDN) must not keep the previous version for another
    # s-maxage after the change: stale at once for them.
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=0", "public"]


@pytest.mark.parametrize("index", range(4), ids=["page", "filtered list", "download", "api"])
def test_head_carries_the_etag_and_cache_control_of_get(anonymous, edition_2015, index):
    url = public_urls()[index]
    head = anonymous.head(url)  # first: nothing cached yet, the view answers
    get = anonymous.get(url)
    assert (head.status_code, head.content) == (200, b"")
    assert head["ETag"] == get["ETag"]
    assert head["Cache-Control"] == get["Cache-Control"]
    again = anonymous.head(url, headers={"if-none-match": head["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == get["ETag"]


def test_head_is_not_stored_as_the_page(anonymous, edition_2015):
    url = public_urls()[0]
    anonymous.head(url)
    get = anonymous.get(url)
    assert get["X-Cache"] == "miss" and get.content
