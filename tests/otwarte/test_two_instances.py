"""Two app servers sharing PostgreSQL and Redis, as docs/deploy.md's "More than one
machine" runs them: a change through one shows on the other at once, the open-call
and login limits count across both, and a session works on both.

Needs PostgreSQL (the suite's DATABASE_URL) and Redis (OTWARTE_TEST_REDIS_URL,
default redis://127.0.0.1:6379/4); skipped with the reason otherwise.
"""

import os
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.otwarte.servers import Browser, Server, environment, manage

pytestmark = pytest.mark.postgres

REDIS_URL = os.environ.get("OTWARTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
PASSWORD = "two-instances-Organiser-2026"
EDITION = "/pl/editions/2015/"
MAKE_ORGANISER = (
    "from django.contrib.auth.models import Group, User; "
    "from practices.models import Edition; from practices.services import unpublish_edition; "
    f"u = User.objects.create_user('org', password='{PASSWORD}', is_staff=True); "
    "u.groups.add(Group.objects.get(name='organiser')); "
    "unpublish_edition(edition=Edition.objects.get(year=2015), by=u, reason='re-publish test')"
)


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    return client


@pytest.fixture
def instances(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")
    redis_client = _redis_or_skip()
    import psycopg

    params = settings.DATABASES["default"]
    name = f"{params['NAME']}_instances"
    admin = psycopg.connect(
        host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
        password=params["PASSWORD"], dbname="postgres", autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    prefix = f"otwarte-test-{uuid.uuid4().hex[:8]}"
    env = environment(
        DATABASE_URL=(
            f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:"
            f"{params['PORT'] or 5432}/{name}"
        ),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "loaddata", "reference", "edition_2015", "-v0")
    manage(env, "shell", "-c", MAKE_ORGANISER)
    started = [Server(env, tmp_path), Server(env, tmp_path)]
    try:
        yield [server.wait_until_up() for server in started]
    finally:
        for server in started:
            server.stop()
        keys = list(redis_client.scan_iter(f"{prefix}:*"))
        if keys:
            redis_client.delete(*keys)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_two_instances_share_changes_sessions_and_limits(instances):
    first, second = instances

    # The home page cached on both; 2015 is in deliberation (not public).
    before = {}
    for server in instances:
        server.get("/pl/")
        cached = server.get("/pl/")
        assert cached.headers["X-Cache"] == "hit"
        before[server.port] = cached.body
        assert server.get(EDITION).status == 404

    # A session made on the first works on the second.
    organiser = Browser()
    organiser.open(first.base + "/pl/login/")
    login = organiser.open(
        first.base + "/pl/login/", {"username": "org", "password": PASSWORD}
    )
    assert login.status == 302
    assert organiser.open(second.base + "/pl/cockpit/").status == 200

    # A change through the second (publishing 2015) shows on both at once.
    published = organiser.open(second.base + "/pl/cockpit/2015/phase/published/", {})
    assert published.status == 302
    for server in instances:
        home = server.get("/pl/")
        assert (home.headers["X-Cache"], home.body != before[server.port]) == ("miss", True)
        assert server.get(EDITION).status == 200

    # The open call's limit counts across both instances (one client address).
    visitor = Browser()
    visitor.open(first.base + "/pl/propose/")
    proposal = {
        "city": "", "city_name": "Olsztyn", "title": "Punkt", "category": "",
        "description": "Miasto prowadzi punkt.", "proposer": "Urząd",
        "contact_email": "urzad@example.org", "website": "",
    }
    answers = [
        visitor.open(server.base + "/pl/propose/", proposal).status
        for server in [first, second] * 3
    ]
    assert answers == [302, 302, 302, 302, 302, 429]

    # So does the login lockout.
    intruder = Browser()
    intruder.open(first.base + "/pl/login/")
    failures = [
        intruder.open(server.base + "/pl/login/", {"username": "org", "password": "wrong"}).status
        for server in [first, second] * 3
    ]
    assert failures == [200, 200, 200, 200, 429, 429]
