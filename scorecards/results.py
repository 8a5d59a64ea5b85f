"""The three views of each answer, side by side, and where they part (issue 27).

- **declared**: the points of the grade the city chose;
- **verified**: the points of the expert's grade (the declared one when the expert
  agrees; none while unverified);
- **lived**: migrants' answers about the matching city services, from the latest
  published city survey of the round's year or before (`surveys.ranking`, the public
  aggregate: only a mean shown there, from at least the survey's minimum of answers,
  is used), the 1–5 mean put on the 0–100 scale: (mean − 1) / 4 × 100.

An area's score is the weighted mean of its answered indicators' points; a city's
total is the weighted mean of its areas' scores (weights set per round). A **gap**
is flagged where the city declares much (≥ DECLARED_HIGH) and the expert or the
migrants find little (< LOW). The change since last year compares an indicator with
the same code and revision in the previous published round.
"""

from dataclasses import dataclass, field

from surveys.enums import SurveyKind
from surveys.models import Survey
from surveys.ranking import survey_ranking

from .enums import Verdict
from .models import Answer, CityScorecard
from .services import areas_of, indicators_of, previous_round

# A declared score at or above this is "high"...
DECLARED_HIGH = 70
# ...and a verified or lived score below this is "low": together, a gap.
LOW = 50
LIVED_MIN, LIVED_MAX = 1, 5


def lived_points(mean):
    """A 1–5 survey mean on the scorecards' 0–100 scale."""
    return round((mean - LIVED_MIN) / (LIVED_MAX - LIVED_MIN) * 100, 1)


def is_gap(declared, *others):
    return declared is not None and declared >= DECLARED_HIGH and any(
        other is not None and other < LOW for other in others
    )


def weighted(pairs):
    """The weighted mean of (value, weight) pairs whose value is known, or None."""
    known = [(value, weight) for value, weight in pairs if value is not None]
    total = sum(weight for _value, weight in known)
    # Not rounded: totals are means of means (pages and open data round for showing).
    return sum(value * weight for value, weight in known) / total if total else None


@dataclass
class Lived:
    points: float
    mean: float
    n: int
    survey: object


@dataclass
class IndicatorRow:
    indicator: object
    answer: object = None
    declared: int | None = None
    verified: int | None = None
    change: int | None = None

    @property
    def gap(self):
        return is_gap(self.declared, self.verified)

    @property
    def disagreement(self):
        return self.answer is not None and self.answer.verdict == Verdict.DIFFERENT


@dataclass
class AreaRow:
    area: object
    indicators: list
    lived: Lived | None = None
    change: float | None = None

    @property
    def declared(self):
        return weighted((r.declared, r.indicator.weight) for r in self.indicators)

    @property
    def verified(self):
        return weighted((r.verified, r.indicator.weight) for r in self.indicators)

    @property
    def gap(self):
        return is_gap(self.declared, self.verified, self.lived and self.lived.points)


@dataclass
class CityResult:
    scorecard: object
    areas: list = field(default_factory=list)

    @property
    def city(self):
        return self.scorecard.city

    def _total(self, view):
        return weighted((getattr(a, view), a.area.weight) for a in self.areas)

    @property
    def declared(self):
        return self._total("declared")

    @property
    def verified(self):
        return self._total("verified")

    @property
    def lived(self):
        return weighted((a.lived and a.lived.points, a.area.weight) for a in self.areas)

    @property
    def gaps(self):
        return sum(1 for a in self.areas if a.gap)


def lived_survey(round):
    """The latest published city survey of the round's year or before, or None."""
    return (
        Survey.objects.published()
        .filter(kind=SurveyKind.CITY, year__lte=round.edition.year)
        .order_by("-year")
        .first()
    )


def lived_views(round):
    """{(city id, survey question code): Lived} from the survey's public aggregate."""
    survey = lived_survey(round)
    if survey is None:
        return {}
    found = {}
    for item in survey_ranking(survey, with_change=False).criteria:
        for cell in item.cells:
            city_id = getattr(cell.target, "city_id", None)
            if city_id and cell.shown and cell.mean is not None:
                found[(city_id, item.criterion.code)] = Lived(
                    points=lived_points(cell.mean), mean=cell.mean, n=cell.n, survey=survey
                )
    return found


def _points(answer):
    """(declared, verified) points of an answer."""
    if answer is None:
        return None, None
    verified = {
        Verdict.AGREE: answer.grade.points,
        Verdict.DIFFERENT: answer.verified_grade and answer.verified_grade.points,
    }.get(answer.verdict)
    return answer.grade.points, verified


def _answers(scorecards):
    rows = Answer.objects.filter(scorecard__in=scorecards).select_related(
        "grade", "verified_grade", "indicator"
    )
    return {(a.scorecard_id, a.indicator_id): a for a in rows}


def _earlier_points(round, city_ids):
    """{(city id, indicator code, revision): points} of the previous published round
    (verified points where the expert checked, declared otherwise)."""
    earlier = previous_round(round=round, published=True)
    if earlier is None:
        return {}
    found = {}
    rows = Answer.objects.filter(scorecard__round=earlier, scorecard__city__in=city_ids)
    for answer in rows.select_related("grade", "verified_grade", "indicator", "scorecard"):
        declared, verified = _points(answer)
        key = (answer.scorecard.city_id, answer.indicator.code, answer.indicator.revision)
        found[key] = verified if verified is not None else declared
    return found


def round_results(round, *, cities=None):
    """[CityResult] of the round (every city with a scorecard, or those given), by name.

    Long because: it joins the four sources (definitions, answers, last year, the
    survey) in one pass, so a page costs the same few queries for any number of cities."""
    scorecards = list(
        CityScorecard.objects.filter(round=round).select_related("city").order_by("city__name")
    )
    if cities is not None:
        scorecards = [s for s in scorecards if s.city in cities]
    indicators = list(indicators_of(round))
    areas = list(areas_of(round))
    answers = _answers(scorecards)
    lived = lived_views(round)
    earlier = _earlier_points(round, [s.city_id for s in scorecards])
    results = []
    for scorecard in scorecards:
        result = CityResult(scorecard=scorecard)
        for area in areas:
            rows = []
            for indicator in (i for i in indicators if i.area_id == area.pk):
                answer = answers.get((scorecard.pk, indicator.pk))
                declared, verified = _points(answer)
                row = IndicatorRow(indicator, answer, declared, verified)
                before = earlier.get((scorecard.city_id, indicator.code, indicator.revision))
                now = verified if verified is not None else declared
                if before is not None and now is not None:
                    row.change = now - before
                rows.append(row)
            area_row = AreaRow(
                area=area, indicators=rows,
                lived=lived.get((scorecard.city_id, area.survey_criterion)),
            )
            changes = [r.change for r in rows]
            if rows and all(c is not None for c in changes):
                area_row.change = weighted(
                    (r.change, r.indicator.weight) for r in rows
                )
            result.areas.append(area_row)
        results.append(result)
    return results


# --- the comparison chart's geometry (drawn by templates/scorecards/_chart.svg) ---------

BAR_LEFT = 140
BAR_WIDTH = 300
BAR_HEIGHT = 12
CITY_HEIGHT = 56
VIEWS = ("declared", "verified", "lived")


def chart(results):
    """Coordinates of three bars (declared, verified, lived) per city, 0–100."""
    rows = []
    for i, result in enumerate(results):
        top = 24 + i * CITY_HEIGHT
        bars = []
        for j, view in enumerate(VIEWS):
            value = getattr(result, view)
            bars.append({
                "view": view, "value": value, "y": top + j * (BAR_HEIGHT + 2),
                "width": round((value or 0) / 100 * BAR_WIDTH, 1),
                "text_x": BAR_LEFT + round((value or 0) / 100 * BAR_WIDTH, 1) + 4,
            })
        rows.append({"result": result, "label_y": top + BAR_HEIGHT + 2, "bars": bars})
    return {
        "width": BAR_LEFT + BAR_WIDTH + 50,
        "height": 32 + len(results) * CITY_HEIGHT,
        "left": BAR_LEFT,
        "ticks": [{"x": BAR_LEFT + v * BAR_WIDTH // 100, "label": v} for v in (0, 50, 100)],
        "rows": rows,
    }
