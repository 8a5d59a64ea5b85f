"""The phase policy (practices/phases.py): every phase × action × role through the
real doors (services and pages), and the transitions of `change_phase`."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jury.services.nominations import nominate_from_reports
from jury.models import CityCheck, Conflict, Post, Score, Thread
from practices import phases
from practices.enums import Phase
from practices.models import Award, Edition
from practices.phases import Action
from practices.services import change_phase, unpublish_edition
from reports import services as report_services
from reports.enums import ReportStatus
from translations.models import TranslationStatus
from tests.admin_forms import change_form_data
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CategoryFactory,
    CityFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["organiser", "expert_lublin", "juror_a", "anonymous"]

# Who may do what when the phase allows it (the predicates' half of the rule).
ROLE_MAY = {
    Action.WRITE_REPORT: {"expert_lublin"},  # organisers edit reports in the admin
    Action.REVIEW_REPORT: {"organiser"},
    Action.EDIT_CRITERIA: {"organiser"},
    Action.NOMINATE: {"organiser"},
    Action.SCORE: {"juror_a"},
    Action.DECLARE_CONFLICT: {"juror_a"},
    Action.READ_TALLY: {"organiser"},
    Action.DELIBERATE: {"organiser", "juror_a"},
    Action.DECIDE: {"organiser"},
    Action.CHECK_TEXT: {"organiser"},
    Action.PUBLISH: {"organiser"},
    Action.UNPUBLISH: {"organiser"},
    Action.TRANSLATE: {"organiser"},  # and translators: tests/translations
    Action.EDIT_PUBLIC: {"organiser"},  # experts never change an awarded practice
    Action.VIEW_PUBLIC: set(ROLES),
}


class World:
    """An edition in the given phase with something to act on for every action."""

    def __init__(self, phase, expert, juror_user):
        self.edition = EditionFactory(year=2044)
        lublin, gdansk = CityFactory(), CityFactory()
        for city in (lublin, gdansk):
            AssignmentFactory(edition=self.edition, expert=expert, city=city)
        self.draft = ReportFactory(edition=self.edition, city=lublin)
        self.submitted = ReportFactory(
            edition=self.edition, city=gdansk, status=ReportStatus.SUBMITTED
        )
        self.criterion = CriterionFactory(edition=self.edition)
        category = CategoryFactory()
        self.nomination = NominationFactory(edition=self.edition, category=category)
        self.to_decide = NominationFactory(edition=self.edition, category=category)
        JurorFactory(user=juror_user).editions.add(self.edition)
        # One award already, so that publishing is possible where the phase allows it.
        self.award = AwardFactory(edition=self.edition, category=category)
        # Set directly: the point is what each phase allows, not how it was reached.
        Edition.objects.filter(pk=self.edition.pk).update(phase=phase)
        self.edition.refresh_from_db()


def _refused(call):
    try:
        call()
    except (ValidationError, PermissionDenied):
        return True
    return False


def attempt(action, world, user, client):
    """True when the action went through for this user, False when it was refused."""
    edition, user_or_anon = world.edition, user or AnonymousUser()
    if action == Action.WRITE_REPORT:
        return not _refused(
            lambda: report_services.submit_report(report=world.draft, user=user_or_anon)
        )
    if action == Action.REVIEW_REPORT:
        return not _refused(
            lambda: report_services.return_report(
                report=world.submitted, user=user_or_anon, comment="Please add sources."
            )
        )
    if action == Action.EDIT_CRITERIA:
        url = reverse("admin:jury_criterion_change", args=[world.criterion.pk])
        page = client.get(url)
        data = change_form_data(page) if page.status_code == 200 else {}
        client.post(url, {**data, "weight": "7"})
        world.criterion.refresh_from_db()
        return world.criterion.weight == 7
    if action == Action.DELIBERATE:
        thread, _created = Thread.objects.get_or_create(nomination=world.nomination)
        client.post(reverse("jury:thread", args=[world.nomination.pk]),
                    {"text": "Omówmy to.", "language": "pl"})
        return Post.objects.filter(thread=thread).exists()
    if action == Action.TRANSLATE:
        status = TranslationStatus.objects.for_object(world.criterion).get(
            field="name", language="en"
        )
        client.post(reverse("translations:edit", args=[status.pk]),
                    {"text": "Reach", "action": "draft"})
        world.criterion.refresh_from_db()
        return world.criterion.name_en == "Reach"
    if action == Action.EDIT_PUBLIC:
        practice = world.award.practice
        url = reverse("admin:practices_practice_change", args=[practice.pk])
        page = client.get(url)
        data = change_form_data(page) if page.status_code == 200 else {}
        client.post(url, {**data, "title_en": "Renamed"})
        practice.refresh_from_db()
        return practice.title_en == "Renamed"
    if action == Action.NOMINATE:
        return not _refused(
            lambda: nominate_from_reports(edition=edition, by=user_or_anon)
        )
    if action == Action.SCORE:
        client.post(
            reverse("jury:nomination", args=[world.nomination.pk]),
            {f"criterion_{world.criterion.pk}": world.criterion.scale_max, "action": "save"},
        )
        return Score.objects.filter(nomination=world.nomination).exists()
    if action == Action.DECLARE_CONFLICT:
        client.post(
            reverse("jury:conflict", args=[world.nomination.pk]), {"reason": "My own NGO."}
        )
        return Conflict.objects.filter(nomination=world.nomination).exists()
    if action == Action.READ_TALLY:
        response = client.get(reverse("jury:tally_csv", args=[edition.year]))
        return response.status_code == 200
    if action == Action.DECIDE:
        before = Award.objects.count()
        client.post(
            reverse("jury:decide", args=[edition.year]), {"nomination": world.to_decide.pk}
        )
        return Award.objects.count() == before + 1
    if action == Action.CHECK_TEXT:
        city = world.award.practice.city
        prefix = f"city-{city.pk}"
        client.post(
            reverse("cockpit:city_check_send", args=[edition.year, city.pk]),
            {f"{prefix}-city": city.pk, f"{prefix}-contact_name": "Anna",
             f"{prefix}-contact_email": "anna@example.org",
             f"{prefix}-deadline": "2099-01-01T10:00"},
        )
        return CityCheck.objects.filter(edition=edition).exists()
    if action == Action.PUBLISH:
        client.post(reverse("cockpit:phase", args=[edition.year, Phase.PUBLISHED]))
        edition.refresh_from_db()
        return edition.phase == Phase.PUBLISHED and world.phase != Phase.PUBLISHED
    if action == Action.UNPUBLISH:
        return not _refused(
            lambda: unpublish_edition(edition=edition, by=user_or_anon, reason="A wrong name.")
        )
    if action == Action.VIEW_PUBLIC:
        response = client.get(reverse("public:edition", args=[edition.year]))
        return response.status_code == 200
    raise AssertionError(f"no attempt written for {action}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("phase", list(Phase))
def test_each_phase_allows_each_action_only_to_its_roles(
    request, client_for, organiser, expert_lublin, juror_a, phase, action, role
):
    world = World(phase, expert_lublin, juror_a)
    world.phase = phase
    user = None if role == "anonymous" else request.getfixturevalue(role)
    went_through = attempt(action, world, user, client_for(user))
    expected = phase in phases.PHASES[action] and role in ROLE_MAY[action]
    assert went_through == expected


def test_every_action_has_its_phases_and_a_refusal():
    assert set(phases.PHASES) == set(Action) == set(phases.REFUSALS)


def test_require_names_the_refusal():
    with pytest.raises(phases.PhaseError) as excinfo:
        phases.require(Phase.PUBLISHED, Action.WRITE_REPORT)
    assert "Expert reports" in excinfo.value.messages[0]


# ---------------------------------------------------------------- transitions


def test_change_phase_refuses_to_publish_without_awards():
    edition = EditionFactory(phase=Phase.DELIBERATION)
    with pytest.raises(ValidationError) as excinfo:
        change_phase(edition=edition, phase=Phase.PUBLISHED)
    assert excinfo.value.messages == ["Decide at least one award before publishing."]
    edition.refresh_from_db()
    assert edition.phase == Phase.DELIBERATION


def test_change_phase_refuses_to_skip_from_scoring_to_published():
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    AwardFactory(edition=edition)
    with pytest.raises(ValidationError):
        change_phase(edition=edition, phase=Phase.PUBLISHED)


def test_change_phase_refuses_to_leave_published_without_unpublishing():
    edition = EditionFactory(phase=Phase.PUBLISHED)
    with pytest.raises(ValidationError) as excinfo:
        change_phase(edition=edition, phase=Phase.DELIBERATION)
    assert "Unpublish" in excinfo.value.messages[0]
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED


def test_unpublish_needs_a_reason(organiser):
    edition = EditionFactory(phase=Phase.PUBLISHED)
    with pytest.raises(ValidationError):
        unpublish_edition(edition=edition, by=organiser, reason="   ")
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED


def test_unpublish_keeps_its_reason_and_author_in_the_audit_trail(organiser):
    edition = EditionFactory(phase=Phase.PUBLISHED)
    unpublish_edition(edition=edition, by=organiser, reason="A city asked for a correction.")
    edition.refresh_from_db()
    assert edition.phase == Phase.DELIBERATION
    last = edition.history.latest()
    assert last.history_change_reason == "A city asked for a correction."
    assert last.history_user == organiser


def test_unpublish_of_an_edition_not_published_is_refused(organiser):
    edition = EditionFactory(phase=Phase.DELIBERATION)
    with pytest.raises(ValidationError) as excinfo:
        unpublish_edition(edition=edition, by=organiser, reason="Why not")
    assert excinfo.value.messages == ["Only a published edition can be taken offline."]


def test_next_phases_are_one_step_either_way():
    assert phases.next_phases(Phase.PREPARATION) == [Phase.EXPERT_REPORTS]
    assert phases.next_phases(Phase.JURY_SCORING) == [Phase.EXPERT_REPORTS, Phase.DELIBERATION]
    assert phases.next_phases(Phase.PUBLISHED) == [Phase.DELIBERATION]


def phase_table():
    """The phase × action table of docs/permissions.md, built from the policy."""
    from django.utils import translation

    with translation.override("en"):
        lines = ["| action | " + " | ".join(p.value for p in Phase) + " |"]
        lines.append("|---|" + "---|" * len(Phase))
        for action in Action:
            cells = " | ".join("✓" if p in phases.PHASES[action] else "" for p in Phase)
            lines.append(f"| `{action.value}` ({action.label}) | {cells} |")
    return "\n".join(lines)


def test_the_documented_phase_table_is_the_policy():
    with open("docs/permissions.md", encoding="utf-8") as docs:
        assert phase_table() in docs.read()


def test_a_move_opens_and_closes_the_actions_of_the_table():
    opened, closed = phases.opened_and_closed(Phase.DELIBERATION, Phase.PUBLISHED)
    assert opened == [Action.UNPUBLISH, Action.VIEW_PUBLIC]
    # Translating and editing what the public reads close too: only after unpublishing.
    assert closed == [
        Action.DELIBERATE, Action.DECIDE, Action.CHECK_TEXT, Action.PUBLISH, Action.TRANSLATE, Action.EDIT_PUBLIC
    ]
    assert phases.opened_and_closed(Phase.PUBLISHED, Phase.PUBLISHED) == ([], [])
