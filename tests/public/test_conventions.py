"""The web's conventions: robots.txt, canonical links, the favicon, og:image
(public/conventions.py, otwarte/context_processors.py, templates/base.html)."""

import re
import struct

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_private_sections(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for private in ("/pl/admin/", "/en/jury/", "/uk/city-check/", "/ru/surveys/*/r/"):
        assert f"Disallow: {private}" in lines
    assert not any(line == "Disallow: /" or "/practices/" in line for line in lines)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/", "http://testserver/en/"),
        ("/en/practices/?city=lublin&q=x", "http://testserver/en/practices/"),
        ("/en/practices/?page=2", "http://testserver/en/practices/?page=2"),
        ("/en/practices/?page=1", "http://testserver/en/practices/"),
        ("/uk/editions/2015/", "http://testserver/uk/editions/2015/"),
        (
            "/pl/practices/warszawa/komisja-dialogu-spolecznego/",
            "http://testserver/pl/practices/warszawa/komisja-dialogu-spolecznego/",
        ),
    ],
)
def test_public_pages_have_one_canonical_link(client, edition_2015, path, expected):
    assert canonical(client.get(path).content.decode()) == [expected]


@pytest.mark.parametrize("path", ["/en/login/", "/en/propose/thanks/", "/en/city-check/nope/"])
def test_personal_and_follow_up_pages_have_no_canonical_link(client, path):
    assert canonical(client.get(path).content.decode()) == []


def test_pages_have_the_svg_favicon(client, db):
    html = client.get("/pl/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert (settings.BASE_DIR / "static" / "favicon.svg").read_text().startswith("<svg")
    not_found = client.get("/pl/no-such-page/").content.decode()
    assert 'rel="icon"' in not_found


def test_link_previews_have_an_absolute_png_image_of_the_announced_size(client, db):
    html = client.get("/en/cities/").content.decode()
    image = re.findall(r'<meta property="og:image" content="([^"]*)">', html)
    assert image == ["http://testserver/static/img/og-image.png"]
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    png = (settings.BASE_DIR / "static" / "img" / "og-image.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)


def test_filter_form_submits_to_the_list(client, edition_2015):
    # An empty action attribute is invalid HTML (the Nu checker's error).
    html = client.get("/en/practices/?q=x").content.decode()
    assert '<form class="filters" method="get" action="/en/practices/"' in html
