from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.importing import import_edition
from exchange.reading import EditionImportError, loads


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
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        try:
            summary = import_edition(
                data=loads(raw),
                dry_run=dry_run,
                allow_published_changes=allow_published_changes,
            )
        except EditionImportError as error:
            raise CommandError(
                _("%(path)s: %(error)s Nothing was imported.") % {"path": path, "error": error}
            ) from error
        if summary.as_text() and (dry_run or options["verbosity"] >= 2):
            self.stdout.write(summary.as_text())
        counts = {**summary.counts(), "year": summary.year, "path": path}
        if dry_run:
            message = _(
                "Dry run of edition %(year)s from %(path)s: %(created)d to create, "
                "%(changed)d to change, %(unchanged)d unchanged. Nothing was written."
            )
        elif summary.written:
            message = _(
                "Imported edition %(year)s from %(path)s: %(created)d created, "
                "%(changed)d changed, %(unchanged)d unchanged."
            )
        else:
            message = ngettext(
                "Edition %(year)s from %(path)s: nothing to change (%(unchanged)d record "
                "already as in the file).",
                "Edition %(year)s from %(path)s: nothing to change (%(unchanged)d records "
                "already as in the file).",
                counts["unchanged"],
            )
        self.stdout.write(message % counts)
