"""`manage.py freeze_data_release YEAR --reason "…"`: a new open-data release of a
published edition, e.g. after a correction. Earlier releases stay as they are."""

from django.core.management.base import BaseCommand, CommandError

from practices.models import Edition
from public.opendata.releases import freeze_release


class Command(BaseCommand):
    help = "Freeze a new open-data release of a published edition (a correction)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--reason", default="", help="What the release corrects.")

    def handle(self, *args, year, reason, **options):
        edition = Edition.objects.published().filter(year=year).first()
        if edition is None:
            raise CommandError(f"No published edition {year}.")
        release = freeze_release(edition=edition, reason=reason)
        self.stdout.write(f"{release.filename} {release.sha256}")
