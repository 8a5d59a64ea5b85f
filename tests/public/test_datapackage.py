"""The open data package: datapackage.json and the CSVs it describes, validated by
the `frictionless` library over HTTP from the live test server, as users would."""

import csv
import io

import frictionless
import pytest
import requests
from django.urls import reverse
from django.utils import translation

from public.datapackage import AWARD_FIELDS, EXPORT_HEADER

pytestmark = pytest.mark.django_db(transaction=True)


def _descriptor(live_server, lang="en"):
    with translation.override(lang):
        path = reverse("public:datapackage")
    response = requests.get(live_server.url + path, timeout=60)
    assert response.status_code == 200
    return response.json()


def test_datapackage_and_every_csv_validate_with_frictionless(live_server, edition_2015):
    descriptor = _descriptor(live_server)
    report = frictionless.Package(descriptor).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert [r["name"] for r in descriptor["resources"]] == [
        "awards-pl", "awards-en", "awards-uk", "awards-ru"
    ]  # fmt: skip
    assert [task.stats["rows"] for task in report.tasks] == [11, 11, 11, 11]


def test_datapackage_states_licence_languages_and_provenance(live_server, edition_2015):
    descriptor = _descriptor(live_server, "uk")
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["languages"] == ["pl", "en", "uk", "ru"]
    assert [e["year"] for e in descriptor["editions"]] == [2015]
    assert descriptor["version"] == "2015"
    assert descriptor["sources"][0]["path"] == f"{live_server.url}/uk/editions/2015/"
    uk = next(r for r in descriptor["resources"] if r["name"] == "awards-uk")
    assert uk["path"] == f"{live_server.url}/uk/practices/export.csv"
    assert uk["languages"] == ["uk", "pl"]
    assert [f["name"] for f in uk["schema"]["fields"]] == EXPORT_HEADER


def test_csv_header_is_the_described_fields(client, edition_2015):
    body = client.get(reverse("public:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == [field["name"] for field in AWARD_FIELDS]
    assert all(row["description"] for row in rows)
    assert all(row["recommendation"] for row in rows)
    with_similar = [row["similar_actions"] for row in rows if row["similar_actions"]]
    assert with_similar and all(": " in s or s for s in with_similar)
