"""`make run`'s data: reference data and 2015 only into an empty database, a demo
2016 edition in jury scoring and a demo 2017 edition taking expert reports, and
one account per role (the translator's worklist starts with the 2015
translations, loaded as "needs review", and the demo 2016 texts, missing). Never overwrites: every part is skipped when its rows
exist, so a restart keeps what was edited in the demo."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from jury.models import Criterion, Juror
from jury.services.nominations import create_nomination
from jury.services.scoring import declare_conflict
from otwarte.roles import Role
from practices.enums import Phase
from practices.models import Assignment, Category, City, Edition, Practice
from practices.services import change_phase
from public.models import Release
from public.opendata.releases import freeze_release
from reports import services as report_services
from reports.models import Report
from scorecards import demo as scorecard_demo

# (username, role, password, staff)
ACCOUNTS = [
    ("organiser", Role.ORGANISER, "demo-organiser-2015", True),
    ("expert", Role.EXPERT, "demo-expert-2015", True),
    ("juror", Role.JUROR, "demo-juror-2015", False),
    ("juror2", Role.JUROR, "demo-juror-2015", False),
    ("translator", Role.TRANSLATOR, "demo-translator-2015", False),
]
# (slug, name, origin, city, language, account)
JURORS = [
    ("demo-olena", "Olena Kowalenko", "Ukraina", "lublin", "uk", "juror"),
    ("demo-amir", "Amir Haddad", "Syria", "warszawa", "en", "juror2"),
    ("demo-tatiana", "Tatiana Iwanowa", "Rosja", "gdansk", "ru", None),
    ("demo-nguyen", "Nguyen Van An", "Wietnam", "warszawa", "pl", None),
    ("demo-grace", "Grace Mensah", "Ghana", "krakow", "en", None),
]
CRITERIA = [
    ("engagement", 2, {"pl": "Zaangażowanie migrantów", "en": "Migrant engagement",
                       "uk": "Залучення мігрантів", "ru": "Вовлечение мигрантов"}),
    ("durability", 1, {"pl": "Trwałość", "en": "Durability", "uk": "Тривалість",
                       "ru": "Устойчивость"}),
]
# (city, title, category code)
PRACTICES = [
    ("lublin", "Punkt konsultacyjny dla cudzoziemców", "information-point"),
    ("gdansk", "Model integracji imigrantów – wdrożenie", "strategy"),
    ("warszawa", "Lekcje polskiego w bibliotekach", "education"),
]


class Command(BaseCommand):
    help = "Load the demo data into an empty database (skips what exists) and print the logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo is for local development only (DEBUG is off).")
        with translation.override("pl"):
            self.load_fixtures()
            with transaction.atomic():
                users = self.accounts()
                if not Edition.objects.filter(year=2016).exists():
                    self.edition_2016(users)
                    self.stdout.write("Demo 2016 edition created (jury scoring).")
                if not Edition.objects.filter(year=2017).exists():
                    self.edition_2017(users)
                    self.stdout.write("Demo 2017 edition created (expert reports).")
                self.scorecards(users)
            self.print_logins()

    def load_fixtures(self):
        if not City.objects.exists() and not Category.objects.exists():
            call_command("loaddata", "reference", verbosity=0)
            self.stdout.write("Reference data loaded.")
        if not Edition.objects.filter(year=2015).exists():
            call_command("loaddata", "edition_2015", verbosity=0)
            self.stdout.write("Edition 2015 loaded.")
        if not Release.objects.exists():
            # A fixture is not a phase move, so nothing froze 2015's open data: do it here.
            release = freeze_release(edition=Edition.objects.get(year=2015))
            self.stdout.write(f"Open-data release {release.version} frozen.")

    def accounts(self):
        User = get_user_model()
        users = {}
        for username, role, password, is_staff in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.org",
                            is_staff=is_staff)
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def edition_2016(self, users):
        now = timezone.now()
        edition = Edition.objects.create(
            year=2016, title_pl="Miasta Otwarte", scoring_deadline=now + timedelta(days=14),
            reports_deadline=now - timedelta(days=30),
        )
        for order, (code, weight, names) in enumerate(CRITERIA):
            Criterion.objects.create(
                edition=edition, code=code, order=order, weight=weight,
                **{f"name_{lang}": name for lang, name in names.items()},
            )
        jurors = []
        for slug, name, origin, city, language, account in JURORS:
            juror = Juror.objects.filter(slug=slug).first() or Juror(slug=slug)
            juror.name = name
            juror.country_of_origin_pl = origin
            juror.city = City.objects.get(slug=city)
            juror.preferred_language = language
            juror.user = users[account] if account else None
            juror.save()
            juror.editions.add(edition)
            jurors.append(juror)
        nominations = []
        for city_slug, title, category in PRACTICES:
            city = City.objects.get(slug=city_slug)
            practice, _created = Practice.objects.get_or_create(
                city=city, slug=f"demo-{category}",
                defaults={"title_pl": title, "description_pl": title},
            )
            nominations.append(create_nomination(
                edition=edition, practice=practice, category=Category.objects.get(code=category),
                created_by=users["organiser"],
            ))
        Assignment.objects.get_or_create(
            edition=edition, expert=users["expert"], city=City.objects.get(slug="lublin")
        )
        edition = change_phase(edition=edition, phase=Phase.EXPERT_REPORTS)
        edition = change_phase(edition=edition, phase=Phase.JURY_SCORING)
        # One juror has a conflict with the Lublin practice (their own city).
        declare_conflict(
            juror=jurors[0], nomination=nominations[0],
            reason="Pracuję w tym punkcie konsultacyjnym.", by=users["juror"],
        )

    def edition_2017(self, users):
        edition = Edition.objects.create(
            year=2017, title_pl="Miasta Otwarte",
            reports_deadline=timezone.now() + timedelta(days=30),
        )
        lublin = City.objects.get(slug="lublin")
        Assignment.objects.get_or_create(edition=edition, expert=users["expert"], city=lublin)
        edition = change_phase(edition=edition, phase=Phase.EXPERT_REPORTS)
        if not Report.objects.filter(edition=edition, city=lublin).exists():
            report_services.create_report(
                edition=edition, city=lublin, created_by=users["expert"],
                overview="Szkic raportu: Lublin w 2017 roku.",
            )

    def scorecards(self, users):
        """A published 2016 scorecard round (Lublin, Gdańsk) and 2017 copied from it."""
        token = scorecard_demo.load(
            published_edition=Edition.objects.get(year=2016),
            next_edition=Edition.objects.get(year=2017),
            cities=[City.objects.get(slug=slug) for slug in ("lublin", "gdansk")],
            expert=users["expert"],
        )
        if token:
            link = reverse("scorecards:answer", args=[token])
            self.stdout.write(f"Demo scorecards created; Lublin's 2017 link: {link}")

    def print_logins(self):
        with translation.override("pl"):
            login = reverse("public:login")
        # make run sets SITE_URL from PORT; the fallback is runserver's default.
        base = settings.SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"\nLog in at {base}{login} (each role lands on its own start page):")
        rows = [
            ("organiser", "organiser", "demo-organiser-2015", "the cockpit of every edition"),
            ("expert", "expert", "demo-expert-2015", "reports (2017 open for writing)"),
            ("juror", "juror", "demo-juror-2015", "2016 scoring, Ukrainian, one conflict"),
            ("juror", "juror2", "demo-juror-2015", "2016 scoring, English"),
            ("translator", "translator", "demo-translator-2015",
             "the worklist: 2015 translations to review, 2016 texts to translate"),
        ]
        for role, username, password, what in rows:
            self.stdout.write(f"  {role:<10} {username:<10} password: {password:<20} {what}")
