"""A small edition in jury scoring: two criteria, three nominations in two
categories, juror_a and juror_b on its jury (a third juror without a login)."""

from decimal import Decimal

import pytest

from practices.enums import Phase
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
)


@pytest.fixture
def scoring(db, juror_a, juror_b):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    engagement = CriterionFactory(edition=edition, code="engagement", name_pl="Zaangażowanie",
                                  weight=Decimal("2"), order=1)
    durability = CriterionFactory(edition=edition, code="durability", name_pl="Długofalowość",
                                  order=2)
    first, second = CategoryFactory(), CategoryFactory()
    nominations = [
        NominationFactory(edition=edition, category=first),
        NominationFactory(edition=edition, category=first),
        NominationFactory(edition=edition, category=second),
    ]
    ja = JurorFactory(user=juror_a, name="Juror A", preferred_language="uk")
    jb = JurorFactory(user=juror_b, name="Juror B")
    jc = JurorFactory(name="Juror C")
    for juror in (ja, jb, jc):
        juror.editions.add(edition)

    class Scoring:
        pass

    s = Scoring()
    s.edition, s.criteria = edition, [engagement, durability]
    s.engagement, s.durability = engagement, durability
    s.nominations = nominations
    s.ja, s.jb, s.jc = ja, jb, jc
    return s
