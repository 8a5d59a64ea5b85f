"""Two server processes on one SQLite file, with the default per-process cache:
a change made elsewhere (a management command) invalidates both at once."""

import pytest

from tests.otwarte.servers import Server, environment, manage

EDITION = "/pl/editions/2015/"
UNPUBLISH = (
    "from django.contrib.auth.models import Group, User; "
    "from practices.models import Edition; from practices.services import unpublish_edition; "
    "u = User.objects.create_user('org'); u.groups.add(Group.objects.get(name='organiser')); "
    "unpublish_edition(edition=Edition.objects.get(year=2015), by=u, reason='test')"
)


@pytest.fixture
def servers(tmp_path):
    env = environment(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "loaddata", "reference", "edition_2015", "-v0")
    started = [Server(env, tmp_path), Server(env, tmp_path)]
    try:
        yield env, [server.wait_until_up() for server in started]
    finally:
        for server in started:
            server.stop()


def test_unpublishing_through_a_command_invalidates_every_process(servers):
    env, (first, second) = servers
    for server in (first, second):
        assert server.get(EDITION).status == 200
        cached = server.get(EDITION)
        assert (cached.status, cached.headers["X-Cache"]) == (200, "hit")

    manage(env, "shell", "-c", UNPUBLISH)

    assert [server.get(EDITION).status for server in (first, second)] == [404, 404]
