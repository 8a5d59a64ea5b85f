from django.core.management.base import BaseCommand

from surveys.services import purge_old_responses, retention_years


class Command(BaseCommand):
    help = "Delete survey responses older than SURVEYS_RETENTION_YEARS after their survey closed."

    def handle(self, *args, **options):
        count = purge_old_responses()
        self.stdout.write(f"{count} responses deleted (retention: {retention_years()} years).")
