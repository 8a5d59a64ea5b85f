"""Every URL pattern × every role, against tests/otwarte/permission_matrix.py."""

from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from booklet.enums import RenderStatus
from booklet.models import BookletRender
from jury.models import ConflictDisclosure, Criterion, Juror
from jury.services.scoring import declare_conflict, submit_scores
from otwarte.models import SentMessage
from practices.enums import Phase
from practices.models import Edition
from reports.enums import ReportStatus
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CityFactory,
    NominationFactory,
    PracticeFactory,
    PracticeProposalFactory,
    ProposedNominationFactory,
    ReportFactory,
)
from tests.otwarte.permission_matrix import MATRIX, ROLES

PERSONAS = {
    "anonymous": None,
    "expert_city": "expert_lublin",
    "expert_other": "expert_warszawa",
    "juror_a": "juror_a",
    "juror_b": "juror_b",
    "organiser": "organiser",
    "translator": "translator",
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) for every pattern: key is "ns:name", or the route when unnamed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        localised = isinstance(pattern.pattern, LocalePrefixPattern)
        part = "<lang>/" if localised else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern, prefix + part, inner)
        else:
            route = prefix + part
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


PATTERNS = sorted(set(url_patterns()))


class SampleData:
    """Objects of every model, so that every pattern has something to show.

    Each role meets its interesting case: the practice, report and nominations
    are in Lublin (expert_city is assigned to it, expert_other to Warszawa);
    juror A is on the jury of the scoring edition (2017) and has scored and
    declared a conflict, juror B is a juror of another edition only. The
    public pages see a published edition (2016) and an unpublished one (2017)
    with a practice that has never been published.
    """

    def __init__(self, users):
        self.users = users
        self.user = users["organiser"]
        # Not EditionFactory: its year sequence would run out of range over ~100 tests.
        edition = Edition.objects.create(year=2016, phase=Phase.PUBLISHED)
        award = AwardFactory(edition=edition)
        self.edition = edition
        self.practice = award.practice
        self.city = self.practice.city
        self.practice.title_pl += " (2)"
        self.practice.save()  # a second historical record
        Juror.objects.create(name="Juror", slug="juror", city=self.city)
        Criterion.objects.create(edition=award.edition, code="impact", name_pl="Wpływ")
        TOTPDevice.objects.create(user=users["expert_city"], name="phone", confirmed=False)
        AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", failures_since_start=1)
        AccessLog.objects.create(username="x", ip_address="10.0.0.1")
        AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1")
        DBTaskResult.objects.create(
            args_kwargs={}, task_path="x.y", backend_name="default", run_after=timezone.now()
        )
        PracticeProposalFactory(city=self.city)
        SentMessage.objects.create(
            kind="invitation", recipient="x@example.org", language="pl", subject="x", body="x"
        )
        BookletRender.objects.create(
            edition=edition, language="pl", content_hash="x", status=RenderStatus.DONE,
            pdf=b"%PDF-1.4", finished_at=timezone.now(),
        )

        # The unpublished edition, in jury scoring, and its never-published practice.
        self.scoring = Edition.objects.create(year=2017, phase=Phase.JURY_SCORING)
        self.hidden_practice = PracticeFactory(city=self.city, title_pl="Ukryta", slug="ukryta")
        self.hidden_city = CityFactory(name_pl="Ukryte Miasto", slug="ukryte-miasto")
        criterion = Criterion.objects.create(edition=self.scoring, code="impact", name_pl="Wpływ")
        self.nomination = NominationFactory(
            edition=self.scoring, practice=self.hidden_practice, category=award.category
        )
        conflicted = NominationFactory(edition=self.scoring, practice=self.hidden_practice)
        juror_a = Juror.objects.create(name="A", slug="a", user=users["juror_a"])
        juror_a.editions.add(self.scoring)
        juror_b = Juror.objects.create(name="B", slug="b", user=users["juror_b"])
        juror_b.editions.add(edition)
        submit_scores(
            juror=juror_a, nomination=self.nomination, values={criterion.pk: 3}, by=users["juror_a"]
        )
        declare_conflict(
            juror=juror_a, nomination=conflicted, reason="Family", by=users["juror_a"]
        )
        ConflictDisclosure.objects.create(edition=self.scoring, category="personal")

        # Expert reports: Lublin's expert and report, Warszawa's expert elsewhere.
        warszawa = CityFactory(name_pl="Warszawa", slug="warszawa")
        AssignmentFactory(edition=self.scoring, expert=users["expert_city"], city=self.city)
        AssignmentFactory(edition=self.scoring, expert=users["expert_other"], city=warszawa)
        self.report = ReportFactory(edition=self.scoring, city=self.city)
        self.report.overview_pl += " Zmiana."
        self.report.save()  # a second historical record
        # An accepted report of the published edition, with a proposed nomination.
        accepted = ReportFactory(edition=edition, city=self.city, status=ReportStatus.ACCEPTED)
        ProposedNominationFactory(report=accepted, practice=self.hidden_practice)

        self._surveys()
        self._scorecards()
        self._deliberation(users, award.category)
        from translations.models import TranslationStatus

        # A text the jury reads now: translators see texts of editions not yet published.
        self.translation_pk = (
            TranslationStatus.objects.for_object(self.hidden_practice).first().pk
        )

    def _scorecards(self):
        """Lublin's scorecard in the scoring edition's unpublished round (expert_city's
        assignment) first, then a published round of the published edition."""
        from scorecards import services as scorecard_services
        from scorecards.models import Round
        from tests.scorecards.world import answer_city, define_round, link

        hidden = Round.objects.create(edition=self.scoring)
        define_round(hidden)
        card, self.scorecard_token = link(hidden, self.city)
        answer_city(card, 50)
        shown = Round.objects.create(edition=self.edition)
        define_round(shown)
        answer_city(link(shown, self.city)[0], 100)
        scorecard_services.publish_round(round=shown)

    def _deliberation(self, users, category):
        """An edition in deliberation (2018): juror A on its jury, a thread with a post
        of juror A's; juror B and the translator are no part of it."""
        from jury.services.deliberation import add_post, open_thread

        self.deliberating = Edition.objects.create(year=2018, phase=Phase.DELIBERATION)
        self.deliberating.jurors.add(Juror.objects.get(slug="a"))
        nomination = NominationFactory(edition=self.deliberating, category=category,
                                       practice=self.hidden_practice)
        self.thread = open_thread(nomination=nomination, by=users["organiser"])
        self.post = add_post(thread=self.thread, author=users["juror_a"], text="Omówmy.",
                             language="pl")

    def _surveys(self):
        """An open, unpublished consular survey with one verified response and a code
        batch; a published city survey of an earlier year."""
        from datetime import timedelta

        from surveys import services as survey_services
        from surveys.models import Survey, Target
        from surveys.pilot import create_consular_pilot
        from tests.surveys.conftest import consular_posts

        consular_posts()
        today = timezone.localdate()
        self.survey = create_consular_pilot(
            year=2026, opens_on=today, closes_on=today + timedelta(days=30)
        )
        kyiv = Target.objects.get(kind="consular", slug="kyiv")
        values = {c: 4 for c in self.survey.criteria.all()}
        code = survey_services.generate_code_batch(survey=self.survey, label="x", size=1)
        response = survey_services.submit_by_code(
            survey=self.survey,
            answers=survey_services.Answers(target=kyiv, values=values, context={}),
            code=code.codes.get(),
            language="pl",
        )
        self.survey_token = survey_services.link_token(response=response)
        self.past_survey = Survey.objects.create(
            kind="city", year=2025, title_pl="Miasta", opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30), results_published=True,
        )

    def survey_url(self, name, *args, survey=None):
        survey = survey or self.survey
        return reverse(f"surveys:{name}", args=[survey.kind, survey.year, *args])

    def pk(self, label):
        return apps.get_model(label)._default_manager.order_by("pk").values_list("pk", flat=True)[0]

    def history_pk(self, label):
        model = apps.get_model(label)
        return model.history.filter(id=self.pk(label)).order_by("history_id")[0].history_id

    def content_type_id(self, label):
        return ContentType.objects.get_for_model(apps.get_model(label)).pk


@pytest.fixture
def sample(request, db):
    users = {
        role: request.getfixturevalue(name) if name else None for role, name in PERSONAS.items()
    }
    return SampleData(users)


def test_every_url_pattern_has_a_matrix_entry():
    missing = [key for key, _route in PATTERNS if key not in MATRIX]
    assert missing == [], "Add these to tests/otwarte/permission_matrix.py and docs/permissions.md"


def test_every_matrix_entry_is_a_url_pattern():
    keys = {key for key, _route in PATTERNS}
    assert sorted(set(MATRIX) - keys) == []


def test_every_entry_covers_every_role():
    entries = [(key, e) for key, entry in MATRIX.items() for e in [entry, *entry.variants]]
    assert [key for key, entry in entries if sorted(entry.expect) != sorted(ROLES)] == []


def _group(key):
    """Entries are checked in groups (one sample data set each): "admin:jury", "api", ..."""
    if key.startswith("admin:"):
        app = key.removeprefix("admin:").split("_")[0]
        return f"admin:{app}" if app in {"jury", "reports", "practices", "booklet", "auth"} else "admin"
    if key.startswith("<lang>/admin/"):
        return "admin"
    return key.split(":")[0] if ":" in key else "other"


GROUPS = sorted({_group(key) for key in MATRIX})


@pytest.mark.parametrize("group", GROUPS)
def test_role_gets_expected_status(group, sample, client_for):
    clients = {role: client_for(user) for role, user in sample.users.items()}
    mismatches = {}
    for key in sorted(k for k in MATRIX if _group(k) == group):
        for entry in [MATRIX[key], *MATRIX[key].variants]:
            url = entry.url(sample) if entry.url else reverse(key)
            actual = {role: client.get(url).status_code for role, client in clients.items()}
            if actual != entry.expect:
                mismatches[f"{key} {url}"] = {
                    role: f"got {actual[role]}, expected {entry.expect[role]}"
                    for role in ROLES
                    if actual[role] != entry.expect[role]
                }
    assert mismatches == {}


def test_every_entry_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "permissions.md").read_text()
    assert [key for key in MATRIX if f"`{key}`" not in docs] == []


@pytest.mark.parametrize("group", GROUPS)
def test_no_shared_caching_of_personal_responses(group, sample, client_for, settings):
    """With the public cache on, no response to a logged-in user and none that sets
    a cookie says `Cache-Control: public` (a proxy or CDN must never keep it)."""
    from django.core.cache import cache

    settings.PUBLIC_CACHE = True
    cache.clear()  # the suite's own LocMem cache
    clients = {role: client_for(user) for role, user in sample.users.items()}
    shared = []
    for key in sorted(k for k in MATRIX if _group(k) == group):
        for entry in [MATRIX[key], *MATRIX[key].variants]:
            url = entry.url(sample) if entry.url else reverse(key)
            for role, client in clients.items():
                response = client.get(url)
                control = response.get("Cache-Control", "")
                personal = role != "anonymous" or response.cookies
                if personal and "public" in control:
                    shared.append(f"{role} {url}: {control}")
    cache.clear()
    assert shared == []
