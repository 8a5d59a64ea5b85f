"""sitemap.xml's lastmod: when the editions a page shows last changed (public/sitemaps.py)."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from practices.enums import Phase
from practices.services import change_phase
from public.sitemaps import Changes
from tests.factories import AwardFactory, CityFactory, EditionFactory, PracticeFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def lastmods(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    found = {}
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        found[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return found


def publish(edition):
    """Through the cycle's one door, so the publication is in the edition's history."""
    for phase in (Phase.EXPERT_REPORTS, Phase.JURY_SCORING, Phase.DELIBERATION, Phase.PUBLISHED):
        edition = change_phase(edition=edition, phase=phase)
    return edition


@pytest.fixture
def two_editions(db):
    lublin = CityFactory(name_pl="Lublin", slug="lublin")
    gdansk = CityFactory(name_pl="Gdańsk", slug="gdansk")
    old = EditionFactory(year=2020, phase=Phase.PREPARATION)
    new = EditionFactory(year=2021, phase=Phase.PREPARATION)
    AwardFactory(edition=old, practice=PracticeFactory(city=lublin, slug="stara"))
    AwardFactory(edition=new, practice=PracticeFactory(city=gdansk, slug="nowa"))
    return publish(old), publish(new)


def test_pages_change_when_the_editions_they_show_were_published(client, two_editions):
    old, new = two_editions
    found = lastmods(client)
    day = lambda edition: datetime.fromisoformat(
        found[f"http://testserver/pl/editions/{edition.year}/"]
    )
    assert day(old) <= day(new)
    assert (
        found["http://testserver/en/practices/lublin/stara/"]
        == found["http://testserver/en/editions/2020/"]
    )
    assert (
        found["http://testserver/uk/cities/gdansk/"] == found["http://testserver/uk/editions/2021/"]
    )
    assert found["http://testserver/ru/practices/"] == found["http://testserver/ru/editions/2021/"]
    assert found["http://testserver/pl/propose/"] is None


def test_republishing_after_a_correction_moves_lastmod(two_editions):
    # sitemap.xml shows days; the times underneath show the move within one test.
    old, _new = two_editions
    practice = old.awards.get().practice_id
    before = Changes().practices[practice]
    assert before >= old.published_at
    old = change_phase(edition=old, phase=Phase.DELIBERATION, reason="Poprawka opisu.")
    old = change_phase(edition=old, phase=Phase.PUBLISHED)
    assert Changes().practices[practice] > before
    assert old.published_at < Changes().practices[practice]  # stamped once, not moved


def test_edition_loaded_as_published_counts_from_its_stamp(client, edition_2015):
    found = lastmods(client)
    assert found["http://testserver/en/editions/2015/"].startswith("2015-05-1")
