"""The deliberation flags (jury/services/flags.py, docs/tally.md "Flags")."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from jury.enums import FlagKind
from jury.models import Conflict, Score
from jury.services.flags import disagreement_fences, flagged_share, flags, one_point
from jury.services.tally import categories_of, collect
from jury.synthetic import realistic_scores
from practices.enums import Phase
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
)

pytestmark = pytest.mark.django_db

# A 2015-style edition: six categories of five nominations, five jurors, four
# criteria (the first counting double), a conflict every fifteen nominations.
CATEGORIES, PER_CATEGORY, JURORS = 6, 5, 5


def realistic_edition(seed):
    rng = random.Random(seed)
    edition = EditionFactory(phase=Phase.DELIBERATION)
    criteria = [
        CriterionFactory(edition=edition, order=i, weight=Decimal(2 if i == 0 else 1))
        for i in range(4)
    ]
    jurors = [JurorFactory() for _ in range(JURORS)]
    for juror in jurors:
        juror.editions.add(edition)
    nominations = [
        NominationFactory(edition=edition, category=category)
        for category in [CategoryFactory() for _ in range(CATEGORIES)]
        for _ in range(PER_CATEGORY)
    ]
    Score.objects.bulk_create(
        Score(juror=j, nomination=n, criterion=c, value=v)
        for j, n, c, v in realistic_scores(
            rng=rng, jurors=jurors, nominations=nominations, criteria=criteria
        )
    )
    for nomination in rng.sample(nominations, len(nominations) // 15):
        Conflict.objects.create(juror=rng.choice(jurors), nomination=nomination, reason="Work")
    return edition


def test_share_flagged_on_realistic_data_is_at_most_thirty_percent(capsys):
    shares = []
    for seed in range(10):
        flagged, total = flagged_share(edition=realistic_edition(seed))
        shares.append(flagged / total)
    mean = sum(shares) / len(shares)
    with capsys.disabled():
        print(
            f"\nflagged share on realistic 2015-style data ({len(shares)} editions of "
            f"{CATEGORIES * PER_CATEGORY}): mean {mean:.0%}, max {max(shares):.0%}, "
            f"each {', '.join(f'{s:.0%}' for s in shares)}"
        )
    assert mean <= 0.30
    # One edition in eight with two close categories flags a little more.
    assert max(shares) <= 0.40



def _edition_with(values_by_nomination, *, categories=1):
    """An edition in deliberation: three jurors, one 1–5 criterion, the given scores
    ({label: [v1, v2, v3]}) each on its own nomination, all in one category."""
    edition = EditionFactory(phase=Phase.DELIBERATION)
    criterion = CriterionFactory(edition=edition, name_pl="Wpływ")
    jurors = [JurorFactory(name=f"Juror {i}") for i in range(3)]
    for juror in jurors:
        juror.editions.add(edition)
    category = CategoryFactory()
    nominations = {}
    for label, values in values_by_nomination.items():
        nomination = NominationFactory(edition=edition, category=category)
        nominations[label] = nomination
        for juror, value in zip(jurors, values):
            if value is not None:
                Score.objects.create(juror=juror, nomination=nomination, criterion=criterion,
                                     value=value)
    return edition, nominations, jurors


def kinds(found, nomination):
    return {f.kind for f in found.get(nomination.pk, [])}


def test_a_criterion_far_above_the_editions_usual_disagreement_is_flagged():
    edition, n, _j = _edition_with({
        "a": [5, 5, 5], "b": [4, 4, 4], "c": [3, 3, 3], "e": [2, 2, 2], "f": [1, 1, 1],
        "g": [2, 2, 2], "d": [3, 3, 4], "split": [1, 5, 3],
    })
    found = flags(edition=edition)
    assert kinds(found, n["split"]) == {FlagKind.DISAGREEMENT}
    assert "far apart" in found[n["split"].pk][0].juror_reason
    assert not kinds(found, n["d"])


def test_a_spread_of_two_is_not_a_flag_when_the_edition_usually_disagrees_so():
    edition, n, _j = _edition_with({
        "a": [5, 3, 4], "b": [2, 4, 3], "c": [3, 5, 4], "d": [1, 3, 2], "e": [2, 3, 4],
    })
    assert all(FlagKind.DISAGREEMENT not in kinds(flags(edition=edition), x) for x in n.values())


def test_the_fence_is_q3_plus_three_iqr_of_the_standard_deviations():
    edition, _n, _j = _edition_with({"a": [4, 4, 4], "b": [3, 3, 3], "c": [2, 2, 2],
                                     "d": [3, 3, 4]})
    (fence,) = disagreement_fences(collect(edition=edition)).values()
    # SDs 0, 0, 0, 0.471: Q1 = 0, Q3 = 0.118 (inclusive quartiles), fence = Q3 + 3·Q3.
    assert fence == pytest.approx(4 * 0.4714045 / 4, abs=1e-6)


def test_a_tie_for_first_place_flags_both():
    edition, n, _j = _edition_with({"a": [4, 4, 4], "b": [4, 4, 4], "c": [2, 2, 2]})
    found = flags(edition=edition)
    assert FlagKind.CLOSE in kinds(found, n["a"]) and FlagKind.CLOSE in kinds(found, n["b"])
    assert not kinds(found, n["c"])


def test_a_margin_of_one_jurors_point_flags_first_and_second():
    # Totals 4 and 11/3: one juror moving one point moves a total by 1/3.
    edition, n, _j = _edition_with({"a": [4, 4, 4], "b": [4, 4, 3], "c": [1, 1, 1]})
    found = flags(edition=edition)
    assert FlagKind.CLOSE in kinds(found, n["a"]) and FlagKind.CLOSE in kinds(found, n["b"])
    assert not kinds(found, n["c"])


def test_one_point_is_the_heaviest_criterions_share():
    edition, _n, _j = _edition_with({"a": [4, 4, 4]})
    (row,) = categories_of(collect(edition=edition))[0].rows
    assert one_point(row) == Fraction(1, 3)


def test_a_winner_that_depends_on_one_juror_is_flagged_without_naming_the_juror_to_jurors():
    # Without juror 0, b (4, 4) beats a (5, 1 → 3 from the others... ) — see totals:
    # a: 5, 5, 1 → 11/3; b: 1, 4, 4 → 3; without juror 2: a 5 vs b 2.5; without juror 0:
    # a 3 vs b 4 → b first.
    edition, n, _j = _edition_with({"a": [5, 5, 1], "b": [1, 4, 4], "c": [2, 2, 2]})
    found = flags(edition=edition)
    dependent = [f for f in found[n["b"].pk] if f.kind == FlagKind.JUROR_DEPENDENT]
    assert dependent and "Juror 0" in dependent[0].reason
    assert "Juror" not in dependent[0].juror_reason.replace("juror", "")


def test_a_conflict_flags_the_nomination():
    edition, n, jurors = _edition_with({"a": [4, 4, 4], "b": [2, 2, 2], "c": [1, 1, 1]})
    Conflict.objects.create(juror=jurors[0], nomination=n["c"], reason="Work")
    assert kinds(flags(edition=edition), n["c"]) == {FlagKind.CONFLICT}
