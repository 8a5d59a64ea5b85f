"""Backup, wipe, restore: every record comes back identical."""

import gzip
import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from otwarte.backup import backed_up_labels
from practices.models import Practice

pytestmark = pytest.mark.django_db


def snapshot():
    """Every backed-up record, serialized with natural keys, in a stable order."""
    out = StringIO()
    call_command(
        "dumpdata", *backed_up_labels(), natural_foreign=True, natural_primary=True, stdout=out
    )
    records = json.loads(out.getvalue())
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture
def populated(edition_2015, organiser, expert_lublin, juror_a):
    TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)
    practice = Practice.objects.first()
    practice.title_pl = practice.title_pl + " (poprawione)"
    practice.save()  # one more historical record, with a user
    return edition_2015


def wipe():
    """Empty every table inside the test's transaction (PostgreSQL refuses to
    TRUNCATE tables with pending deferred constraint checks, so run them first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, verbosity=0)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_backup_wipe_restore_gives_identical_records(populated, tmp_path):
    before = snapshot()
    assert len(before) > 50
    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    assert json.loads(gzip.open(path, "rt").read())

    wipe()
    assert not User.objects.exists()
    assert not Practice.objects.exists()

    call_command("restore", str(path), stdout=StringIO())
    assert snapshot() == before


def test_backup_contains_every_project_app_and_accounts(populated, tmp_path):
    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    models = {record["model"] for record in json.loads(gzip.open(path, "rt").read())}
    assert {"auth.user", "auth.group", "practices.edition", "practices.historicalpractice",
            "jury.criterion", "otp_totp.totpdevice"} <= models


def test_restore_refuses_a_database_with_data(populated, tmp_path):
    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), stdout=StringIO())


def test_restore_with_force_loads_over_existing_data(populated, tmp_path):
    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    before = snapshot()
    call_command("restore", str(path), force=True, stdout=StringIO())
    assert snapshot() == before


def test_restore_of_a_broken_backup_writes_nothing(db, tmp_path):
    path = tmp_path / "broken.json.gz"
    records = [
        {"model": "auth.user", "fields": {"username": "ghost", "password": "x", "is_active": True,
                                          "is_staff": False, "is_superuser": False,
                                          "date_joined": "2026-01-01T00:00:00Z",
                                          "groups": [], "user_permissions": []}},
        {"model": "practices.practice", "fields": {"city": ["no-such-city"], "slug": "x"}},
    ]
    with gzip.open(path, "wt") as file:
        json.dump(records, file)
    with pytest.raises(Exception):
        call_command("restore", str(path), stdout=StringIO())
    assert not User.objects.filter(username="ghost").exists()
