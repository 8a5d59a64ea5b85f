from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from otwarte.roles import Role

# Local demo only: the command refuses to run unless DEBUG is on.
DEMO_ACCOUNTS = [
    ("organiser", Role.ORGANISER, "demo-organiser-2015", True),
    ("expert", Role.EXPERT, "demo-expert-2015", True),
    ("juror", Role.JUROR, "demo-juror-2015", False),
]


class Command(BaseCommand):
    help = "Create (or reset) one organiser, one expert and one juror for the local demo."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local development only (DEBUG is off).")
        User = get_user_model()
        with transaction.atomic():
            for username, role, password, is_staff in DEMO_ACCOUNTS:
                user, _ = User.objects.get_or_create(
                    username=username, defaults={"email": f"{username}@example.org"}
                )
                user.is_staff = is_staff
                user.set_password(password)
                user.save()
                user.groups.add(Group.objects.get(name=role))
        self.stdout.write("Demo accounts (local only):")
        for username, role, password, _ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.value:<10} {username:<10} password: {password}")
