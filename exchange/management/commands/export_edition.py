from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.edition_io import dumps, export_edition
from practices.models import Edition


class Command(BaseCommand):
    help = "Write an edition as one JSON file in the import format (docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", type=Path, help="file to write (default: stdout)")

    def handle(self, *args, year, output=None, **options):
        try:
            text = dumps(export_edition(year=year))
        except Edition.DoesNotExist as error:
            raise CommandError(f"There is no edition {year}.") from error
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote edition {year} to {output}.")
