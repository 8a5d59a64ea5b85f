"""The scorecards' table in the open-data package (`otwarte.opendata` registry),
registered from `ScorecardsConfig.ready()` (public builds the package and may not
import this app). The rows are `exports.open_data_rows`, as in the API."""

from django.utils.translation import gettext_lazy as _

from otwarte.opendata import Field, ForeignKey, Table, register, register_city_source

from .exports import COLUMNS, open_data_rows
from .models import CityScorecard, Round

FIELDS = (
    Field("year", "integer", _("Year of the edition."), required=True),
    Field("city", "string", _("Slug of the city."), required=True),
    Field("city_name", "string", _("Name of the city (Polish).")),
    Field("area", "string", _("Code of the policy area."), required=True),
    Field("area_weight", "number", _("Weight of the area in the city's score.")),
    Field("indicator", "string", _("Code of the indicator, stable across editions."),
          required=True),
    Field("revision", "integer", _("Revision of the indicator; years compare when equal.")),
    Field("indicator_weight", "number", _("Weight of the indicator in its area.")),
    Field("reference", "string", _("Public index the indicator corresponds to (icc, mipex, "
                                   "oecd) or empty.")),
    Field("reference_item", "string", _("Item of that index.")),
    Field("declared_points", "number", _("What the city declared, 0–100.")),
    Field("verified_points", "number", _("What the city's expert verified, 0–100.")),
    Field("verdict", "string", _("The expert's check: pending, agree or different.")),
    Field("evidence_url", "string", _("The city's evidence: a link.")),
    Field("evidence_reference", "string", _("The city's evidence: a document reference.")),
    Field("lived_points", "number", _("Migrants' survey results for the area, 0–100.")),
    Field("lived_n", "integer", _("Independent respondents behind the lived view.")),
    Field("area_gap", "boolean", _("Declared high while verified or lived is low.")),
    Field("area_declared", "number", _("The area's declared score, 0–100.")),
    Field("area_verified", "number", _("The area's verified score, 0–100.")),
)


def _rows(*, years=None):
    rows = []
    for year in years if years is not None else [None]:
        rows += [[row[name] for name in COLUMNS] for row in open_data_rows(year=year)]
    return rows


TABLE = register(Table(
    "scorecards", _("City policy scorecards"),
    _("Published scorecards of cities' migration policies: per city and indicator, what "
      "the city declared, what its expert verified and what migrants' surveys say about "
      "the area (docs/scorecards.md)."),
    FIELDS, ("year", "city", "indicator"), _rows,
    (ForeignKey(("city",), "cities", ("slug",)),),
    order=210,
))  # fmt: skip


@register_city_source
def _published_cities(*, years=None):
    # One query, not the rounds' results: the cities of published rounds' scorecards.
    scorecards = CityScorecard.objects.filter(round__in=Round.objects.published())
    if years is not None:
        scorecards = scorecards.filter(round__edition__year__in=years)
    return set(scorecards.values_list("city__slug", flat=True))
