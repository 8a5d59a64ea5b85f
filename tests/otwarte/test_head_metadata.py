"""base.html's head: hreflang alternates for every language and Open Graph metadata."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _meta(html, prop):
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)


@pytest.mark.parametrize("path", ["/uk/practices/?city=lublin", "/en/cities/", "/pl/editions/"])
def test_public_page_links_every_language_version(client, edition_2015, path):
    html = client.get(path).content.decode()
    rest = path[3:].replace("&", "&amp;")
    for code in ["pl", "en", "uk", "ru"]:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}{rest}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/pl{rest}">' in html


def test_public_page_has_open_graph_in_its_language(client, edition_2015):
    html = client.get("/uk/practices/?city=lublin").content.decode()
    assert _meta(html, "og:site_name") == ["Miasta Otwarte"]
    assert _meta(html, "og:type") == ["website"]
    assert _meta(html, "og:url") == ["http://testserver/uk/practices/?city=lublin"]
    assert _meta(html, "og:locale") == ["uk_UA"]
    assert sorted(_meta(html, "og:locale:alternate")) == ["en_GB", "pl_PL", "ru_RU"]
    assert len(_meta(html, "og:title")) == 1 and _meta(html, "og:title")[0]
    assert len(_meta(html, "og:description")) == 1 and _meta(html, "og:description")[0]
    assert '<meta name="description"' in html


def test_jury_pages_have_no_link_preview_metadata(client, db):
    html = client.get("/en/jury/login/").content.decode()
    assert _meta(html, "og:title") == []


def test_practice_page_is_an_article_with_its_title_and_description(client, edition_2015):
    html = client.get("/en/practices/warszawa/komisja-dialogu-spolecznego/").content.decode()
    assert _meta(html, "og:type") == ["article"]
    # 2015 is translated (issue 16): the English page previews the English title.
    assert "Social Dialogue Commission" in _meta(html, "og:title")[0]
    assert _meta(html, "og:description")[0] not in ("", _meta(
        client.get("/en/cities/").content.decode(), "og:description")[0])


def test_edition_page_title_names_the_year(client, edition_2015):
    html = client.get("/en/editions/2015/").content.decode()
    assert _meta(html, "og:title")[0].endswith(" 2015")
