import pytest
from django.core.cache import cache

from scorecards import services
from scorecards.models import Round
from tests.scorecards.world import build_world, link


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def this_round(world):
    """This year's round, copied from last year's."""
    round = Round.objects.create(edition=world.edition)
    services.copy_from_previous(round=round)
    return round


@pytest.fixture
def lublin_card(world, this_round):
    """(scorecard, token) of Lublin this year."""
    return link(this_round, world.lublin)
