"""Reports fixtures: a 2016 edition in the expert-reports phase, Lublin and
Warszawa assigned to their experts, and earlier (2015) awards in Lublin.

Built with factories rather than the full 2015 fixture: the URL × persona
walk runs these for every case. Tests about the real 2015 data load
`edition_2015` themselves and look the cities up.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from practices.enums import Phase
from reports import services
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CityFactory,
    EditionFactory,
    PracticeFactory,
)


@pytest.fixture
def edition_2016(db):
    return EditionFactory(
        year=2016,
        phase=Phase.EXPERT_REPORTS,
        reports_deadline=timezone.now() + timedelta(days=30),
    )


@pytest.fixture
def warszawa(db):
    city = CityFactory(name_pl="Warszawa", slug="warszawa", voivodeship="mazowieckie")
    PracticeFactory(city=city, title_pl="Centrum Wielokulturowe", slug="centrum-wielokulturowe")
    return city


@pytest.fixture
def awards_2015_lublin(lublin):
    edition = EditionFactory(year=2015, phase=Phase.PUBLISHED)
    return [AwardFactory(edition=edition, practice__city=lublin) for _ in range(2)]


@pytest.fixture
def assignments(edition_2016, lublin, warszawa, expert_lublin, expert_warszawa):
    return [
        AssignmentFactory(edition=edition_2016, expert=expert_lublin, city=lublin),
        AssignmentFactory(edition=edition_2016, expert=expert_warszawa, city=warszawa),
    ]


@pytest.fixture
def report_lublin(awards_2015_lublin, assignments, edition_2016, lublin, expert_lublin):
    return services.create_report(edition=edition_2016, city=lublin, created_by=expert_lublin)


@pytest.fixture
def new_practice_lublin(lublin):
    """A practice found in 2016, not awarded (an expert may edit it)."""
    return PracticeFactory(city=lublin, title_pl="Lubelskie Centrum Wielokulturowe", slug="lcw")


@pytest.fixture
def accepted_lublin(report_lublin, new_practice_lublin, expert_lublin, organiser):
    """The 2016 Lublin report accepted with two proposals in two categories."""
    from tests.factories import CategoryFactory, ProposedNominationFactory

    proposals = [
        ProposedNominationFactory(
            report=report_lublin,
            practice=new_practice_lublin,
            category=CategoryFactory(order=1),
            justification_pl="Pierwsza propozycja.",
        ),
        ProposedNominationFactory(
            report=report_lublin, category=CategoryFactory(order=2), justification_pl=""
        ),
    ]
    proposals[1].justification_uk = "Друга пропозиція."
    proposals[1].save()
    services.submit_report(report=report_lublin, user=expert_lublin)
    services.accept_report(report=report_lublin, user=organiser)
    return proposals
