"""schema.org JSON-LD: a practice as a CreativeWork with its awards, an edition's
ceremony as an Event (templates/includes/jsonld_*.html)."""

import json
import re

import pytest

from tests.factories import AwardFactory, CityFactory, EditionFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_practice_page_describes_the_practice_and_its_awards(client, edition_2015):
    html = client.get("/en/practices/warszawa/komisja-dialogu-spolecznego/").content.decode()
    [data] = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert "Social Dialogue Commission" in data["name"]
    assert data["url"] == "http://testserver/en/practices/warszawa/komisja-dialogu-spolecznego/"
    assert data["spatialCoverage"]["name"] == "Warsaw"
    assert [a.startswith("Miasta Otwarte 2015: ") for a in data["award"]] == [True]


def test_json_ld_survives_quotes_and_markup_in_texts(client):
    edition = EditionFactory(year=2030)
    practice = PracticeFactory(
        city=CityFactory(name_pl='Miasto "X"', slug="x"), slug="p",
        title_pl='Tytuł "w cudzysłowie" </script><b>', description_pl="Linia 1\nLinia 2 \\ ",
    )  # fmt: skip
    AwardFactory(edition=edition, practice=practice)
    html = client.get("/pl/practices/x/p/").content.decode()
    assert "</script><b>" not in html
    [data] = json_ld(html)
    assert data["name"] == 'Miasto "X", Tytuł "w cudzysłowie" </script><b>'
    assert data["description"] == "Linia 1 Linia 2 \\"


def test_edition_page_describes_its_ceremony_as_an_event(client, edition_2015):
    html = client.get("/en/editions/2015/").content.decode()
    [event] = json_ld(html)
    assert event["@type"] == "Event"
    assert event["startDate"].startswith("2015-05-14T15:30:00")
    assert event["location"]["name"] == "White Stork Synagogue"
    assert event["location"]["address"]["addressCountry"] == "PL"


def test_edition_without_a_ceremony_has_no_event(client):
    edition = EditionFactory(year=2030, ceremony_at=None)
    AwardFactory(edition=edition)
    assert json_ld(client.get("/en/editions/2030/").content.decode()) == []
