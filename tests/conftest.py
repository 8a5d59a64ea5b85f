"""Fixed personas and shared fixtures.

Personas: organiser, expert_lublin, expert_warszawa, juror_a, juror_b, translator and
anonymous (a logged-out client). Feature issues attach them to their domain
objects (assignments, jury membership) in their own fixtures.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from otwarte.roles import Role
from practices.enums import Phase
from tests.factories import CityFactory, UserFactory

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def english_messages():
    """Assert on the English source strings outside requests (the default is pl)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def mail_at_once(monkeypatch):
    """E-mail is queued when a transaction commits (otwarte.mail.after_commit), and a
    test's transaction never commits: hand it to the (immediate) task backend at once,
    so tests assert on mail.outbox. tests/otwarte/test_mail.py checks the real hook."""
    from otwarte import mail

    monkeypatch.setattr(mail, "after_commit", lambda callback: callback())


def _user(username, role, *, is_staff):
    user = UserFactory(username=username, is_staff=is_staff, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def edition_2015(db):
    """The 2015 edition exactly as shipped in fixtures/ (published)."""
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    from practices.models import Edition

    return Edition.objects.get(year=2015)


@pytest.fixture
def scored_edition(db):
    """A published edition with scores and conflicts (tests/methodology_data.py)."""
    from tests.methodology_data import build_scored_edition

    return build_scored_edition()


@pytest.fixture
def check_world(db):
    """An edition in deliberation with one award in Lublin and one in Gdańsk."""
    from tests.factories import AwardFactory, EditionFactory, PracticeFactory

    edition = EditionFactory(phase=Phase.DELIBERATION)
    lublin = CityFactory(name_pl="Lublin", slug="lublin-c")
    gdansk = CityFactory(name_pl="Gdańsk", slug="gdansk-c")
    award = AwardFactory(
        edition=edition,
        practice=PracticeFactory(city=lublin, title_pl="Punkt informacyjny",
                                 description_pl="Opis lubelski."),
        recommendation_pl="Rekomendacja lubelska.",
    )
    other = AwardFactory(
        edition=edition,
        practice=PracticeFactory(city=gdansk, title_pl="Model integracji",
                                 description_pl="Opis gdański."),
        recommendation_pl="Rekomendacja gdańska.",
    )

    class World:
        pass

    w = World()
    w.edition, w.lublin, w.gdansk, w.award, w.other = edition, lublin, gdansk, award, other
    return w


@pytest.fixture
def organiser(db):
    return _user("organiser", Role.ORGANISER, is_staff=True)


@pytest.fixture
def expert_lublin(db):
    return _user("expert_lublin", Role.EXPERT, is_staff=True)


@pytest.fixture
def expert_warszawa(db):
    return _user("expert_warszawa", Role.EXPERT, is_staff=True)


@pytest.fixture
def juror_a(db):
    return _user("juror_a", Role.JUROR, is_staff=False)


@pytest.fixture
def juror_b(db):
    return _user("juror_b", Role.JUROR, is_staff=False)


@pytest.fixture
def translator(db):
    return _user("translator", Role.TRANSLATOR, is_staff=False)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def client_for():
    """client_for(user) -> a Client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def lublin(db):
    """Lublin, the city of expert_lublin (reports, booklet and edition-file tests)."""
    return CityFactory(name_pl="Lublin", slug="lublin", voivodeship="lubelskie")
