"""The anonymised score profiles, nomination counts and conflicts register."""

from fractions import Fraction

import pytest

from jury.enums import ConflictReason
from jury.models import ConflictDisclosure
from jury.services.methodology import distribution, methodology
from practices.enums import Phase
from practices.phases import PhaseError
from tests.factories import CriterionFactory

pytestmark = pytest.mark.django_db


def _profile(method, slug):
    return next(p for p in method.profiles if p.award.practice.slug == slug)


def _counts(row):
    return [(point.value, point.count) for point in row.points]


def test_profiles_equal_the_hand_computed_distributions(scored_edition):
    method = methodology(edition=scored_edition)
    first = _profile(method, "praktyka-1")
    engagement, durability = first.criteria
    # Jurorka Czwarta's 2 and 1 do not count: she declared a conflict.
    assert _counts(engagement) == [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]
    assert engagement.count == 3 and engagement.mean == Fraction(13, 3)
    assert _counts(durability) == [(1, 0), (2, 1), (3, 2)]
    assert [p.label for p in durability.points] == ["1 – słabo", "2 – średnio", "3 – dobrze"]
    third = _profile(method, "praktyka-3")
    assert _counts(third.criteria[0]) == [(1, 1), (2, 0), (3, 1), (4, 0), (5, 0)]
    assert third.criteria[1].count == 0 and third.criteria[1].mean is None
    assert [p.percent for p in durability.points] == [0, 33, 67]


def test_profiles_carry_no_juror(scored_edition):
    method = methodology(edition=scored_edition)
    for profile in method.profiles:
        for row in profile.criteria:
            assert set(vars(row)) == {"criterion", "points", "count", "mean"}


def test_nominations_are_counted_per_category(scored_edition):
    method = methodology(edition=scored_edition)
    assert [(c.code, n) for c, n in method.nominations] == [("k-profil-1", 2), ("k-profil-2", 1)]
    assert method.nomination_total == 3


def test_register_names_only_disclosed_kinds(scored_edition):
    method = methodology(edition=scored_edition)
    assert [(e.juror, e.nomination.practice.slug, e.category) for e in method.register] == [
        ("Juror Drugi", "praktyka-2", None),
        ("Jurorka Czwarta", "praktyka-1", ConflictReason.WORK.label),
    ]
    assert method.disclosed == [ConflictReason.WORK.label]
    ConflictDisclosure.objects.create(edition=scored_edition, category=ConflictReason.PERSONAL)
    assert methodology(edition=scored_edition).register[0].category == (
        ConflictReason.PERSONAL.label
    )


@pytest.mark.parametrize("phase", [p for p in Phase if p != Phase.PUBLISHED])
def test_unpublished_edition_is_refused(scored_edition, phase):
    scored_edition.phase = phase
    with pytest.raises(PhaseError):
        methodology(edition=scored_edition)


def test_distribution_ignores_values_off_the_scale(db):
    criterion = CriterionFactory(scale_min=1, scale_max=3)
    assert [p.count for p in distribution(criterion, [1, 1, 3, 9]).points] == [2, 0, 1]
