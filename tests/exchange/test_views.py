"""The organisers' import page: an edition file never takes over an account, and bad
JSON is a clear error, never a 500 — at the preview and at the confirmation."""

import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from otwarte import invitations
from otwarte.models import SentMessage
from otwarte.roles import Role
from tests.factories import EditionFactory, UserFactory

from .conftest import fingerprint

pytestmark = pytest.mark.django_db

TAKEOVER = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "experts": [{"username": "root", "email": "x@evil.test", "cities": []}]}


@pytest.fixture
def root(db):
    EditionFactory(year=2030)
    return UserFactory(username="root", email="", first_name="", is_superuser=True,
                       is_staff=True)


def _identity(user):
    user.refresh_from_db()
    return (user.username, user.email, user.first_name, user.last_name, user.password,
            user.is_superuser, user.is_staff, list(user.groups.all()))


def _upload(client, content):
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    return client.post(reverse("exchange:import"),
                       {"file": SimpleUploadedFile("edition.json", data)})


def test_import_page_refuses_to_hand_over_a_superuser(client_for, organiser, root):
    client = client_for(organiser)
    before, rows = _identity(root), fingerprint()
    preview = _upload(client, TAKEOVER)
    text = html.unescape(preview.content.decode())
    assert preview.status_code == 200
    assert "the account “root” has superuser rights" in text
    # The confirmation cannot be forged past the rule either.
    confirm = client.post(reverse("exchange:import"),
                          {"confirm": "1", "content": json.dumps(TAKEOVER)}, follow=True)
    assert "Nothing was imported" in html.unescape(confirm.content.decode())
    assert (_identity(root), fingerprint()) == (before, rows)
    # The invitation that followed in the attack reaches a new account, not root.
    user = invitations.invite(email="x@evil.test", first_name="X", role=Role.EXPERT)
    assert user.pk != root.pk and _identity(root) == before
    assert [m.to for m in mail.outbox] == [["x@evil.test"]]
    assert not SentMessage.objects.filter(user=root).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "otwarte-edition", "version": 2, "edition": {"year": 2030}, '
         b'"cities": [{"slug": "x", "name": {"pl": "\\ud800"}}]}',
         "cities.0.name.pl: the escape for U+D800 is half of a character"),
        (b'"\\ud800"', "the file: the escape for U+D800 is half of a character"),
        (b'{"edition": {"year": ' + b"9" * 4301 + b"}}",
         "The file holds a number of 4301 digits; no field takes a number that long."),
    ],
    ids=["surrogate-in-a-field", "surrogate-alone", "4301-digits"],
)
def test_unparseable_numbers_and_surrogates_are_a_clear_error(
    client_for, organiser, content, message
):
    EditionFactory(year=2030)
    client = client_for(organiser)
    before = fingerprint()
    preview = _upload(client, content)
    assert preview.status_code == 200
    assert message in html.unescape(preview.content.decode())
    confirm = client.post(reverse("exchange:import"),
                          {"confirm": "1", "content": content.decode()}, follow=True)
    assert confirm.status_code == 200
    assert message in html.unescape(confirm.content.decode())
    assert fingerprint() == before
    assert get_user_model().objects.count() == 1  # the organiser
