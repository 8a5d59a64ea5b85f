"""The civic audit's table in the open-data package (surveys/opendata.py, registered
through otwarte/opendata.py): aggregates only, as the API publishes them."""

import csv
import io

from django.urls import reverse
from django.utils import translation

from otwarte.opendata import tables
from tests.surveys.test_views import published  # noqa: F401 (the fixture)


def _rows(client, lang="en"):
    with translation.override(lang):
        url = reverse("public:opendata_table", args=["survey_results", "csv"])
    body = client.get(url).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body), delimiter="," if lang == "en" else ";"))


def test_survey_results_are_a_table_of_the_package():
    assert "survey_results" in [t.name for t in tables()]


def test_survey_results_publish_counts_and_means_never_a_response(client, published):  # noqa: F811
    rows = {(r["criterion"], r["target"]): r for r in _rows(client)}
    kyiv, lviv = rows[("overall", "kyiv")], rows[("overall", "lviv")]
    assert (kyiv["n"], kyiv["mean"], kyiv["state"]) == ("10", "3.5", "ranked")
    assert (lviv["n"], lviv["mean"], lviv["state"]) == ("1", "", "too_few")
    assert (kyiv["kind"], kyiv["year"]) == ("consular", "2026")
    polish = {(r["criterion"], r["target"]): r for r in _rows(client, "pl")}
    assert polish[("overall", "kyiv")]["mean"] == "3,5"


def test_unpublished_survey_has_no_rows(client, pilot):
    assert _rows(client) == []
