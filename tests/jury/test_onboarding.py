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


# --- a juror known by name only is offered, never assumed ---------------------------


def _invite(client, edition, **extra):
    return client.post(
        reverse("admin:jury_juror_invite"),
        {"edition": edition.pk, "email": "maria.new@example.org", "name": "maria x",
         "country_of_origin": "", "city": "", "preferred_language": "uk", **extra},
    )


@pytest.fixture
def imported_maria(db):
    """A juror of an earlier edition, imported without an account."""
    from jury.models import Juror as JurorModel
    from tests.factories import JurorFactory

    juror = JurorFactory(name="Maria X", slug="maria-x")
    juror.editions.add(EditionFactory(year=2015))
    return JurorModel.objects.get(pk=juror.pk)


def test_same_name_as_an_imported_juror_asks_first_and_sends_nothing(
    client_for, organiser, imported_maria
):
    edition = EditionFactory(year=2030)
    response = _invite(client_for(organiser), edition)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone of this name is already known" in html
    assert "the juror Maria X already known (jury of 2015)" in html
    assert 'name="attach" value="new" id="id_attach_0" checked>' in html  # the default
    assert mail.outbox == []
    imported_maria.refresh_from_db()
    assert imported_maria.user is None and list(imported_maria.editions.all()) != [edition]
    assert Juror.objects.count() == 1


def test_new_person_of_the_same_name_gets_a_profile_of_her_own(
    client_for, organiser, imported_maria
):
    edition = EditionFactory(year=2030)
    response = _invite(client_for(organiser), edition, attach="new")
    assert response.status_code == 302
    new = Juror.objects.get(user__email="maria.new@example.org")
    assert new.pk != imported_maria.pk and list(new.editions.all()) == [edition]
    imported_maria.refresh_from_db()
    assert imported_maria.user is None
    assert [e.year for e in imported_maria.editions.all()] == [2015]
    assert [m.to for m in mail.outbox] == [["maria.new@example.org"]]


def test_organiser_may_pick_the_imported_juror(client_for, organiser, imported_maria):
    edition = EditionFactory(year=2030)
    response = _invite(client_for(organiser), edition, attach=str(imported_maria.pk))
    assert response.status_code == 302
    imported_maria.refresh_from_db()
    assert imported_maria.user.email == "maria.new@example.org"
    assert sorted(e.year for e in imported_maria.editions.all()) == [2015, 2030]
    assert Juror.objects.count() == 1


def test_juror_with_an_account_in_use_is_never_offered_nor_attached(
    client_for, organiser, juror_a
):
    from tests.factories import JurorFactory

    taken = JurorFactory(name="Maria X", user=juror_a)
    before = (juror_a.email, juror_a.password)
    edition = EditionFactory(year=2030)
    response = _invite(client_for(organiser), edition, attach=str(taken.pk))
    assert response.status_code == 302  # a new person: the posted pick is not on offer
    juror_a.refresh_from_db()
    assert (juror_a.email, juror_a.password) == before
    assert Juror.objects.get(pk=taken.pk).user == juror_a
    assert Juror.objects.get(user__email="maria.new@example.org").pk != taken.pk


@pytest.mark.parametrize("privileged", ["superuser", "organiser"])
def test_juror_invitation_to_a_privileged_accounts_email_is_refused(
    client_for, organiser, privileged, request
):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    target = UserFactory(username="boss", email="boss@example.org",
                         is_superuser=privileged == "superuser", is_staff=True)
    if privileged == "organiser":
        target.groups.add(Group.objects.get(name="organiser"))
    before = (target.username, target.email, target.first_name, target.last_name,
              target.password)
    edition = EditionFactory(year=2030)
    response = client_for(organiser).post(
        reverse("admin:jury_juror_invite"),
        {"edition": edition.pk, "email": "boss@example.org", "name": "Big Boss",
         "preferred_language": "pl"},
    )
    assert response.status_code == 200
    assert f"{privileged} rights" in response.content.decode()
    target.refresh_from_db()
    assert (target.username, target.email, target.first_name, target.last_name,
            target.password) == before
    assert not target.groups.filter(name="juror").exists()
    assert mail.outbox == [] and Juror.objects.count() == 0
