"""Headers on every response and the generic error pages."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import path, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_csp_header_is_strict(anonymous):
    csp = anonymous.get(reverse("public:home"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in csp


@pytest.mark.parametrize("url", ["/en/", "/en/admin/login/"])
def test_security_headers_are_set(anonymous, url):
    response = anonymous.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_no_ssl_redirect_by_default(anonymous):
    assert anonymous.get("/en/").status_code == 200


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_proxy_header_marks_request_secure(anonymous):
    assert anonymous.get("/en/").status_code == 301
    assert anonymous.get("/en/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


@override_settings(ALLOWED_HOSTS=["otwarte.example.org"])
def test_unknown_host_gets_generic_400(anonymous):
    response = anonymous.get("/en/", headers={"Host": "evil.example.com"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert "evil" not in response.content.decode()


def test_404_page_is_generic_and_translated(anonymous):
    response = anonymous.get("/pl/practices/nie-ma/takiej/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="pl"' in body
    assert "<h1>" in body
    assert "Traceback" not in body


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "429.html", "500.html"])
@pytest.mark.parametrize("lang", ["pl", "en", "uk", "ru"])
def test_error_pages_render_without_context(template, lang, django_assert_num_queries):
    with translation.override(lang), django_assert_num_queries(0):
        html = render_to_string(template)
    assert f'lang="{lang}"' in html
    assert '<main id="main"' in html
    assert "<script" not in html and "style=" not in html


def _boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_leaks_nothing(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>" in body and 'id="main"' in body
    assert "secret-internal-detail" not in body
    assert "RuntimeError" not in body
