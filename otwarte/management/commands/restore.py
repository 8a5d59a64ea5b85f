import gzip
import json
import tempfile
import warnings
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.loaddata import Command as LoadData
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from otwarte.backup import is_empty, seeded_models
from otwarte.cache.version import bump_content_version

CHUNK = 1024 * 1024


def decompress(path, into, *, limit):
    """Unzip `path` into the file `into`, refusing more than `limit` bytes: a small
    gzip can expand a thousandfold, and loading parses the whole text in memory."""
    written = 0
    try:
        with gzip.open(path, "rb") as source:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise CommandError(
                        f"The backup expands to more than {limit // CHUNK} MB "
                        "(RESTORE_MAX_MB); refusing to load it."
                    )
                into.write(chunk)
    except (OSError, EOFError, zlib.error) as error:
        raise CommandError(f"{path} is not a readable gzip file: {error}") from error
    return written


def models_in(fixture):
    """{"app_label.modelname", ...}: the models a decompressed backup holds records of."""
    with fixture.open("rb") as file:
        records = json.load(file)
    if not isinstance(records, list):
        raise ValueError("a backup is a list of records")
    return {record.get("model") for record in records if isinstance(record, dict)}


class Command(BaseCommand):
    help = (
        "Load a backup written by `manage.py backup` into a migrated, empty database, "
        "in one transaction (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A backup file (.json.gz) written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even if the database already holds data (records with the same "
            "primary key are overwritten, others are kept).",
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=None,
            help="Refuse a backup that expands to more than this many MB "
            "(default: the RESTORE_MAX_MB setting).",
        )

    def handle(self, *args, path, force, max_mb=None, **options):
        if not path.endswith(".json.gz"):
            raise CommandError("The backup must be a .json.gz file written by `manage.py backup`.")
        if not Path(path).is_file():
            raise CommandError(f"{path} does not exist.")
        if not force and not is_empty():
            raise CommandError(
                "The database is not empty. Restore into a freshly migrated database, "
                "or pass --force to load over the existing data."
            )
        limit = (max_mb or settings.RESTORE_MAX_MB) * CHUNK
        with tempfile.TemporaryDirectory() as directory:
            fixture = Path(directory) / "backup.json"
            with fixture.open("wb") as into:
                decompress(path, into, limit=limit)
            count = self._load(fixture, replace_seeded=not force)
        self.stdout.write(f"Restored {count} records from {path}.")

    def _load(self, fixture, *, replace_seeded):
        ContentType.objects.clear_cache()
        loader = LoadData()
        try:
            with transaction.atomic(), warnings.catch_warnings():
                if replace_seeded:
                    # The backup's groups and consular posts, not migrate's.
                    held = models_in(fixture)
                    for model in seeded_models():
                        if model._meta.label_lower in held:
                            model._base_manager.all().delete()
                # An empty backup is reported below, as a CommandError.
                warnings.filterwarnings("ignore", "No fixture data found", RuntimeWarning)
                call_command(loader, str(fixture), verbosity=0)
                if not loader.loaded_object_count:
                    raise CommandError("The backup holds no records; nothing was restored.")
                # Raw saves send signals, but commands must never leave cached
                # public pages behind (otwarte/cache/version.py).
                bump_content_version()
        except CommandError:
            raise
        except (
            DeserializationError, DatabaseError, ValueError, LookupError, RecursionError
        ) as error:
            raise CommandError(
                f"The backup could not be restored (nothing was written): {error}"
            ) from error
        return loader.loaded_object_count


