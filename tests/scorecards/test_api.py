"""The scorecards in the JSON API and the open-data package (issue 27)."""

import pytest
from django.urls import reverse

from otwarte.opendata import tables
from scorecards import services
from scorecards.exports import COLUMNS
from scorecards.opendata import FIELDS

pytestmark = pytest.mark.django_db


def test_the_table_describes_every_column():
    assert [field.name for field in FIELDS] == COLUMNS
    assert "scorecards" in {table.name for table in tables()}


def test_published_rounds_only(client, world, this_round):
    listed = client.get(reverse("api:scorecards")).json()
    assert [r["year"] for r in listed["rounds"]] == [world.last_round.year]
    unpublished = client.get(reverse("api:scorecard_round", args=[this_round.year]))
    assert unpublished.status_code == 404 and "errors" in unpublished.json()
    services.publish_round(round=this_round)
    assert client.get(reverse("api:scorecard_round", args=[this_round.year])).status_code == 200


def test_a_round_gives_one_row_per_city_and_indicator(client, world):
    data = client.get(reverse("api:scorecard_round", args=[world.last_round.year])).json()
    assert data["year"] == world.last_round.year
    assert len(data["rows"]) == 9 and set(data["rows"][0]) == set(COLUMNS)


def test_the_api_index_links_to_the_scorecards(client):
    assert client.get(reverse("api:index")).json()["scorecards"].endswith("/api/v1/scorecards/")


def test_the_cities_table_holds_the_scorecards_cities(world, client):
    # A scorecard may name a city no published award names: the foreign key still holds.
    from otwarte.opendata import referenced_city_slugs
    from public.opendata.tables import _cities

    slugs = {row[0] for row in _cities()}
    assert referenced_city_slugs() <= slugs
    assert {row["city"] for row in client.get(
        reverse("api:scorecard_round", args=[world.last_round.year])).json()["rows"]} <= slugs
