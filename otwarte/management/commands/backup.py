import gzip
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from otwarte.backup import backed_up_labels


class Command(BaseCommand):
    help = (
        "Write a gzip-compressed JSON backup of the project's data, user accounts and groups "
        "(natural keys). Restore it with `manage.py restore PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Where to write the backup, e.g. otwarte-2026-05-01.json.gz"
        )

    def handle(self, *args, path, **options):
        buffer = StringIO()
        call_command(
            "dumpdata",
            *backed_up_labels(),
            natural_foreign=True,
            natural_primary=True,
            indent=None,
            stdout=buffer,
        )
        with gzip.open(path, "wt", encoding="utf-8") as file:
            file.write(buffer.getvalue())
        self.stdout.write(f"Backup written to {path}.")
