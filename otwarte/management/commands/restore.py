from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from otwarte.backup import is_empty


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
            "natural key are overwritten, others are kept).",
        )

    def handle(self, *args, path, force, **options):
        if not path.endswith(".json.gz"):
            raise CommandError("The backup must be a .json.gz file written by `manage.py backup`.")
        if not force and not is_empty():
            raise CommandError(
                "The database is not empty. Restore into a freshly migrated database, "
                "or pass --force to load over the existing data."
            )
        ContentType.objects.clear_cache()
        with transaction.atomic():
            call_command("loaddata", path, verbosity=0)
        self.stdout.write(f"Restored {path}.")
