"""The civic audit's table in the open-data package (`otwarte.opendata` registry).

The public app builds the package but may not import this app (they sit side
by side in the layers), so the table is registered from `SurveysConfig.ready()`.
Aggregates only, exactly what `/api/v1/surveys/` and the results CSV publish
(`exports.cell_data`): a cell with too few answers has its count and no mean.
"""

from django.utils.translation import gettext_lazy as _

from otwarte.opendata import Field, ForeignKey, Table, register, register_city_source

from .enums import CellState, SurveyKind
from .exports import cell_data
from .models import Survey
from .ranking import survey_ranking


def _rows(*, years=None):
    surveys = Survey.objects.published().order_by("year", "kind")
    if years is not None:
        surveys = surveys.filter(year__in=years)
    rows = []
    for survey in surveys:
        ranking = survey_ranking(survey)
        for item in ranking.criteria:
            for cell in item.cells:
                data = cell_data(cell)
                rows.append([
                    survey.kind, survey.year, item.criterion.code, data["target"],
                    data["target_name"], cell.target.city.slug if cell.target.city_id else "",
                    data["n"], str(cell.state), data["mean"], data["ci_low"], data["ci_high"],
                    data["place"], data["rank_low"], data["rank_high"], data["group"],
                    data["change"],
                ])  # fmt: skip
    return rows


TABLE = register(Table(
    "survey_results", _("Civic audit results"),
    _("Published rankings of the migrants' civic audit: per survey, question and rated "
      "place, the number of answers and, from the survey's minimum on, the mean with its "
      "95% interval. No single response is published."),
    (Field("kind", "string", _("Kind of survey."), required=True,
           enum=tuple(SurveyKind.values)),
     Field("year", "integer", _("Year of the survey."), required=True),
     Field("criterion", "string", _("Code of the question."), required=True),
     Field("target", "string", _("Slug of the rated place (a consulate or a city)."),
           required=True),
     Field("target_name", "string", _("Name of the rated place.")),
     Field("city", "string", _("Slug of the city when the rated place is a city.")),
     Field("n", "integer", _("Number of counted answers."), required=True),
     Field("state", "string", _("Standing in the ranking."), enum=tuple(CellState.values)),
     Field("mean", "number", _("Mean answer on the 1–5 scale; empty below the minimum.")),
     Field("ci_low", "number", _("Lower end of the 95% interval of the mean.")),
     Field("ci_high", "number", _("Upper end of the 95% interval of the mean.")),
     Field("place", "integer", _("Place in the ranking; empty when not ranked.")),
     Field("rank_low", "integer", _("Best place of the 95% confidence set for the rank.")),
     Field("rank_high", "integer", _("Worst place of the 95% confidence set for the rank.")),
     Field("group", "integer", _("Places with the same confidence set for the rank.")),
     Field("change", "number", _("Change of the mean since the previous survey."))),
    ("kind", "year", "criterion", "target"), _rows,
    (ForeignKey(("city",), "cities", ("slug",)),),
    order=200,
))  # fmt: skip


@register_city_source
def _rated_cities(*, years=None):
    return {row[5] for row in _rows(years=years) if row[5]}
