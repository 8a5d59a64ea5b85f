"""Inviting a juror: account, profile and jury seat in one step; the e-mail in
the juror's language; the set-password pages end on the site's login."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from jury.models import Juror
from tests.factories import CityFactory, EditionFactory

pytestmark = pytest.mark.django_db


def test_organiser_invites_a_juror_who_logs_in_to_the_dashboard(client_for, organiser, client):
    edition = EditionFactory()
    city = CityFactory()
    response = client_for(organiser).post(
        reverse("admin:jury_juror_invite"),
        {"edition": edition.pk, "email": "olena@example.org", "name": "Olena K.",
         "country_of_origin": "Ukraina", "city": city.pk, "preferred_language": "uk"},
    )
    assert response.status_code == 302
    juror = Juror.objects.get(user__email="olena@example.org")
    assert (juror.name, juror.city, juror.preferred_language) == ("Olena K.", city, "uk")
    assert juror.user.get_full_name() == "Olena K."
    assert list(juror.editions.all()) == [edition]
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert str(edition.year) in mail.outbox[0].subject
    assert "/uk/login/" in body
    link = re.search(r"https?://\S+/set-password/\S+", body).group(0)
    assert "/uk/account/" in link
    page = client.get(link, follow=True)
    assert 'lang="uk"' in page.content.decode()
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Mleczny-Bar-Lublin-2016", "new_password2": "Mleczny-Bar-Lublin-2016"},
        follow=True,
    )
    assert reverse("public:login") in done.content.decode()
    login = client.post(reverse("public:login"),
                        {"username": "olena@example.org", "password": "Mleczny-Bar-Lublin-2016"})
    assert login["Location"] == "/uk/jury/"


def test_juror_invitation_is_closed_to_experts(client_for, expert_lublin):
    response = client_for(expert_lublin).get(reverse("admin:jury_juror_invite"))
    assert response.status_code == 403


def test_403_page_has_navigation_and_logout(client_for, expert_lublin):
    page = client_for(expert_lublin).get(reverse("jury:dashboard"))
    html = page.content.decode()
    assert page.status_code == 403
    assert reverse("public:logout") in html
    assert reverse("public:practice_list") in html


def test_public_footer_has_a_login_link_for_anonymous_visitors(anonymous, db):
    assert reverse("public:login") in anonymous.get(reverse("public:home")).content.decode()
