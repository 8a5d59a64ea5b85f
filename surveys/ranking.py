"""The public ranking: per target and criterion the mean, its 95 % interval and the order.

Method (docs/surveys.md): counted answers only (verified, not voided). For each
target × criterion with n answers, the mean and Student's t interval
mean ± t(0.975, n − 1) · s / √n, with s the sample standard deviation, cut to
the scale (1–5). Fewer than the survey's minimum answers: "too few answers",
no mean shown, never ranked. The others, by mean from the best, fall into
groups of targets whose intervals all overlap pairwise: a target joins the
current group when its interval overlaps every member's, else it opens the
next group. A group of one is ranked; a larger group is "not distinguishable",
its members sharing a place (1 + the number of targets in better groups).
"""

import math
from dataclasses import dataclass, field

from .enums import CellState, ResponseState, SurveyKind
from .models import SCALE, Answer, Survey

LEVEL = 0.95


# --- Student's t, without SciPy ------------------------------------------------------


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def _betainc(a, b, x):
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def t_quantile(p, df):
    """The p-quantile (0.5 < p < 1) of Student's t with df degrees of freedom (bisection)."""
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _i in range(200):
        mid = (low + high) / 2
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def mean_interval(values, level=LEVEL):
    """(mean, low, high) of `values`: a t interval cut to the scale."""
    n = len(values)
    mean = math.fsum(values) / n
    if n < 2:
        return mean, float(SCALE.start), float(SCALE.stop - 1)
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile(1 - (1 - level) / 2, n - 1) * math.sqrt(variance / n)
    return mean, max(SCALE.start, mean - half), min(SCALE.stop - 1, mean + half)


# --- ranking -------------------------------------------------------------------------


@dataclass
class Cell:
    target: object
    n: int
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    state: str = CellState.TOO_FEW
    place: int | None = None
    group: int | None = None
    peers: list = field(default_factory=list)
    change: float | None = None

    @property
    def shown(self):
        return self.state != CellState.TOO_FEW


@dataclass
class CriterionRanking:
    criterion: object
    cells: list


@dataclass
class Ranking:
    survey: object
    previous: object
    responses: int
    criteria: list


def _overlap(a, b):
    return a.low <= b.high and b.low <= a.high


def rank(values_by_target, *, min_n):
    """Cells for one criterion: [(target, [values])] → ranked cells, then the too-few ones."""
    cells, too_few = [], []
    for target, values in values_by_target:
        if len(values) < min_n or not values:
            too_few.append(Cell(target=target, n=len(values)))
            continue
        mean, low, high = mean_interval(values)
        cells.append(Cell(target=target, n=len(values), mean=mean, low=low, high=high))
    cells.sort(key=lambda c: (-c.mean, str(c.target)))
    groups = []
    for cell in cells:
        if groups and all(_overlap(cell, other) for other in groups[-1]):
            groups[-1].append(cell)
        else:
            groups.append([cell])
    place = 1
    for number, members in enumerate(groups, start=1):
        for cell in members:
            cell.place, cell.group = place, number
            if len(members) == 1:
                cell.state = CellState.RANKED
            else:
                cell.state = CellState.NOT_DISTINGUISHABLE
                cell.peers = [other.target for other in members if other is not cell]
        place += len(members)
    too_few.sort(key=lambda c: str(c.target))
    return cells + too_few


def _counted_values(survey):
    """{(target id, criterion id): [values]} over the counted responses."""
    rows = Answer.objects.filter(
        response__survey=survey, response__state=ResponseState.VERIFIED
    ).values_list("response__target_id", "criterion_id", "value")
    found = {}
    for target_id, criterion_id, value in rows.order_by():
        found.setdefault((target_id, criterion_id), []).append(value)
    return found


def previous_survey(survey):
    """The latest published survey of the same kind from an earlier year."""
    return (
        Survey.objects.published()
        .filter(kind=survey.kind, year__lt=survey.year)
        .order_by("-year")
        .first()
    )


def survey_ranking(survey, *, with_change=True):
    targets = sorted(survey.targets.select_related("city"), key=lambda t: (t.order, str(t)))
    criteria = list(survey.criteria.all())
    values = _counted_values(survey)
    result = []
    for criterion in criteria:
        per_target = [(t, values.get((t.pk, criterion.pk), [])) for t in targets]
        result.append(CriterionRanking(criterion, rank(per_target, min_n=survey.min_responses)))
    previous = previous_survey(survey) if with_change else None
    if previous is not None:
        earlier = survey_ranking(previous, with_change=False)
        means = {
            (cell.target.pk, item.criterion.code): cell.mean
            for item in earlier.criteria
            for cell in item.cells
            if cell.shown
        }
        for item in result:
            for cell in item.cells:
                before = means.get((cell.target.pk, item.criterion.code))
                if cell.shown and before is not None:
                    cell.change = cell.mean - before
    return Ranking(
        survey=survey,
        previous=previous,
        responses=survey.responses.counted().count(),
        criteria=result,
    )


def city_summary(city):
    """The migrants' view of a city for its page: the latest published city survey
    rating it, with the count and mean per criterion (None: never rated)."""
    survey = (
        Survey.objects.published()
        .filter(kind=SurveyKind.CITY, targets__city=city)
        .order_by("-year")
        .first()
    )
    if survey is None:
        return None
    ranking = survey_ranking(survey, with_change=False)
    rows = [
        (item.criterion, next(c for c in item.cells if c.target.city_id == city.pk))
        for item in ranking.criteria
    ]
    return {"survey": survey, "rows": rows}


# --- the chart's geometry (drawn by templates/surveys/_chart.svg) --------------------

CHART_WIDTH = 360
CHART_MARGIN = 12
ROW_HEIGHT = 44


def chart(cells):
    """Coordinates for one criterion: the ranked targets' means and intervals on 1–5."""
    shown = [c for c in cells if c.shown]
    left, right = CHART_MARGIN, CHART_WIDTH - CHART_MARGIN

    def x(value):
        return round(
            left + (value - SCALE.start) / (SCALE.stop - 1 - SCALE.start) * (right - left), 1
        )

    rows = []
    for i, cell in enumerate(shown):
        top = 28 + i * ROW_HEIGHT
        rows.append(
            {
                "cell": cell,
                "label_y": top + 14,
                "bar_y": top + 28,
                "x_low": x(cell.low),
                "x_high": x(cell.high),
                "x_mean": x(cell.mean),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": 36 + len(shown) * ROW_HEIGHT,
        "ticks": [{"x": x(v), "label": v} for v in SCALE],
        "axis_bottom": 36 + len(shown) * ROW_HEIGHT - 4,
        "rows": rows,
    }
