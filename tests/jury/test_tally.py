from decimal import Decimal
from fractions import Fraction

import pytest

from jury.models import Score
from jury.services.scoring import declare_conflict, submit_scores
from jury.services.tally import tally, tally_table
from tests.factories import JurorFactory

pytestmark = pytest.mark.django_db


def score(s, juror, nomination, engagement, durability):
    submit_scores(juror=juror, nomination=nomination,
                  values={s.engagement.pk: engagement, s.durability.pk: durability})


def rows_by_nomination(edition):
    categories, _criteria = tally(edition=edition)
    return {row.nomination.pk: row for group in categories for row in group.rows}


def test_tally_weighted_total_mean_median_spread(scoring):
    first = scoring.nominations[0]
    score(scoring, scoring.ja, first, 5, 1)
    score(scoring, scoring.jb, first, 2, 2)
    score(scoring, scoring.jc, first, 4, 2)
    row = rows_by_nomination(scoring.edition)[first.pk]
    engagement, durability = row.stats
    assert (engagement.mean, engagement.median, engagement.spread) == (Fraction(11, 3), 4, 3)
    assert (durability.mean, durability.median, durability.spread) == (Fraction(5, 3), 2, 1)
    # Engagement weighs 2, durability 1: (2 * 11/3 + 5/3) / 3 = 27/9 = 3.
    assert row.total == 3
    assert row.total_display == Decimal("3.00")
    assert engagement.mean_display == Decimal("3.67")
    assert (row.scores, row.conflicts, row.missing) == (6, 0, 0)


def test_tally_even_number_of_scores_median_is_midpoint(scoring):
    first = scoring.nominations[0]
    score(scoring, scoring.ja, first, 5, 3)
    score(scoring, scoring.jb, first, 2, 3)
    engagement = rows_by_nomination(scoring.edition)[first.pk].stats[0]
    assert engagement.median == Fraction(7, 2)


def test_tally_counts_missing_scores(scoring):
    first = scoring.nominations[0]
    score(scoring, scoring.ja, first, 4, 4)
    row = rows_by_nomination(scoring.edition)[first.pk]
    # Three jurors, two required criteria, one juror scored: four scores missing.
    assert (row.scores, row.missing) == (2, 4)
    untouched = rows_by_nomination(scoring.edition)[scoring.nominations[1].pk]
    assert (untouched.scores, untouched.missing, untouched.total, untouched.rank) == (
        0, 6, None, None)


def test_tally_ignores_scores_of_conflicted_juror(scoring):
    first = scoring.nominations[0]
    score(scoring, scoring.ja, first, 1, 1)
    score(scoring, scoring.jb, first, 5, 5)
    # Recorded by an organiser after juror A had scored: A's scores stop counting.
    declare_conflict(juror=scoring.ja, nomination=first, reason="Zatrudniony w urzędzie.")
    row = rows_by_nomination(scoring.edition)[first.pk]
    assert Score.objects.filter(juror=scoring.ja).count() == 2
    assert (row.total, row.scores, row.conflicts) == (5, 2, 1)
    # Juror C still owes two scores; A owes none.
    assert row.missing == 2


def test_tally_ignores_scores_of_juror_not_on_the_jury(scoring):
    first = scoring.nominations[0]
    score(scoring, scoring.ja, first, 1, 1)
    scoring.ja.editions.clear()
    row = rows_by_nomination(scoring.edition)[first.pk]
    assert (row.scores, row.total) == (0, None)


def test_tally_ranks_ties_as_ties(scoring):
    first, second, third = scoring.nominations
    score(scoring, scoring.ja, first, 4, 4)
    score(scoring, scoring.ja, second, 4, 4)
    score(scoring, scoring.ja, third, 2, 2)
    categories, _criteria = tally(edition=scoring.edition)
    assert [(r.rank, r.tied) for r in categories[0].rows] == [(1, True), (1, True)]
    assert [(r.rank, r.tied) for r in categories[1].rows] == [(1, False)]


def test_tally_rank_after_tie_skips(scoring):
    first, second, _third = scoring.nominations
    extra = type(first).objects.create(edition=scoring.edition, practice=_third.practice,
                                       category=first.category)
    score(scoring, scoring.ja, first, 5, 5)
    score(scoring, scoring.ja, second, 5, 5)
    score(scoring, scoring.ja, extra, 3, 5)
    categories, _criteria = tally(edition=scoring.edition)
    assert [r.rank for r in categories[0].rows] == [1, 1, 3]
    assert [r.nomination for r in categories[0].rows][2] == extra


def test_tally_weights_change_the_order(scoring):
    first, second, _third = scoring.nominations
    score(scoring, scoring.ja, first, 5, 1)   # strong on engagement (weight 2)
    score(scoring, scoring.ja, second, 1, 5)  # strong on durability (weight 1)
    categories, _criteria = tally(edition=scoring.edition)
    assert [r.nomination for r in categories[0].rows] == [first, second]
    assert [r.total for r in categories[0].rows] == [Fraction(11, 3), Fraction(7, 3)]


def test_tally_query_count_is_constant(scoring, django_assert_max_num_queries):
    for nomination in scoring.nominations:
        score(scoring, scoring.ja, nomination, 3, 3)
    with django_assert_max_num_queries(6):
        tally(edition=scoring.edition)
    JurorFactory().editions.add(scoring.edition)
    with django_assert_max_num_queries(6):
        tally(edition=scoring.edition)


def test_tally_table_neutralises_formulas_in_csv(scoring):
    practice = scoring.nominations[0].practice
    practice.title_pl = "=HYPERLINK(\"http://evil\")"
    practice.save()
    score(scoring, scoring.ja, scoring.nominations[0], 4, 4)
    header, rows = tally_table(edition=scoring.edition)
    assert header[:6] == ["Category", "City", "Practice", "Rank", "Tied", "Weighted total"]
    from otwarte.csvutil import safe_cell

    cells = [safe_cell(c) for c in rows[0]]
    assert cells[2] == "'=HYPERLINK(\"http://evil\")"
    assert cells[5] == Decimal("4.00")


# --- properties of the maths, without the database ---
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jury.models import Criterion  # noqa: E402
from jury.services.tally import CriterionStats, TallyRow, _rank  # noqa: E402

scores = st.lists(st.integers(min_value=1, max_value=5), max_size=5)
weights = st.decimals(min_value="0.01", max_value="9.99", places=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(weights, scores), min_size=1, max_size=4))
def test_total_lies_between_lowest_and_highest_mean(criteria):
    stats = [CriterionStats(criterion=Criterion(weight=w, code=str(i)), values=sorted(v))
             for i, (w, v) in enumerate(criteria)]
    row = TallyRow(nomination=None, stats=stats, scores=0, conflicts=0, missing=0)
    means = [s.mean for s in stats if s.values]
    if not means:
        assert row.total is None
    else:
        assert min(means) <= row.total <= max(means)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=5)), max_size=8))
def test_ranks_follow_totals_and_ties_share_a_rank(values):
    criterion = Criterion(weight=1, code="c")
    rows = [TallyRow(nomination=i, scores=0, conflicts=0, missing=0,
                     stats=[CriterionStats(criterion=criterion, values=[] if v is None else [v])])
            for i, v in enumerate(values)]
    ranked = _rank(rows)
    assert len(ranked) == len(rows)
    scored = [r for r in ranked if r.total is not None]
    for a in scored:
        # Competition ranking: 1 + the number of rows strictly ahead.
        assert a.rank == 1 + sum(1 for b in scored if b.total > a.total)
        assert a.tied == (sum(1 for b in scored if b.total == a.total) > 1)
    assert all(r.rank is None for r in ranked[len(scored):])
