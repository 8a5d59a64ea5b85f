from datetime import date

from django.core.management.base import BaseCommand, CommandError

from surveys.pilot import create_consular_pilot


class Command(BaseCommand):
    help = "Create the consular pilot survey of a year (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("opens_on", help="YYYY-MM-DD")
        parser.add_argument("closes_on", help="YYYY-MM-DD")

    def handle(self, *args, year, opens_on, closes_on, **options):
        try:
            opens, closes = date.fromisoformat(opens_on), date.fromisoformat(closes_on)
        except ValueError as error:
            raise CommandError(str(error)) from error
        survey = create_consular_pilot(year=year, opens_on=opens, closes_on=closes)
        self.stdout.write(f"{survey} — {survey.criteria.count()} criteria")
