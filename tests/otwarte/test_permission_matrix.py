"""Every URL pattern × every role, against tests/otwarte/permission_matrix.py."""

from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django_otp.plugins.otp_totp.models import TOTPDevice

from jury.models import Criterion, Juror
from practices.enums import Phase
from practices.models import Edition
from tests.factories import AwardFactory
from tests.otwarte.permission_matrix import MATRIX, ROLES

PERSONAS = {
    "anonymous": None,
    "expert_city": "expert_lublin",
    "expert_other": "expert_warszawa",
    "juror_a": "juror_a",
    "juror_b": "juror_b",
    "organiser": "organiser",
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) for every pattern: key is "ns:name", or the route when unnamed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        localised = isinstance(pattern.pattern, LocalePrefixPattern)
        part = "<lang>/" if localised else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern, prefix + part, inner)
        else:
            route = prefix + part
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


PATTERNS = sorted(set(url_patterns()))


class SampleData:
    """One object of every model, so that every pattern has something to show."""

    def __init__(self, users):
        self.users = users
        self.user = users["organiser"]
        # Not EditionFactory: its year sequence would run out of range over ~100 tests.
        edition = Edition.objects.create(year=2016, phase=Phase.PUBLISHED)
        award = AwardFactory(edition=edition)
        self.practice = award.practice
        self.practice.title_pl += " (2)"
        self.practice.save()  # a second historical record
        Juror.objects.create(name="Juror", slug="juror", city=self.practice.city)
        Criterion.objects.create(edition=award.edition, code="impact", name_pl="Wpływ")
        TOTPDevice.objects.create(user=users["expert_city"], name="phone", confirmed=False)
        AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", failures_since_start=1)
        AccessLog.objects.create(username="x", ip_address="10.0.0.1")
        AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1")

    def pk(self, label):
        return apps.get_model(label)._default_manager.order_by("pk").values_list("pk", flat=True)[0]

    def history_pk(self, label):
        model = apps.get_model(label)
        return model.history.filter(id=self.pk(label)).order_by("history_id")[0].history_id

    def content_type_id(self, label):
        return ContentType.objects.get_for_model(apps.get_model(label)).pk


@pytest.fixture
def sample(request, db):
    users = {
        role: request.getfixturevalue(name) if name else None for role, name in PERSONAS.items()
    }
    return SampleData(users)


def test_every_url_pattern_has_a_matrix_entry():
    missing = [key for key, _route in PATTERNS if key not in MATRIX]
    assert missing == [], "Add these to tests/otwarte/permission_matrix.py and docs/permissions.md"


def test_every_matrix_entry_is_a_url_pattern():
    keys = {key for key, _route in PATTERNS}
    assert sorted(set(MATRIX) - keys) == []


def test_every_entry_covers_every_role():
    assert [key for key, entry in MATRIX.items() if sorted(entry.expect) != sorted(ROLES)] == []


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_role_gets_expected_status(key, sample, client_for):
    entry = MATRIX[key]
    url = entry.url(sample) if entry.url else reverse(key)
    actual = {role: client_for(user).get(url).status_code for role, user in sample.users.items()}
    assert actual == entry.expect, url


def test_every_entry_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "permissions.md").read_text()
    assert [key for key in MATRIX if f"`{key}`" not in docs] == []
