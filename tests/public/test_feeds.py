"""The Atom feed of newly published awards (public/feeds.py)."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from practices.enums import Phase
from practices.models import Award
from practices.services import change_phase

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content), ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_awards_feed_has_an_entry_per_published_award_in_its_language(client, edition_2015):
    feed, found = entries(client, "/en/awards.atom")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert len(found) == Award.objects.filter(edition=edition_2015).count()
    award = Award.objects.get(practice__slug="komisja-dialogu-spolecznego")
    entry = next(e for e in found if e.find(f"{ATOM}id").text.endswith(f"#award-{award.pk}"))
    link = entry.find(f"{ATOM}link").get("href")
    assert link == (
        f"http://testserver/en/practices/warszawa/komisja-dialogu-spolecznego/#award-{award.pk}"
    )
    assert "Social Dialogue Commission" in entry.find(f"{ATOM}title").text
    # Atom requires <updated> on every entry.
    assert all(e.find(f"{ATOM}updated") is not None for e in found)


def test_awards_feed_leaves_out_unpublished_editions(client, check_world):
    _feed, found = entries(client, "/pl/awards.atom")
    assert found == []


def test_newly_published_edition_comes_first_dated_by_its_publication(
    client, edition_2015, check_world
):
    change_phase(edition=check_world.edition, phase=Phase.PUBLISHED)
    _feed, found = entries(client, "/pl/awards.atom")
    first = found[0]
    assert "Punkt informacyjny" in first.find(f"{ATOM}title").text
    published = check_world.edition.__class__.objects.get(pk=check_world.edition.pk).published_at
    assert first.find(f"{ATOM}published").text == published.isoformat()
    assert published <= timezone.now()


def test_every_public_page_links_its_feed_and_calendar(client, edition_2015):
    html = client.get("/uk/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/uk/awards.atom"' in html
    assert '<link rel="alternate" type="text/calendar" href="/uk/deadlines.ics"' in html
