"""The consular pilot, open today, and helpers that answer it."""

from datetime import timedelta

from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from surveys import services
from surveys.models import Target
from surveys.pilot import create_consular_pilot

EMAIL = "Olena.Koval@example.org"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit and burst counters live in the shared LocMem cache."""
    cache.clear()
    yield
    cache.clear()


def consular_posts():
    """The data migration's posts; again, because transactional tests (tests/e2e) flush
    the database, and with it the rows that migrations wrote."""
    import_module("surveys.migrations.0002_consular_posts").add_posts(apps, None)


@pytest.fixture
def posts(db):
    consular_posts()


@pytest.fixture
def pilot(posts):
    today = timezone.localdate()
    return create_consular_pilot(
        year=2026, opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=30)
    )


@pytest.fixture
def kyiv(posts):
    return Target.objects.get(kind="consular", slug="kyiv")


@pytest.fixture
def lviv(posts):
    return Target.objects.get(kind="consular", slug="lviv")


def answers(survey, target, value=4, comment="", **values):
    """Every criterion answered `value` unless named in `values` (None: I don't know)."""
    chosen = {c: values.get(c.code, value) for c in survey.criteria.all()}
    return services.Answers(target=target, values=chosen, context={}, comment=comment)


def verified_by_email(survey, target, email, **kwargs):
    response = services.submit_by_email(
        survey=survey, answers=answers(survey, target, **kwargs), email=email, language="uk"
    )
    return services.open_link(survey=survey, token=services.link_token(response=response))
