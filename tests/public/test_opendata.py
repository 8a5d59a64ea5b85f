"""The open-data package (public/opendata/): every table keyed and described,
validated by `frictionless` over HTTP as its users would, filterable per edition,
downloadable as CSV, XLSX and ODS."""

import io

import frictionless
import openpyxl
import pytest
import requests
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from otwarte.opendata import tables
from practices.enums import FollowUpStatus, Phase
from reports.enums import ReportStatus
from reports.models import FollowUp
from tests.factories import AwardFactory, EditionFactory, ReportFactory, SimilarActionFactory

EXPECTED = [
    "editions", "cities", "categories", "practices", "awards", "similar_actions", "follow_ups",
    "recommendation_progress", "criteria", "score_profiles", "survey_results", "scorecards",
]  # fmt: skip


def _url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_package_validates_with_frictionless(live_server, edition_2015, lang):
    url = live_server.url + _url("public:opendata_package", lang=lang)
    descriptor = requests.get(url, timeout=60).json()
    report = frictionless.Package(descriptor).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert [r["name"] for r in descriptor["resources"]] == [f"{n}-{lang}" for n in EXPECTED]
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert (rows[f"awards-{lang}"], rows[f"practices-{lang}"]) == (11, 11)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_table_has_keys_and_a_description_per_field(db):
    for table in tables():
        assert table.primary_key and set(table.primary_key) <= set(table.header), table.name
        assert all(str(f.description) for f in table.fields), table.name
        for fk in table.foreign_keys:
            target = next(t for t in tables() if t.name == fk.resource)
            assert set(fk.reference) <= set(target.header), (table.name, fk)


def test_polish_csv_uses_semicolons_and_decimal_commas(client, edition_2015):
    body = client.get(_url("public:opendata_table", "cities", "csv", lang="pl"))
    text = body.content.decode("utf-8-sig")
    header, lublin = text.splitlines()[0], next(l for l in text.splitlines() if l.startswith("lublin;"))
    assert header.split(";")[:3] == ["slug", "name", "teryt"]
    assert lublin.split(";")[2] == "0663011"
    assert lublin.split(";")[-2:] == ["51,24645", "22,56844"]


def test_edition_filter_keeps_one_edition_and_refuses_bad_years(client, edition_2015):
    url = _url("public:opendata_table", "awards", "csv")
    assert client.get(url, {"edition": "2015"}).status_code == 200
    assert client.get(url, {"edition": "1999"}).status_code == 404
    assert client.get(url, {"edition": "x'"}).status_code == 400
    assert client.get(_url("public:opendata_table", "nope", "csv")).status_code == 404
    assert client.get(_url("public:opendata_table", "awards", "pdf")).status_code == 404


def test_journalist_joins_awards_to_cities_by_teryt_from_the_xlsx_alone(client, edition_2015):
    response = client.get(_url("public:opendata_workbook", "xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    sheets = {}
    for name in ("awards", "cities"):
        rows = list(book[name].iter_rows(values_only=True))
        sheets[name] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    cities = {c["teryt"]: c for c in sheets["cities"] if c["teryt"]}
    joined = [(a["city"], cities[a["city_teryt"]]["slug"]) for a in sheets["awards"]
              if a["city_teryt"] in cities]  # fmt: skip
    assert joined and all(slug == city for city, slug in joined)
    assert all(isinstance(a["year"], int) for a in sheets["awards"])
    assert all(isinstance(c["latitude"], float) for c in sheets["cities"] if c["latitude"])


def test_follow_up_year_comes_from_the_accepted_follow_up(client, edition_2015):
    practice = edition_2015.awards.first().practice
    report = ReportFactory(city=practice.city, status=ReportStatus.ACCEPTED)
    FollowUp.objects.create(report=report, practice=practice, status=FollowUpStatus.EXPANDED)
    year = report.edition.year
    body = client.get(_url("public:opendata_table", "practices", "csv")).content.decode("utf-8-sig")
    line = next(l for l in body.splitlines() if l.startswith(f"{practice.city.slug},{practice.slug},"))
    assert f",expanded,{year}," in line
    body = client.get(_url("public:opendata_table", "follow_ups", "csv")).content.decode("utf-8-sig")
    assert f"{practice.city.slug},{practice.slug},{year},expanded" in body


def test_score_profiles_publish_means_and_counts_never_jurors(client, scored_edition):
    body = client.get(_url("public:opendata_table", "score_profiles", "csv")).content
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0] == "year,category,city,practice,criterion,n,mean"
    assert len(text.splitlines()) > 1
    from jury.models import Juror

    everything = client.get(_url("public:opendata_workbook", "ods")).content
    for juror in Juror.objects.all():
        assert juror.name.encode() not in text.encode() and juror.slug.encode() not in body
        assert juror.name.encode() not in everything



def _queries_per_table(client, n):
    edition = EditionFactory(phase=Phase.PUBLISHED)
    for _ in range(n):
        SimilarActionFactory(award=AwardFactory(edition=edition))
    counts = []
    for name in ("awards", "practices", "similar_actions"):
        with CaptureQueriesContext(connection) as queries:
            client.get(_url("public:opendata_table", name, "csv"), {"edition": edition.year})
        counts.append(len(queries))
    return counts


def test_tables_read_in_a_constant_number_of_queries(client, db):
    assert _queries_per_table(client, 1) == _queries_per_table(client, 3)
