"""Invitations need a name: experts are credited publicly by it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from otwarte.invitations import invite

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["expert", "juror"])
@pytest.mark.parametrize(("first", "last"), [("", ""), (" ", "\u200b")])
def test_invitation_without_a_name_is_refused(role, first, last):
    with pytest.raises(ValidationError) as excinfo:
        invite(email="olena@example.org", role=role, first_name=first, last_name=last)
    assert excinfo.value.messages == ["An invitation needs the person's name."]
    assert mail.outbox == []


def test_invitation_form_in_the_admin_asks_for_a_name(client_for, organiser):
    url = reverse("admin:practices_invite")
    response = client_for(organiser).post(url, {"email": "olena@example.org", "role": "expert"})
    assert response.status_code == 200
    assert "An invitation needs the person&#x27;s name." in response.content.decode()
    assert mail.outbox == []


# --- no account is taken over by an invitation ---------------------------------------


def _identity(user):
    user.refresh_from_db()
    return (user.username, user.email, user.first_name, user.last_name, user.password,
            user.is_superuser, user.is_staff)


def _invite_expert(client, **data):
    return client.post(reverse("admin:practices_invite"), {"edition": "", **data})


@pytest.fixture
def boss(db):
    """A superuser without an e-mail, named like the person the organiser invites."""
    from tests.factories import UserFactory

    return UserFactory(username="boss", email="", first_name="Big", last_name="Boss",
                       is_superuser=True, is_staff=True)


def test_name_of_a_superuser_without_email_takes_over_nothing(client_for, organiser, boss):
    from django.contrib.auth import get_user_model

    before = _identity(boss)
    response = _invite_expert(client_for(organiser), email="x@evil.test",
                              first_name="Big", last_name="Boss")
    assert response.status_code == 302  # a new person of that name, nothing more
    assert _identity(boss) == before
    new = get_user_model().objects.get(email="x@evil.test")
    assert new.pk != boss.pk and new.username == "x@evil.test" and not new.is_superuser
    assert [m.to for m in mail.outbox] == [["x@evil.test"]]
    assert ": boss" not in mail.outbox[0].body


@pytest.mark.parametrize("privileged", ["superuser", "organiser", "staff"])
def test_invitation_to_a_privileged_accounts_email_is_refused(
    client_for, organiser, privileged
):
    from django.contrib.auth.models import Group

    from otwarte.models import SentMessage
    from tests.factories import UserFactory

    target = UserFactory(username="boss", email="boss@example.org", first_name="Big",
                         is_superuser=privileged == "superuser", is_staff=True)
    if privileged == "organiser":
        target.groups.add(Group.objects.get(name="organiser"))
    before = _identity(target)
    response = _invite_expert(client_for(organiser), email="Boss@example.org",
                              first_name="Big", last_name="Boss")
    assert response.status_code == 200
    assert (f"This e-mail belongs to an account with {privileged} rights; it cannot be "
            "invited as expert.") in response.content.decode()
    assert _identity(target) == before
    assert list(target.groups.values_list("name", flat=True)) == (
        ["organiser"] if privileged == "organiser" else [])
    assert mail.outbox == [] and SentMessage.objects.count() == 0


@pytest.fixture
def imported_anna(db):
    """An expert an edition file brought without an e-mail (no password, never signed in)."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="anna.kowalska", email="", first_name="Anna",
                       last_name="Kowalska", is_staff=True)
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name="expert"))
    return user


def test_same_name_as_an_imported_expert_asks_first(client_for, organiser, imported_anna):
    before = _identity(imported_anna)
    response = _invite_expert(client_for(organiser), email="anna@example.org",
                              first_name="anna", last_name="kowalska")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone of this name is already known" in html
    assert "the expert Anna Kowalska already known (account anna.kowalska)" in html
    assert 'name="attach" value="new" id="id_attach_0" checked>' in html
    assert mail.outbox == [] and _identity(imported_anna) == before


def test_expert_invitation_defaults_to_a_new_person(client_for, organiser, imported_anna):
    before = _identity(imported_anna)
    response = _invite_expert(client_for(organiser), email="anna@example.org",
                              first_name="Anna", last_name="Kowalska", attach="new")
    assert response.status_code == 302
    assert _identity(imported_anna) == before


def test_organiser_may_pick_the_imported_expert(client_for, organiser, imported_anna):
    before = _identity(imported_anna)
    response = _invite_expert(client_for(organiser), email="anna@example.org",
                              first_name="Anne", last_name="Kowalska-Nowak",
                              attach=str(imported_anna.pk))
    # Another name: the imported account is not on offer, so this is a new person.
    assert response.status_code == 302 and _identity(imported_anna) == before
    mail.outbox.clear()
    response = _invite_expert(client_for(organiser), email="anna.k@example.org",
                              first_name="Anna", last_name="Kowalska",
                              attach=str(imported_anna.pk))
    assert response.status_code == 302
    after = _identity(imported_anna)
    # Only the empty e-mail of the unclaimed account is filled; names and username stay.
    assert after == (before[0], "anna.k@example.org", *before[2:])
    assert [m.to for m in mail.outbox] == [["anna.k@example.org"]]
    assert "anna.kowalska" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "for 3 days; after that"), ("pl", "przez 3 dni; potem"), ("uk", "протягом 3 днів")],
)
def test_invitation_says_when_its_link_expires(settings, language, expected):
    # Django's set-password token lives PASSWORD_RESET_TIMEOUT (3 days): say so (issue 29).
    settings.PASSWORD_RESET_TIMEOUT = 3 * 86400
    invite(email="nowa@example.org", role="expert", first_name="Nowa", last_name="Osoba",
           language=language)
    assert expected in mail.outbox[-1].body
