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
