from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.exporting import dumps, export_edition
from exchange.spec import SCHEMA_PATH, schema_text
from practices.models import Edition


class Command(BaseCommand):
    help = "Write an edition as one JSON file, format version 2 (docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, nargs="?")
        parser.add_argument("--output", type=Path, help="file to write (default: stdout)")
        parser.add_argument(
            "--anonymise",
            action="store_true",
            help="scores and comments name “juror-1”, “juror-2”… instead of the jurors",
        )
        parser.add_argument(
            "--schema",
            action="store_true",
            help=f"write the JSON Schema of the format instead ({SCHEMA_PATH.name})",
        )

    def handle(self, *args, year=None, output=None, anonymise=False, schema=False, **options):
        if schema:
            text = schema_text()
        elif year is None:
            raise CommandError(_("Give the edition's year (or --schema)."))
        else:
            try:
                text = dumps(export_edition(year=year, anonymise=anonymise))
            except Edition.DoesNotExist as error:
                raise CommandError(_("There is no edition %(year)s.") % {"year": year}) from error
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(
                _("Wrote the schema to %(path)s.") % {"path": output}
                if schema
                else _("Wrote edition %(year)s to %(path)s.") % {"year": year, "path": output}
            )
