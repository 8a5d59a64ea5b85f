"""Open data: the published scorecards as rows, one per city and indicator.

`open_data_rows()` is what the data package and the API serve (they are wired by
the open-data and API modules, which call this function); only published rounds
ever appear. Texts are the Polish originals (the source of every translation).
"""

from .models import Round
from .results import round_results

COLUMNS = [
    "year", "city", "city_name", "area", "area_weight", "indicator", "revision",
    "indicator_weight", "reference", "reference_item", "declared_points", "verified_points",
    "verdict", "evidence_url", "evidence_reference", "lived_points", "lived_n", "area_gap",
    "area_declared", "area_verified",
]


def _round(value):
    return None if value is None else round(value, 1)


def open_data_rows(*, year=None):
    """[dict] with COLUMNS as keys, for every published round (or the one of `year`)."""
    rounds = Round.objects.published().select_related("edition").order_by("edition__year")
    if year is not None:
        rounds = rounds.filter(edition__year=year)
    rows = []
    for round in rounds:
        for result in round_results(round):
            for area in result.areas:
                for row in area.indicators:
                    answer, indicator = row.answer, row.indicator
                    rows.append({
                        "year": round.year,
                        "city": result.city.slug,
                        "city_name": result.city.name_pl,
                        "area": area.area.code,
                        "area_weight": area.area.weight,
                        "indicator": indicator.code,
                        "revision": indicator.revision,
                        "indicator_weight": indicator.weight,
                        "reference": indicator.reference,
                        "reference_item": indicator.reference_item,
                        "declared_points": row.declared,
                        "verified_points": row.verified,
                        "verdict": answer.verdict if answer else None,
                        "evidence_url": answer.evidence_url if answer else "",
                        "evidence_reference": answer.evidence_reference if answer else "",
                        "lived_points": area.lived.points if area.lived else None,
                        "lived_n": area.lived.n if area.lived else None,
                        "area_gap": area.gap,
                        "area_declared": _round(area.declared),
                        "area_verified": _round(area.verified),
                    })
    return rows
