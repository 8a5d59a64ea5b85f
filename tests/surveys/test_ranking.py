"""The ranking against an independent computation: 300 simulated verified responses
of known distributions, plus unverified and voided ones that must not count."""

import math
import statistics
from datetime import timedelta

import pytest

from surveys import services
from surveys.enums import CellState
from surveys.models import Target
from surveys.pilot import create_consular_pilot
from surveys.ranking import mean_interval, rank, survey_ranking, t_quantile
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


def _independent(values_by_target, min_n):
    """The documented method, written out again with the standard library and T_TABLE."""
    rows, too_few = [], []
    for slug, values in values_by_target.items():
        n = len(values)
        if n < min_n:
            too_few.append({"target": slug, "n": n, "state": "too_few"})
            continue
        mean = statistics.mean(values)
        half = T_TABLE[n - 1] * statistics.stdev(values) / math.sqrt(n)
        rows.append(
            {
                "target": slug,
                "n": n,
                "mean": mean,
                "low": max(1, mean - half),
                "high": min(5, mean + half),
            }
        )
    rows.sort(key=lambda r: -r["mean"])
    groups = []
    for row in rows:
        last = groups[-1] if groups else []
        if last and all(row["low"] <= o["high"] and o["low"] <= row["high"] for o in last):
            last.append(row)
        else:
            groups.append([row])
    place = 1
    for group in groups:
        for row in group:
            row["place"] = place
            row["state"] = "ranked" if len(group) == 1 else "not_distinguishable"
        place += len(group)
    return rows + too_few


def _published(cells):
    out = []
    for cell in cells:
        row = {"target": cell.target.slug, "n": cell.n, "state": str(cell.state)}
        if cell.shown:
            row.update(mean=cell.mean, low=cell.low, high=cell.high, place=cell.place)
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


def test_interval_is_cut_to_the_scale():
    assert mean_interval([5, 5, 5, 4])[2] == 5
    assert mean_interval([5, 5, 5, 5]) == (5, 5, 5)


def test_overlapping_intervals_share_a_place():
    a, b, c = Target(slug="a", name="A"), Target(slug="b", name="B"), Target(slug="c", name="C")
    cells = rank([(a, [5, 4] * 10), (b, [4, 5, 4] * 10), (c, [1, 2] * 10)], min_n=10)
    assert [(x.target.slug, x.state, x.place) for x in cells] == [
        ("a", CellState.NOT_DISTINGUISHABLE, 1),
        ("b", CellState.NOT_DISTINGUISHABLE, 1),
        ("c", CellState.RANKED, 3),
    ]
    assert cells[0].peers == [b]


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
    assert cells["kyiv"].state == CellState.NOT_DISTINGUISHABLE  # overlaps Lviv and Tbilisi
    assert cells["minsk"].state == CellState.RANKED
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
    ranking = survey_ranking(simulated)
    assert ranking.previous == earlier
    overall = next(item for item in ranking.criteria if item.criterion.code == "overall")
    cells = {c.target.slug: c for c in overall.cells}
    assert cells["kyiv"].change == pytest.approx(0.2)
    assert cells["lviv"].change is None  # nobody rated Lviv in 2025
