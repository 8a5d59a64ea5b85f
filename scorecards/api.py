"""Read-only JSON of the published city policy scorecards (/api/v1/scorecards/,
docs/api.md): a django-ninja Router mounted with the others in `api/` (one OpenAPI
document). The rows are `exports.open_data_rows`, the same as the open-data table; an
unpublished or unknown round is a 404."""

from typing import Annotated, Literal

from django.http import Http404
from django.urls import reverse
from ninja import Path, Router
from pydantic import Field

from otwarte.api import Closed, Error

from .enums import Reference, Verdict
from .exports import open_data_rows
from .models import Round

router = Router(tags=["scorecards"])

Year = Annotated[int, Path(ge=1000, le=9999, description="The edition's year.")]
URI = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Points = Annotated[float, Field(ge=0, le=100)]


class RoundRef(Closed):
    year: int
    url: URI


class RoundList(Closed):
    rounds: list[RoundRef]


class IndicatorRow(Closed):
    """One city's answer to one indicator, with its area's three views."""

    year: int
    city: str = Field(description="Slug of the city (the open data's cities table).")
    city_name: str
    area: str = Field(description="Code of the policy area.")
    area_weight: float
    indicator: str = Field(description="Code of the indicator, stable across editions.")
    revision: int = Field(description="The indicator's revision; years compare when equal.")
    indicator_weight: float
    reference: Literal[tuple(Reference.values)] = Field(description="ICC, MIPEX, OECD or empty.")
    reference_item: str
    declared_points: Points | None = Field(description="What the city declared, 0–100.")
    verified_points: Points | None = Field(description="What the expert verified, 0–100.")
    verdict: Literal[tuple(Verdict.values)] | None = Field(description="The expert's check.")
    evidence_url: str
    evidence_reference: str
    lived_points: Points | None = Field(description="Migrants' survey results, 0–100.")
    lived_n: int | None
    area_gap: bool | None = Field(description="Declared high, verified or lived low.")
    area_declared: Points | None
    area_verified: Points | None


class Scorecards(Closed):
    year: int
    rows: list[IndicatorRow]


@router.get(
    "/",
    response={200: RoundList, 400: Error},
    url_name="scorecards",
    operation_id="listScorecards",
    summary="Published scorecard rounds",
)
def rounds(request):
    years = Round.objects.published().order_by("edition__year").values_list(
        "edition__year", flat=True)
    return {"rounds": [
        {"year": year,
         "url": request.build_absolute_uri(reverse("api:scorecard_round", args=[year]))}
        for year in years
    ]}


@router.get(
    "/{int:year}/",
    response={200: Scorecards, 400: Error, 404: Error},
    url_name="scorecard_round",
    operation_id="getScorecards",
    summary="The scorecards of one published round",
    description=(
        "One row per city and indicator: declared, verified and lived (docs/scorecards.md)."
    ),
)
def scorecard_round(request, year: Year):
    if not Round.objects.published().filter(edition__year=year).exists():
        raise Http404
    return {"year": year, "rows": open_data_rows(year=year)}
