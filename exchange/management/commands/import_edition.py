from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.edition_io import EditionImportError, import_edition, loads


class Command(BaseCommand):
    help = (
        "Merge an edition file into the database (docs/import-format.md): fields the file "
        "gives are set, absent ones are left as stored, nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would be created and changed, write nothing",
        )
        parser.add_argument(
            "--allow-published-changes",
            action="store_true",
            help="allow the file to change a published edition's record, awards and quotes",
        )

    def handle(self, *args, path, dry_run=False, allow_published_changes=False, **options):
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            summary = import_edition(
                data=loads(raw),
                dry_run=dry_run,
                allow_published_changes=allow_published_changes,
            )
        except EditionImportError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        if summary.as_text():
            self.stdout.write(summary.as_text())
        counts = summary.counts()
        if dry_run:
            self.stdout.write(
                f"Dry run of edition {summary.year} from {path}: {counts['created']} to create, "
                f"{counts['changed']} to change, {counts['unchanged']} unchanged. Nothing was written."
            )
        elif summary.written:
            self.stdout.write(
                f"Imported edition {summary.year} from {path}: {counts['created']} created, "
                f"{counts['changed']} changed, {counts['unchanged']} unchanged."
            )
        else:
            self.stdout.write(
                f"Edition {summary.year} from {path}: nothing to change "
                f"({counts['unchanged']} records already as in the file)."
            )
