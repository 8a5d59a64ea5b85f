"""Read-only JSON of the published survey rankings (/api/v1/surveys/, docs/api.md): a
django-ninja Router mounted with the awards' one in `api/` (one OpenAPI document).

Aggregates only, as in `exports.py`. `?lang=` (pl, en, uk, ru) picks the
language of titles and names, falling back to Polish. An unpublished ranking is a 404.
"""

from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Path, Router
from pydantic import Field

from otwarte.api import DEFAULT_LANGUAGE, Closed, Error, Lang

from . import exports
from .enums import CellState, SurveyKind
from .models import Survey
from .ranking import survey_ranking

router = Router(tags=["surveys"])

Kind = Annotated[Literal[tuple(SurveyKind.values)], Path(description="What the survey rates.")]
Year = Annotated[int, Path(ge=1000, le=9999, description="The survey's year.")]
URI = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Score = Annotated[float, Field(ge=1, le=5)]


class SurveyRef(Closed):
    kind: Literal[tuple(SurveyKind.values)]
    year: int
    title: str
    url: URI


class SurveyList(Closed):
    surveys: list[SurveyRef]


class Cell(Closed):
    """One target in one criterion; a target with too few answers has its `n` only."""

    target: str
    target_name: str
    n: int = Field(ge=0)
    state: Literal[tuple(CellState.values)]
    mean: Score | None
    ci_low: Score | None = Field(description="95 % t interval, clipped to the scale.")
    ci_high: Score | None
    place: int | None = Field(ge=1, description="The best rank the data allow (rank_low).")
    rank_low: int | None = Field(
        ge=1, description="The simultaneous 95 % confidence set for the rank: best place."
    )
    rank_high: int | None = Field(ge=1, description="… and worst place.")
    group: int | None = Field(ge=1, description="Targets with the same rank set share it.")
    responses: int = Field(ge=0, description="Responses counted (before independence).")
    by_code: int = Field(ge=0, description="Of these, answered with a code.")
    by_email: int = Field(ge=0, description="Of these, verified by e-mail.")
    held_back: int = Field(
        ge=0, description="Responses from bursts held back until organisers review them."
    )
    change: float | None = Field(description="Against the previous published survey of the kind.")


class CriterionRanking(Closed):
    code: str
    name: str
    cells: list[Cell]


class Ranking(Closed):
    kind: Literal[tuple(SurveyKind.values)]
    year: int
    title: str
    opens_on: Annotated[str, Field(json_schema_extra={"format": "date"})]
    closes_on: Annotated[str, Field(json_schema_extra={"format": "date"})]
    min_responses: int
    responses: int = Field(ge=0)
    previous_year: int | None
    method: str
    criteria: list[CriterionRanking]


@router.get(
    "/",
    response={200: SurveyList, 400: Error},
    url_name="index",
    operation_id="listSurveys",
    summary="Published survey rankings",
)
def index(request, lang: Lang = DEFAULT_LANGUAGE):
    with translation.override(lang):
        surveys = [
            {
                "kind": s.kind,
                "year": s.year,
                "title": s.title,
                "url": request.build_absolute_uri(
                    reverse("surveys_api:survey", args=[s.kind, s.year])
                ),
            }
            for s in Survey.objects.published()
        ]
    return {"surveys": surveys}


@router.get(
    "/{slug:kind}/{int:year}/",
    response={200: Ranking, 400: Error, 404: Error},
    url_name="survey",
    operation_id="getSurvey",
    summary="One published ranking",
    description=(
        "Per criterion and target: `n` (independent respondents), `state`, `mean` with its "
        "95 % interval, the rank set `rank_low`–`rank_high` (`place` = `rank_low`), "
        "`group`, how the responses came (`responses`, `by_code`, `by_email`, `held_back`) "
        "and `change`; docs/surveys.md."
    ),
)
def survey(request, kind: Kind, year: Year, lang: Lang = DEFAULT_LANGUAGE):
    found = get_object_or_404(Survey.objects.published(), kind=kind, year=year)
    with translation.override(lang):
        return exports.ranking_data(survey_ranking(found))
