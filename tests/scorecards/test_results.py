import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scorecards import results, services
from scorecards.exports import COLUMNS, open_data_rows
from tests.factories import CityFactory
from tests.scorecards.world import answer_city, link, migrants_answer, verify_all


@pytest.mark.parametrize("mean, points", [(1, 0), (5, 100), (3, 50), (2.5, 37.5)])
def test_lived_points_on_0_100(mean, points):
    assert results.lived_points(mean) == points


@pytest.mark.parametrize("declared, others, gap", [
    (70, (49,), True), (69, (0,), False), (100, (50,), False), (100, (None, 49.9), True),
    (None, (0,), False), (100, (None, None), False),
])
def test_gap_thresholds(declared, others, gap):
    assert results.is_gap(declared, *others) is gap


def test_weighted_mean_skips_unknown():
    assert results.weighted([(100, 1), (None, 5), (0, 3)]) == 25.0
    assert results.weighted([(100, 1), (0, 2)]) == pytest.approx(33.333, abs=0.001)
    assert results.weighted([(None, 1)]) is None


@pytest.fixture
def three_views(world, lublin_card, organiser):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    verify_all(scorecard, by=organiser, disagree={"participation-1": 0})
    migrants_answer(world)
    return scorecard


def test_three_views_side_by_side(world, three_views):
    (result,) = results.round_results(three_views.round)
    areas = {a.area.code: a for a in result.areas}
    information, participation = areas["information"], areas["participation"]
    assert (information.declared, information.verified) == (100, 100)
    # Migrants rate information 1,2,2,1,3,2 (mean 1.83): lived 20.8 → a gap.
    assert information.lived.n == 12 and information.lived.points == pytest.approx(20.8, abs=0.1)
    assert information.gap
    # The expert gave 0 to one indicator of three: verified 66.7, lived 4–5: no gap.
    assert participation.verified == pytest.approx(66.67, abs=0.01)
    assert participation.lived.points > results.LOW and not participation.gap
    row = participation.indicators[0]
    assert (row.declared, row.verified, row.disagreement, row.gap) == (100, 0, True, True)
    # Weights 1, 2, 3 over areas 100, 100, 66.7.
    assert result.declared == 100 and result.verified == pytest.approx(83.33, abs=0.01)


def test_change_since_last_year_by_code_and_revision(world, three_views):
    (result,) = results.round_results(three_views.round)
    housing = next(a for a in result.areas if a.area.code == "housing")
    assert [r.change for r in housing.indicators] == [50, 50, 50]
    indicator = housing.indicators[0].indicator
    indicator.revision = 2
    indicator.save()
    (result,) = results.round_results(three_views.round)
    housing = next(a for a in result.areas if a.area.code == "housing")
    assert housing.indicators[0].change is None and housing.change is None


def test_no_survey_no_lived_view(world, lublin_card):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    (result,) = results.round_results(scorecard.round)
    assert [a.lived for a in result.areas] == [None, None, None]
    assert result.lived is None


def test_open_data_only_published(world, three_views):
    rows = open_data_rows()
    assert {row["year"] for row in rows} == {world.last_round.year}
    assert len(rows) == 9 and set(rows[0]) == set(COLUMNS)
    services.publish_round(round=three_views.round)
    rows = open_data_rows(year=three_views.round.year)
    gap_rows = [r for r in rows if r["area"] == "information"]
    assert {r["area_gap"] for r in gap_rows} == {True}
    assert {r["lived_n"] for r in gap_rows} == {12}


def test_comparison_queries_do_not_grow_with_cities(world, three_views, client_for, juror_a,
                                                   django_assert_num_queries):
    client = client_for(juror_a)  # logged in: past the public page cache
    services.publish_round(round=three_views.round)
    url = reverse("scorecards:year", args=[three_views.round.year])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    count = len(one.captured_queries)  # now: each request resets the connection's log
    services.unpublish_round(round=three_views.round)
    for n in range(2):
        answer_city(link(three_views.round, CityFactory(name_pl=f"Miasto {n}"))[0], 50)
    services.publish_round(round=three_views.round)
    client.get(url)
    with django_assert_num_queries(count):
        client.get(url)


def test_unpublished_survey_gives_no_lived_view(world, three_views):
    world.survey.results_published = False
    world.survey.save()
    (result,) = results.round_results(three_views.round)
    assert result.lived is None
