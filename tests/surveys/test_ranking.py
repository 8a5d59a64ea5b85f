"""The ranking against an independent computation (NumPy/SciPy): 300 simulated verified
responses of known distributions, plus unverified and voided ones that must not count."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import translation
from scipy import stats

from surveys import ranksets, services
from surveys.enums import CellState
from surveys.models import Response, Target
from surveys.pilot import create_consular_pilot
from surveys.ranking import (
    LEVEL,
    MIN_SD,
    estimate,
    mean_interval,
    rank,
    survey_ranking,
    t_quantile,
)
from tests.surveys.conftest import answers, verified_by_email

# Two-sided 95 % Student t quantiles t(0.975, df) from a printed table.
T_TABLE = {
    1: 12.706205,
    8: 2.306004,
    9: 2.262157,
    10: 2.228139,
    29: 2.045230,
    39: 2.022691,
    49: 2.009575,
    59: 2.000995,
    79: 1.990450,
    99: 1.984217,
}

# Known distributions of the "overall" answers: {target: {value: how many}}; 300 in all.
OVERALL = {
    "kyiv": {5: 40, 4: 40, 3: 20},  # n 100, mean 4.2
    "lviv": {5: 30, 4: 30, 3: 10, 2: 10},  # n 80, mean 4.0
    "odesa": {4: 30, 3: 30},  # n 60, mean 3.5
    "minsk": {2: 20, 1: 20},  # n 40, mean 1.5
    "tbilisi": {5: 6, 4: 5},  # n 11, mean 50/11
    "baku": {5: 9},  # n 9: too few
}
# "waiting": only the first n respondents of a target answer, base and base + 1
# alternately; the others say "I don't know". Kyiv's 9 answers are too few.
WAITING = {"kyiv": (9, 3), "lviv": (40, 3), "odesa": (60, 2), "minsk": (10, 4)}


def _expand(counts):
    return [value for value, n in sorted(counts.items(), reverse=True) for _i in range(n)]


def numpy_critical_value(ses, level=LEVEL, draws=200_000, seed=7):
    """The max-t critical value of Mogstad et al. (2024), drawn with NumPy."""
    ses = np.asarray(ses, dtype=float)
    z = np.random.default_rng(seed).normal(0.0, ses, size=(draws, len(ses)))
    j, k = np.triu_indices(len(ses), 1)
    t = np.abs(z[:, j] - z[:, k]) / np.sqrt(ses[j] ** 2 + ses[k] ** 2)
    return float(np.quantile(t.max(axis=1), level))


def numpy_rank_sets(means, ses, critical):
    """[1 + #{k better}, p − #{k worse}] from the simultaneous pairwise intervals."""
    means, ses = np.asarray(means, dtype=float), np.asarray(ses, dtype=float)
    difference = means[:, None] - means[None, :]  # [k, j]: θ_k − θ_j
    se = np.sqrt(ses[:, None] ** 2 + ses[None, :] ** 2)
    better = difference - critical * se > 0  # [k, j]: k significantly better than j
    p = len(means)
    return list(zip(1 + better.sum(axis=0), p - better.sum(axis=1), strict=True))


def _independent(values_by_target, min_n):
    """The documented method written out again with NumPy and SciPy; the rank sets use
    the code's critical value (checked apart, against NumPy's, below)."""
    rows, too_few = [], []
    for slug, values in values_by_target.items():
        n = len(values)
        if n < min_n:
            too_few.append({"target": slug, "n": n, "state": "too_few"})
            continue
        values = np.asarray(values, dtype=float)
        t = stats.t.ppf(0.975, n - 1)
        se = max(values.std(ddof=1), MIN_SD) / np.sqrt(n)
        mean = values.mean()
        rows.append(
            {
                "target": slug,
                "n": n,
                "mean": mean,
                "se": se,
                "low": max(1, mean - t * se),
                "high": min(5, mean + t * se),
            }
        )
    rows.sort(key=lambda r: (-r["mean"], r["target"]))
    ses = [r["se"] for r in rows]
    critical = ranksets.critical_value(ses, level=LEVEL)
    assert critical == pytest.approx(numpy_critical_value(ses), rel=0.03)
    for row, (low, high) in zip(rows, numpy_rank_sets([r["mean"] for r in rows], ses, critical)):
        row["place"] = (int(low), int(high))
        row["state"] = "ranked" if low == high else "not_distinguishable"
    return rows + too_few


def _published(cells):
    out = []
    for cell in cells:
        row = {"target": cell.target.slug, "n": cell.n, "state": str(cell.state)}
        if cell.shown:
            row.update(
                mean=cell.mean, low=cell.low, high=cell.high, place=(cell.rank_low, cell.rank_high)
            )
        out.append(row)
    return out


def _assert_same(published, expected):
    assert [r["target"] for r in published if r["state"] != "too_few"] == [
        r["target"] for r in expected if r["state"] != "too_few"
    ]
    by_target = {r["target"]: r for r in expected}
    for row in published:
        want = by_target[row["target"]]
        assert (row["n"], row["state"], row.get("place")) == (
            want["n"],
            want["state"],
            want.get("place"),
        ), row["target"]
        for key in ["mean", "low", "high"]:
            if key in want:
                assert row[key] == pytest.approx(want[key], abs=1e-5), (row["target"], key)


@pytest.mark.parametrize("df", sorted(T_TABLE))
def test_t_quantile_matches_the_printed_table(df):
    assert t_quantile(0.975, df) == pytest.approx(T_TABLE[df], abs=5e-7)


def test_mean_interval_by_hand():
    # 1, 2, 3, 4, 5: mean 3, s = √2.5, half-width 2.776445 · √2.5 / √5 = 1.963243.
    mean, low, high = mean_interval([1, 2, 3, 4, 5])
    assert (mean, round(low, 5), round(high, 5)) == (3, 1.03676, 4.96324)


def test_interval_is_cut_to_the_scale_and_never_zero_wide():
    assert mean_interval([5, 5, 5, 4])[2] == 5
    # Identical answers are not certainty: s is taken as half a scale step.
    assert mean_interval([5, 5, 5, 5]) == (5, pytest.approx(5 - 3.182446 * 0.5 / 2), 5)
    half = T_TABLE[39] * 0.5 / 40**0.5
    assert mean_interval([3] * 40) == (3, pytest.approx(3 - half), pytest.approx(3 + half))


@pytest.mark.parametrize(
    "values", [[1, 2, 3, 4, 5], [4, 5] * 6, [2] * 9 + [3], [1, 5] * 20, [3] * 12]
)
def test_estimate_matches_scipy(values):
    n = len(values)
    t = stats.t.ppf(0.975, n - 1)
    se = max(np.std(values, ddof=1), MIN_SD) / np.sqrt(n)
    mean, low, high, got_se = estimate(values)
    assert got_se == pytest.approx(se, abs=1e-9)
    assert (low, high) == (
        pytest.approx(max(1, np.mean(values) - t * se), abs=1e-7),
        pytest.approx(min(5, np.mean(values) + t * se), abs=1e-7),
    )
    assert high > low


def _rank_set(cell):
    # Before rank sets (issue 27) a place was one number.
    if not hasattr(cell, "rank_low"):
        return (cell.place, cell.place)
    return (cell.rank_low, cell.rank_high)


# Issue 27: B's interval overlaps A's and C's, A's and C's do not overlap. The greedy
# grouping put A and B 1st and C 3rd alone, though C overlaps B.
CHAIN = {
    "a": [4] * 12 + [5] * 4 + [3] * 4,
    "b": [4] * 8 + [3] * 9 + [5] * 3,
    "c": [3] * 12 + [4] * 6 + [2] * 2,
    "d": [1] * 10 + [2] * 10,
}


def _chain():
    targets = {slug: Target(slug=slug, name=slug.upper()) for slug in CHAIN}
    return targets, rank([(targets[s], v) for s, v in CHAIN.items()], min_n=10)


def test_overlapping_intervals_never_get_different_places_without_a_rank_set():
    targets, cells = _chain()
    shown = {c.target.slug: c for c in cells}
    assert shown["b"].high >= shown["c"].low and shown["a"].low > shown["c"].high
    for x in cells:
        for y in cells:
            if x is y or not (x.low <= y.high and y.low <= x.high):
                continue
            # Overlapping intervals in different places only when the simultaneous
            # interval of their difference excludes 0 (then they are not peers).
            (x_low, x_high), (y_low, y_high) = _rank_set(x), _rank_set(y)
            apart = x_high < y_low or y_high < x_low
            assert not apart or y.target not in getattr(x, "peers", [y.target]), (
                x.target.slug,
                y.target.slug,
            )
    assert [(c.target.slug, c.place_label, c.state) for c in cells] == [
        ("a", "1–2", CellState.NOT_DISTINGUISHABLE),
        ("b", "1–3", CellState.NOT_DISTINGUISHABLE),
        ("c", "2–3", CellState.NOT_DISTINGUISHABLE),
        ("d", "4", CellState.RANKED),
    ]
    assert shown["b"].peers == [targets["a"], targets["c"]]


def test_ranking_is_deterministic():
    first, again = _chain()[1], _chain()[1]
    assert [_rank_set(c) for c in first] == [_rank_set(c) for c in again]


def test_rank_sets_equal_numpy_with_the_same_critical_value():
    cells = _chain()[1]
    ses = [c.se for c in cells]
    critical = ranksets.critical_value(ses, level=LEVEL)
    assert critical == pytest.approx(numpy_critical_value(ses), rel=0.03)
    expected = numpy_rank_sets([c.mean for c in cells], ses, critical)
    assert [_rank_set(c) for c in cells] == [(int(lo), int(hi)) for lo, hi in expected]


def test_two_targets_critical_value_is_the_normal_quantile():
    # One pair: max-t is |N(0, 1)|, whose 95 % quantile is Φ⁻¹(0.975).
    critical = ranksets.critical_value([0.2, 0.35], level=0.95)
    assert critical == pytest.approx(stats.norm.ppf(0.975), abs=0.06)


def test_identical_answers_are_never_certainty():
    a, b = Target(slug="a", name="A"), Target(slug="b", name="B")
    cells = rank([(a, [5] * 10), (b, [4] * 3 + [5] * 7)], min_n=10)
    assert (cells[0].low, cells[0].high) == (pytest.approx(5 - T_TABLE[9] * 0.5 / 10**0.5), 5)
    assert [c.place_label for c in cells] == ["1–2", "1–2"]


@pytest.fixture
def simulated(pilot):
    """300 verified responses (250 by code, 50 by e-mail), 20 unverified, 5 voided."""
    targets = {t.slug: t for t in Target.objects.filter(kind="consular")}
    batch = services.generate_code_batch(survey=pilot, label="Fundacja", size=300)
    codes = list(batch.codes.all())
    number = 0
    for slug, counts in OVERALL.items():
        for i, value in enumerate(_expand(counts)):
            waiting = None
            n, base = WAITING.get(slug, (0, 0))
            if i < n:
                waiting = base + i % 2
            kwargs = {"overall": value, "waiting": waiting}
            if number % 6 == 5:
                verified_by_email(pilot, targets[slug], f"person{number}@example.org", **kwargs)
            else:
                services.submit_by_code(
                    survey=pilot,
                    answers=answers(pilot, targets[slug], **kwargs),
                    code=codes[number],
                    language="pl",
                )
            number += 1
    # Unverified extreme answers for Odesa: they must count nowhere.
    for i in range(20):
        services.submit_by_email(
            survey=pilot,
            answers=answers(pilot, targets["odesa"], value=1),
            email=f"unverified{i}@example.org",
            language="ru",
        )
    # Five voided responses for Minsk (all 5s): gone from the ranking.
    for i in range(5):
        response = verified_by_email(pilot, targets["minsk"], f"void{i}@example.org", value=5)
        services.void_response(response=response, reason="Bot", by=None)
    # Simulated people answer alike within minutes; an organiser has reviewed them.
    services.review_responses(responses=Response.objects.all(), by=None)
    return pilot


def test_300_simulated_responses_equal_the_independent_computation(simulated):
    ranking = survey_ranking(simulated)
    assert ranking.responses == 300
    overall = next(item for item in ranking.criteria if item.criterion.code == "overall")
    expected = _independent({s: _expand(c) for s, c in OVERALL.items()}, min_n=10)
    published = [r for r in _published(overall.cells) if r["n"] > 0]
    _assert_same(published, expected)
    # By hand: Kyiv 4.2 over 100, Minsk 1.5 over 40, Baku too few.
    cells = {c.target.slug: c for c in overall.cells}
    assert (cells["kyiv"].n, cells["kyiv"].mean) == (100, pytest.approx(4.2))
    assert (cells["minsk"].n, cells["minsk"].mean) == (40, pytest.approx(1.5))
    assert (cells["baku"].n, cells["baku"].state, cells["baku"].mean) == (9, "too_few", None)
    assert cells["kyiv"].state == CellState.NOT_DISTINGUISHABLE  # Lviv and Tbilisi are close
    assert (cells["minsk"].state, cells["minsk"].place_label) == (CellState.RANKED, "5")
    # Targets nobody rated are listed with n = 0, never ranked.
    assert cells["kharkiv"].n == 0 and cells["kharkiv"].state == CellState.TOO_FEW


def test_waiting_criterion_counts_its_own_answers(simulated):
    ranking = survey_ranking(simulated)
    waiting = next(item for item in ranking.criteria if item.criterion.code == "waiting")
    values = {slug: [base + i % 2 for i in range(n)] for slug, (n, base) in WAITING.items()}
    expected = _independent(values, min_n=10)
    _assert_same([r for r in _published(waiting.cells) if r["n"] > 0], expected)
    kyiv = next(c for c in waiting.cells if c.target.slug == "kyiv")
    assert (kyiv.n, kyiv.state) == (9, CellState.TOO_FEW)


def test_change_against_the_previous_published_survey(simulated, kyiv):
    today = simulated.opens_on
    earlier = create_consular_pilot(
        year=2025, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=300)
    )
    earlier.results_published = True
    earlier.save()
    batch = services.generate_code_batch(survey=earlier, label="x", size=10)
    from django.utils import timezone

    # Answered while it was open (the service refuses closed surveys).
    earlier.closes_on = timezone.localdate()
    earlier.save()
    for code in batch.codes.all():
        services.submit_by_code(
            survey=earlier, answers=answers(earlier, kyiv, value=4), code=code, language="pl"
        )
    services.review_responses(responses=Response.objects.filter(survey=earlier), by=None)
    ranking = survey_ranking(simulated)
    assert ranking.previous == earlier
    overall = next(item for item in ranking.criteria if item.criterion.code == "overall")
    cells = {c.target.slug: c for c in overall.cells}
    assert cells["kyiv"].change == pytest.approx(0.2)
    assert cells["lviv"].change is None  # nobody rated Lviv in 2025


def test_rank_sets_are_computed_once_per_data_version(pilot, kyiv, lviv, settings, monkeypatch):
    from surveys import ranking

    settings.PUBLIC_FRAGMENTS = True
    calls = []
    compute = ranking._compute
    monkeypatch.setattr(ranking, "_compute", lambda survey: calls.append(1) or compute(survey))
    for i in range(3):
        verified_by_email(pilot, kyiv, f"k{i}@example.org", value=2 + i)
    first = survey_ranking(pilot)
    with translation.override("ru"):
        again = survey_ranking(pilot)  # another language, the same numbers
    assert len(calls) == 1
    assert [c.mean for c in first.criteria[0].cells] == [c.mean for c in again.criteria[0].cells]
    verified_by_email(pilot, lviv, "l@example.org")  # a counted response: a new version
    survey_ranking(pilot)
    assert len(calls) == 2
