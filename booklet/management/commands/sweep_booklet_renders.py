from django.core.management.base import BaseCommand

from booklet.services import fail_interrupted_renders


class Command(BaseCommand):
    help = (
        "Mark booklet renderings that a crash left queued or running as failed, so they "
        "can be retried. Run it before starting the task worker (docs/deploy.md)."
    )

    def handle(self, *args, **options):
        count = fail_interrupted_renders()
        self.stdout.write(f"Interrupted renderings marked as failed: {count}.")
