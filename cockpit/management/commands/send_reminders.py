from django.core.management.base import BaseCommand

from cockpit.notifications import REMINDER_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail jurors with unscored nominations once, N days before the scoring deadline. "
        "Safe to run every hour: each reminder is recorded and sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REMINDER_DAYS)
        parser.add_argument(
            "--base-url", default=None,
            help="e.g. https://otwarte.example.org (for the login link; default: SITE_URL)",
        )

    def handle(self, *args, days, base_url, **options):
        sent = send_reminders(days=days, base_url=base_url)
        self.stdout.write(f"Reminders sent: {sent}")
