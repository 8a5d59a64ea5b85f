import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jury.services.nominations import import_nominations
from practices.models import Edition


class Command(BaseCommand):
    help = (
        "Import nominations for an edition from a JSON list of "
        '{"city": slug, "practice": slug, "category": code, "justification": text}. '
        "Rows already nominated are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path")

    def handle(self, *args, year, path, **options):
        try:
            edition = Edition.objects.get(year=year)
        except Edition.DoesNotExist:
            raise CommandError(f"No edition for {year}.") from None
        try:
            with open(path, encoding="utf-8") as handle:
                rows = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        if not isinstance(rows, list):
            raise CommandError("The file must hold a JSON list of nominations.")
        try:
            created, skipped = import_nominations(edition=edition, rows=rows)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{created} nominations created, {skipped} already there.")
