"""Organisers manage accounts in the admin but cannot raise anyone's privileges."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from otwarte.roles import Role
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lublin-otwarte-migranci-2026"


def change_form_data(response):
    """What the browser would post back from the admin's change form, unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"] = value.strftime("%Y-%m-%d")
            data[f"{name}_1"] = value.strftime("%H:%M:%S")
        elif isinstance(value, (list, tuple)):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[name] = str(value)
    return data


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True, password=PASSWORD)


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def test_organiser_posting_is_superuser_on_own_account_does_not_stick(client_for, organiser):
    client = client_for(organiser)
    page = client.get(change_url(organiser))
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    assert 'name="user_permissions"' not in page.content.decode()
    other_group = Group.objects.create(name="auditors")
    data = change_form_data(page)
    data.update(
        is_superuser="on",
        user_permissions=[str(Permission.objects.get(codename="delete_user").pk)],
        groups=[str(Group.objects.get(name=Role.ORGANISER).pk), str(other_group.pk)],
        first_name="Ola",
    )
    response = client.post(change_url(organiser), data)
    organiser.refresh_from_db()
    assert organiser.is_superuser is False
    assert list(organiser.user_permissions.all()) == []
    assert set(organiser.groups.values_list("name", flat=True)) == {Role.ORGANISER}
    # The posted unknown group is refused as an invalid choice, so nothing was saved.
    assert response.status_code == 200
    assert organiser.first_name != "Ola"


def test_organiser_saves_own_account_without_privilege_fields(client_for, organiser):
    client = client_for(organiser)
    data = change_form_data(client.get(change_url(organiser)))
    data.update(is_superuser="on", first_name="Ola")
    response = client.post(change_url(organiser), data)
    assert response.status_code == 302
    organiser.refresh_from_db()
    assert (organiser.first_name, organiser.is_superuser) == ("Ola", False)


def test_organiser_group_choices_are_the_role_groups(client_for, organiser):
    Group.objects.create(name="auditors")
    page = client_for(organiser).get(change_url(organiser))
    choices = page.context["adminform"].form.fields["groups"].queryset
    assert sorted(choices.values_list("name", flat=True)) == sorted(Role)


def test_organiser_cannot_set_a_superusers_password(client_for, organiser, superuser):
    client = client_for(organiser)
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_organiser_cannot_change_a_superusers_account(client_for, organiser, superuser):
    client = client_for(organiser)
    data = {"username": "root", "email": "attacker@example.org", "is_active": "on"}
    assert client.post(change_url(superuser), data).status_code == 403
    superuser.refresh_from_db()
    assert superuser.email != "attacker@example.org"


def test_organiser_cannot_set_another_organisers_password(client_for, organiser):
    other = UserFactory(username="organiser2", is_staff=True, password=PASSWORD)
    other.groups.add(Group.objects.get(name=Role.ORGANISER))
    url = reverse("admin:auth_user_password_change", args=[other.pk])
    response = client_for(organiser).post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.check_password(PASSWORD)


def test_organiser_still_sets_a_jurors_password(client_for, organiser, juror_a):
    url = reverse("admin:auth_user_password_change", args=[juror_a.pk])
    response = client_for(organiser).post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302
    juror_a.refresh_from_db()
    assert juror_a.check_password(NEW_PASSWORD)


def test_superuser_still_sees_superuser_status(client_for, superuser, organiser):
    page = client_for(superuser).get(change_url(organiser))
    assert 'name="is_superuser"' in page.content.decode()
