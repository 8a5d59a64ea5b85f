"""Backup, wipe, restore: every record comes back identical."""

import gzip
import json
import re
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from otwarte.backup import EXCLUDED_MODELS, backed_up_labels, is_empty, project_app_configs
from practices.models import Practice
from tests.otwarte import backup_world
from tests.surveys.conftest import consular_posts

pytestmark = pytest.mark.django_db


def snapshot():
    """Every backed-up record, serialized with natural keys, in a stable order."""
    out = StringIO()
    # In one language: modeltranslation also serialises the active language's value.
    with translation.override("en"):
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


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """flush renumbers content types (PostgreSQL) and the test's rollback puts the old
    ids back: the process-wide ContentType cache must not outlive either."""
    yield
    ContentType.objects.clear_cache()


def wipe():
    """Empty every table inside the test's transaction (PostgreSQL refuses to
    TRUNCATE tables with pending deferred constraint checks, so run them first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()
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


def test_project_apps_are_those_whose_code_is_in_the_repository():
    labels = {config.label for config in project_app_configs()}
    assert {
        "otwarte", "practices", "reports", "jury", "booklet", "surveys", "translations"
    } <= labels
    assert not labels & {"auth", "admin", "axes", "otp_totp", "django_tasks_database"}


def test_every_installed_model_is_backed_up_or_excluded_with_a_reason():
    backed_up = set(backed_up_labels())
    models = {model._meta.label for model in apps.get_models()}
    assert models - backed_up - set(EXCLUDED_MODELS) == set()
    assert backed_up & set(EXCLUDED_MODELS) == set()
    assert set(EXCLUDED_MODELS) <= models  # no stale exclusion
    assert all(reason.strip() for reason in EXCLUDED_MODELS.values())
    # The civic audit and the bookkeeping that was once left out (issue 26).
    assert {"surveys.Response", "surveys.Answer", "surveys.ContextAnswer", "surveys.Target",
            "translations.TranslationStatus", "otwarte.SentMessage"} <= backed_up


def test_every_exclusion_is_documented_in_the_deploy_guide():
    section = _deploy_section("Backups")
    assert [label for label in EXCLUDED_MODELS if f"`{label}`" not in section] == []


def _deploy_section(title):
    text = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
    return re.search(rf"^## {title}\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL).group(1)


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
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("restore", str(path), stdout=StringIO())
    assert not User.objects.filter(username="ghost").exists()


def rows():
    """Primary keys and history links exactly as stored (no natural keys)."""
    return {
        "practices": list(Practice.objects.order_by("pk").values_list("pk", "slug", "city_id")),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "date_joined")),
        "history": list(
            Practice.history.order_by("history_id").values_list(
                "history_id", "id", "title_pl", "history_type", "history_date", "history_user_id"
            )
        ),
    }


def test_restore_keeps_primary_keys_history_and_microseconds_across_id_gaps(
    populated, organiser, tmp_path
):
    from tests.factories import PracticeFactory, UserFactory

    city = Practice.objects.first().city
    first, doomed, last = (PracticeFactory(city=city) for _ in range(3))
    doomed_pk = doomed.pk
    doomed.delete()  # a gap, and history of a practice that no longer exists
    UserFactory(username="gone").delete()
    UserFactory(username="after-gap")
    last.title_pl = "Zmieniony tytuł"
    last.save()
    before = rows()
    assert any(date.microsecond % 1000 for *_rest, date, _user in before["history"])

    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    wipe()
    call_command("restore", str(path), stdout=StringIO())

    assert rows() == before
    # The deleted practice's history still names its own id, not the next practice's.
    assert Practice.history.filter(id=doomed_pk).count() == 2
    assert not Practice.objects.filter(pk=doomed_pk).exists()
    # New rows continue after the restored ids (sequences were reset).
    assert PracticeFactory(city=city).pk > last.pk


def write_gzip(path, data):
    with gzip.open(path, "wb") as file:
        file.write(data)


def test_restore_refuses_an_empty_backup(db, tmp_path):
    path = tmp_path / "empty.json.gz"
    write_gzip(path, b"[]")
    with pytest.raises(CommandError, match="holds no records"):
        call_command("restore", str(path), stdout=StringIO())


def test_restore_refuses_a_backup_that_expands_beyond_the_limit(db, tmp_path):
    path = tmp_path / "bomb.json.gz"
    write_gzip(path, b"[" + b" " * (3 * 1024 * 1024) + b"]")
    assert path.stat().st_size < 20_000
    with pytest.raises(CommandError, match="more than 1 MB"):
        call_command("restore", str(path), max_mb=1, stdout=StringIO())


@pytest.mark.parametrize(
    "content",
    [b"not gzip at all", gzip.compress(b"[{not json", mtime=0), gzip.compress(b"{}", mtime=0)[:10]],
)
def test_restore_of_a_corrupt_file_is_a_command_error(db, tmp_path, content):
    path = tmp_path / "corrupt.json.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("restore", str(path), stdout=StringIO())
    assert not User.objects.exists()


# --- every table, one of each (issue 26) ---------------------------------------------


def counts():
    """Rows of every installed model but the documented exclusions."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label not in EXCLUDED_MODELS
    }


def public_pages(objects):
    """The rendered HTML of a few public pages, as an anonymous visitor gets them."""
    edition, city, practice, survey = (
        objects[name] for name in ("edition", "city", "practice", "survey")
    )
    with translation.override("pl"):
        urls = [
            reverse("public:home"),
            reverse("public:practice", args=[city.slug, practice.slug]),
            reverse("public:city", args=[city.slug]),
            reverse("public:edition", args=[edition.year]),
            reverse("public:methodology", args=[edition.year]),
            reverse("surveys:results", args=[survey.kind, survey.year]),
        ]
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_a_freshly_migrated_database_counts_as_empty(db):
    # What migrate wrote (role groups, consular posts and their translation statuses).
    assert is_empty()


def fresh_database():
    """What `migrate` leaves in an empty database: content types, permissions and
    role groups (post_migrate, which flush sends too) and the consular posts."""
    wipe()
    consular_posts()


def test_backup_restore_of_one_of_each_model_keeps_every_row_and_page(
    organiser, expert_lublin, juror_a, tmp_path
):
    objects = backup_world.build(organiser=organiser, expert=expert_lublin, juror_user=juror_a)
    before = counts()
    assert [label for label, count in before.items() if not count] == []  # one of each
    records, pages = snapshot(), public_pages(objects)
    assert "Punkt informacyjny" in pages[next(iter(pages))]

    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    fresh_database()
    assert counts()["surveys.Response"] == 0
    call_command("restore", str(path), stdout=StringIO())

    assert counts() == before
    assert snapshot() == records
    assert public_pages(objects) == pages


def test_backup_file_is_readable_by_its_owner_only(populated, tmp_path):
    path = tmp_path / "otwarte.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_over_a_world_readable_file_leaves_it_owner_only(populated, tmp_path):
    path = tmp_path / "otwarte.json.gz"
    path.write_bytes(b"yesterday")
    path.chmod(0o644)
    call_command("backup", str(path), stdout=StringIO())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(gzip.open(path, "rt").read())
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_failed_backup_keeps_the_previous_file(populated, tmp_path, monkeypatch):
    path = tmp_path / "otwarte.json.gz"
    path.write_bytes(b"yesterday")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("django.core.serializers.serialize", broken)
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", str(path), stdout=StringIO())
    assert path.read_bytes() == b"yesterday"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_backup_into_a_missing_directory_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="Could not write"):
        call_command("backup", str(tmp_path / "nowhere" / "o.json.gz"), stdout=StringIO())
