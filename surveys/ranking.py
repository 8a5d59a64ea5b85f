"""The public ranking: per target and criterion the mean, its 95 % interval and a
simultaneous 95 % confidence set for its rank.

Method (docs/surveys.md; the results page explains it from `explanation()`):
answers of independent respondents only (`surveys/independence.py`: verified, not
voided, not held back, clusters counted once). For each target × criterion with n
answers, the mean and Student's t interval mean ± t(0.975, n − 1) · max(s, ½) / √n,
with s at least half a scale step (MIN_SD: the answers are whole steps, and
identical answers are not certainty, so no interval has zero width), cut to 1–5. Fewer than the
survey's minimum of independent respondents (and never fewer than two): "too few
answers", no mean shown, never ranked. The others get a rank set from the
simultaneous confidence intervals of all pairwise differences (`surveys/ranksets.py`,
Mogstad, Romano, Shaikh & Wilhelm 2024): "place 2–4" means that, with 95 %
confidence for all targets at once, the target's rank lies between 2 and 4. A rank
set of one place is *ranked*; a wider one is *not distinguishable* from the targets
it cannot be told apart from (its peers). The rank sets are computed once per
content version (`otwarte.cache.values.remember`), never per request.
"""

import math
from dataclasses import dataclass, field

from django.utils import translation

from otwarte.cache.values import remember

from . import ranksets
from .enums import CellState, SurveyKind
from .independence import TargetCounts, independent_answers
from .models import SCALE, Survey

LEVEL = 0.95
# The answers are whole steps of the scale: identical answers do not show that
# everyone would answer alike, so the standard deviation is taken as at least half a
# step. An interval is never narrower than ±t · MIN_SD / √n (before it is cut to the
# scale), so never of zero width.
MIN_SD = 0.5
# A mean of one answer has no spread: two independent respondents at the very least.
MIN_N_FLOOR = 2
METHOD = "mogstad-romano-shaikh-wilhelm-2024"


def explanation(survey):
    """The numbers the results page states, taken from what the code uses."""
    return {
        "level_percent": round(LEVEL * 100),
        "min_n": max(survey.min_responses, MIN_N_FLOOR),
        "min_sd": MIN_SD,
        "scale_low": SCALE.start,
        "scale_high": SCALE.stop - 1,
        "draws": ranksets.DRAWS,
        "seed": ranksets.SEED,
        "method": METHOD,
    }


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


def estimate(values, level=None):
    """(mean, low, high, standard error) of `values` (n ≥ 2): a t interval with the
    standard deviation at least MIN_SD, cut to the scale, so that identical answers
    never look like certainty."""
    level = LEVEL if level is None else level
    n = len(values)
    mean = math.fsum(values) / n
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    t = t_quantile(1 - (1 - level) / 2, n - 1)
    se = max(math.sqrt(variance), MIN_SD) / math.sqrt(n)
    half = t * se
    return mean, max(SCALE.start, mean - half), min(SCALE.stop - 1, mean + half), se


def mean_interval(values, level=None):
    """(mean, low, high) of `values`: see `estimate`; one value: the whole scale."""
    if len(values) < 2:
        return math.fsum(values) / len(values), float(SCALE.start), float(SCALE.stop - 1)
    return estimate(values, level)[:3]


# --- ranking -------------------------------------------------------------------------


@dataclass
class Cell:
    target: object
    n: int
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    se: float | None = None
    state: str = CellState.TOO_FEW
    place: int | None = None
    rank_low: int | None = None
    rank_high: int | None = None
    group: int | None = None
    peers: list = field(default_factory=list)
    change: float | None = None
    counts: TargetCounts = field(default_factory=TargetCounts)

    @property
    def shown(self):
        return self.state != CellState.TOO_FEW

    @property
    def place_label(self):
        """"2" or "2–4": the rank set as the page prints it."""
        if self.rank_low is None:
            return ""
        if self.rank_low == self.rank_high:
            return str(self.rank_low)
        return f"{self.rank_low}–{self.rank_high}"


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
    held: int = 0
    independent: int = 0


def rank(values_by_target, *, min_n, level=None):
    """Cells for one criterion: [(target, [values])] → ranked cells (best mean first,
    each with its simultaneous rank set), then the too-few ones."""
    level = LEVEL if level is None else level
    cells, too_few = [], []
    for target, values in values_by_target:
        if len(values) < max(min_n, MIN_N_FLOOR):
            too_few.append(Cell(target=target, n=len(values)))
            continue
        mean, low, high, se = estimate(values, level)
        cells.append(Cell(target=target, n=len(values), mean=mean, low=low, high=high, se=se))
    cells.sort(key=lambda c: (-c.mean, str(c.target)))
    means, ses = [c.mean for c in cells], [c.se for c in cells]
    critical = ranksets.critical_value(ses, level=level)
    sets, better = ranksets.rank_sets(means, ses, critical)
    groups = {}
    for j, (cell, (low, high)) in enumerate(zip(cells, sets)):
        cell.rank_low, cell.rank_high, cell.place = low, high, low
        cell.group = groups.setdefault((low, high), len(groups) + 1)
        cell.peers = [
            other.target
            for k, other in enumerate(cells)
            if k != j and (k, j) not in better and (j, k) not in better
        ]
        cell.state = CellState.RANKED if low == high else CellState.NOT_DISTINGUISHABLE
    too_few.sort(key=lambda c: str(c.target))
    return cells + too_few


def previous_survey(survey):
    """The latest published survey of the same kind from an earlier year."""
    return (
        Survey.objects.published()
        .filter(kind=survey.kind, year__lt=survey.year)
        .order_by("-year")
        .first()
    )


_CELL_FIELDS = ["n", "mean", "low", "high", "se", "state", "place", "rank_low", "rank_high"]


def _compute(survey):
    """The ranking as plain data (ids, numbers): {criterion id: [cell dict]}, the counts."""
    targets = sorted(survey.targets.select_related("city"), key=lambda t: (t.order, str(t)))
    units, counts = independent_answers(survey)
    result = {}
    for criterion in survey.criteria.all():
        per_target = [
            (t, [u[criterion.pk] for u in units.get(t.pk, []) if criterion.pk in u])
            for t in targets
        ]
        cells = rank(per_target, min_n=survey.min_responses)
        result[criterion.pk] = [
            {
                "target": c.target.pk,
                "group": c.group,
                "peers": [p.pk for p in c.peers],
                **{name: getattr(c, name) for name in _CELL_FIELDS},
            }
            for c in cells
        ]
    return {"cells": result, "counts": counts}


def computed(survey):
    """`_compute`, once per content version (the same in every language)."""
    with translation.override(None):
        return remember("surveys-ranking", lambda: _compute(survey), survey.pk)


def survey_ranking(survey, *, with_change=True):
    data = computed(survey)
    targets = {t.pk: t for t in survey.targets.select_related("city")}
    counts = data["counts"]
    result = []
    for criterion in survey.criteria.all():
        cells = []
        for row in data["cells"].get(criterion.pk, []):
            cell = Cell(
                target=targets[row["target"]],
                group=row["group"],
                peers=[targets[pk] for pk in row["peers"]],
                counts=counts.get(row["target"], TargetCounts()),
                **{name: row[name] for name in _CELL_FIELDS},
            )
            cells.append(cell)
        result.append(CriterionRanking(criterion, cells))
    previous = previous_survey(survey) if with_change else None
    if previous is not None:
        _add_change(result, survey_ranking(previous, with_change=False))
    return Ranking(
        survey=survey,
        previous=previous,
        responses=sum(c.verified for c in counts.values()),
        criteria=result,
        held=sum(c.held for c in counts.values()),
        independent=sum(c.independent for c in counts.values()),
    )


def _add_change(result, earlier):
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
