"""Leave-one-juror-out, the margin and the z-score ranking, against cases computed
by hand (the `scoring` edition: engagement weighs 2, durability 1; jurors A, B, C;
nominations one and two share a category)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from jury.models import Nomination
from jury.services.robustness import robustness
from jury.services.scoring import declare_conflict, submit_scores
from tests.factories import CityFactory, NominationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

THIRD = Decimal("0.33333333333333333333")


def score(s, juror, nomination, value):
    submit_scores(juror=juror, nomination=nomination,
                  values={s.engagement.pk: value, s.durability.pk: value})


def first_category(s):
    one = s.nominations[0]
    return next(r for r in robustness(edition=s.edition) if r.category == one.category)


def test_one_juror_decides_the_winner(scoring):
    one, two, _other = scoring.nominations
    score(scoring, scoring.ja, one, 5)
    score(scoring, scoring.ja, two, 1)
    for juror in (scoring.jb, scoring.jc):
        score(scoring, juror, one, 3)
        score(scoring, juror, two, 4)
    result = first_category(scoring)
    # One: (5 + 3 + 3) / 3 = 11/3 on both criteria; two: (1 + 4 + 4) / 3 = 3.
    assert (result.winners, result.runners_up) == ([one], [two])
    assert result.margin == Fraction(2, 3)
    assert result.margin_display == Decimal("0.67")
    # Without A: one 3, two 4. Without B (or C): one 4, two 5/2.
    assert [(e.juror, e.winners) for e in result.changes] == [(scoring.ja, [two])]
    assert result.line == "Without Juror A the order of the first two changes."
    # z-scores per juror and criterion: A (5, 1) -> (+1, -1); B and C (3, 4) -> (-1, +1).
    # One: (1 - 1 - 1) / 3 = -1/3; two: +1/3. Standardised, two is first.
    z = {r.nomination: (r.total, r.rank, r.raw_rank) for r in result.standardised}
    assert z == {one: (-THIRD, 2, 1), two: (THIRD, 1, 2)}
    assert result.standardised_winners == [two]
    assert not result.standardised_agrees


def test_winner_that_no_single_juror_decides(scoring):
    one, two, _other = scoring.nominations
    for juror, (a, b) in zip((scoring.ja, scoring.jb, scoring.jc), ((5, 1), (4, 2), (3, 2))):
        score(scoring, juror, one, a)
        score(scoring, juror, two, b)
    result = first_category(scoring)
    assert result.winners == [one]
    assert result.margin == Fraction(12, 3) - Fraction(5, 3)
    assert result.changes == []
    assert result.line == "The winner does not depend on any single juror."
    assert result.standardised_agrees


def test_conflicted_scores_never_count_and_leaving_out_makes_ties(scoring):
    one, two, _other = scoring.nominations
    score(scoring, scoring.ja, one, 5)
    score(scoring, scoring.ja, two, 2)
    declare_conflict(juror=scoring.ja, nomination=one, reason="Pracuje w tej organizacji.")
    score(scoring, scoring.jb, one, 4)
    score(scoring, scoring.jb, two, 3)
    score(scoring, scoring.jc, one, 3)
    score(scoring, scoring.jc, two, 4)
    result = first_category(scoring)
    # One: B and C only, (4 + 3) / 2 = 7/2 (with A's 5 it would be 4); two: 3.
    assert (result.winners, result.margin) == ([one], Fraction(1, 2))
    # Without A: one 7/2, two (3 + 4) / 2 = 7/2, a tie. Without B: one 3, two 3, a tie.
    # Without C: one 4, two 5/2.
    changes = [(e.juror, set(e.winners)) for e in result.changes]
    assert changes == [(scoring.ja, {one, two}), (scoring.jb, {one, two})]
    assert result.line.startswith("Without Juror A the first place becomes a tie")
    # z: A's only counted score (2 on two) has SD 0, so z 0; B (4, 3) -> (+1, -1);
    # C (3, 4) -> (-1, +1). One: (1 - 1) / 2 = 0; two: (0 - 1 + 1) / 3 = 0. A tie stays a tie.
    z = [(r.nomination, r.total, r.rank, r.tied) for r in result.standardised]
    assert sorted(z, key=lambda t: t[0].pk) == [(one, 0, 1, True), (two, 0, 1, True)]


def test_tie_for_first_lists_city_then_title(scoring):
    category = scoring.nominations[0].category
    Nomination.objects.filter(category=category).delete()
    b = NominationFactory(edition=scoring.edition, category=category,
                          practice=PracticeFactory(city=CityFactory(name_pl="Bbb"), title_pl="A"))
    a2 = NominationFactory(edition=scoring.edition, category=category,
                           practice=PracticeFactory(city=CityFactory(name_pl="Aaa"),
                                                    title_pl="Zet"))
    a1 = NominationFactory(edition=scoring.edition, category=category,
                           practice=PracticeFactory(city=a2.practice.city, title_pl="Alfa"))
    for nomination in (b, a2, a1):
        score(scoring, scoring.ja, nomination, 4)
        score(scoring, scoring.jb, nomination, 2)
    result = next(r for r in robustness(edition=scoring.edition) if r.category == category)
    assert result.winners == [a1, a2, b]
    assert (result.margin, result.runners_up) == (0, [])
    assert [r.nomination for r in result.standardised] == [a1, a2, b]
    assert result.line == "The tie for first place does not depend on any single juror."


def test_no_scores_no_ranking(scoring):
    result = first_category(scoring)
    assert (result.winners, result.margin, result.changes) == ([], None, [])
    assert result.line == "No scores yet: nothing to rank."


def test_robustness_query_count_is_constant(scoring, django_assert_max_num_queries):
    for nomination in scoring.nominations:
        score(scoring, scoring.ja, nomination, 3)
    with django_assert_max_num_queries(6):
        robustness(edition=scoring.edition)
