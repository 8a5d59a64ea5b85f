"""Reports fixtures: a 2016 edition in the expert-reports phase, with Lublin
and Warszawa (from the 2015 fixture) assigned to their experts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practices.enums import Phase
from practices.models import City
from reports import services
from tests.factories import AssignmentFactory, EditionFactory, PracticeFactory


@pytest.fixture
def edition_2016(edition_2015):
    return EditionFactory(
        year=2016,
        phase=Phase.EXPERT_REPORTS,
        reports_deadline=timezone.now() + timedelta(days=30),
    )


@pytest.fixture
def lublin(edition_2015):
    return City.objects.get(slug="lublin")


@pytest.fixture
def warszawa(edition_2015):
    return City.objects.get(slug="warszawa")


@pytest.fixture
def assignments(edition_2016, lublin, warszawa, expert_lublin, expert_warszawa):
    return [
        AssignmentFactory(edition=edition_2016, expert=expert_lublin, city=lublin),
        AssignmentFactory(edition=edition_2016, expert=expert_warszawa, city=warszawa),
    ]


@pytest.fixture
def report_lublin(assignments, edition_2016, lublin, expert_lublin):
    return services.create_report(edition=edition_2016, city=lublin, created_by=expert_lublin)


@pytest.fixture
def new_practice_lublin(lublin):
    """A practice found in 2016, not awarded (an expert may edit it)."""
    return PracticeFactory(city=lublin, title_pl="Lubelskie Centrum Wielokulturowe", slug="lcw")
