from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.edition_io import EditionImportError, import_edition, loads


class Command(BaseCommand):
    help = "Create or update an edition from one JSON file (see docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            edition = import_edition(data=loads(text))
        except EditionImportError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        self.stdout.write(f"Imported edition {edition.year} from {path}.")
