"""One door for a phase change (`practices.services.change_phase`): the shell, an
edition file and the cockpit move an edition with the same checks and the same
effects — the booklet queued on publishing, one history row, the jurors told
when scoring opens — all of them after the commit, through one `phase_changed`."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from booklet import signals as booklet_signals
from exchange.importing import import_edition
from practices.enums import Phase
from practices.models import Edition
from practices.services import change_phase
from practices.signals import phase_changed
from tests.admin_forms import change_form_data
from tests.factories import AwardFactory, EditionFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db

REASON = "A city asked for a correction."

# move: (from, to, what every path must do: booklets queued, e-mails, history row)
MOVES = {
    "publish": (Phase.DELIBERATION, Phase.PUBLISHED,
                {"queued": 1, "mail": [], "row": ("~", Phase.PUBLISHED, True)}),
    "open_scoring": (Phase.EXPERT_REPORTS, Phase.JURY_SCORING,
                     {"queued": 0, "mail": [["olena@example.org"]],
                      "row": ("~", Phase.JURY_SCORING, False)}),
    "unpublish": (Phase.PUBLISHED, Phase.DELIBERATION,
                  {"queued": 0, "mail": [], "row": ("~", Phase.DELIBERATION, True)}),
}


@pytest.fixture
def queued(monkeypatch):
    """The editions whose booklets were queued (the rendering is not under test)."""
    calls = []
    monkeypatch.setattr(booklet_signals, "_enqueue", calls.append)
    return calls


def _edition(phase):
    edition = EditionFactory(
        phase=phase, scoring_deadline=timezone.now() + timedelta(days=10),
        published_at=timezone.now() if phase == Phase.PUBLISHED else None,
    )
    AwardFactory(edition=edition)
    juror = JurorFactory(user=UserFactory(email="olena@example.org"), preferred_language="uk")
    juror.editions.add(edition)
    return edition


def _by_shell(edition, target, organiser, client_for):
    # As `manage.py shell` would: the service, a reason when taking it offline.
    change_phase(edition=edition, phase=target,
                 reason=REASON if target == Phase.DELIBERATION else "")


def _by_import(edition, target, organiser, client_for):
    data = {"format": "otwarte-edition", "version": 2,
            "edition": {"year": edition.year, "phase": target}}
    summary = import_edition(data=data, allow_published_changes=True)
    assert summary.written


def _by_cockpit(edition, target, organiser, client_for):
    response = client_for(organiser).post(
        reverse("cockpit:phase", args=[edition.year, target]),
        {"year": edition.year, "reason": REASON},
    )
    assert response.status_code == 302


PATHS = {"shell": _by_shell, "import": _by_import, "cockpit": _by_cockpit}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("move", MOVES)
def test_a_phase_change_has_the_same_effects_from_the_shell_an_import_and_the_cockpit(
    move, path, organiser, client_for, queued, django_capture_on_commit_callbacks
):
    old, new, expected = MOVES[move]
    edition = _edition(old)
    rows = edition.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        PATHS[path](edition, new, organiser, client_for)
    edition.refresh_from_db()
    latest = edition.history.latest()
    effects = {
        "queued": queued.count(edition.pk),
        "mail": [m.to for m in mail.outbox],
        "row": (latest.history_type, latest.phase, latest.published_at is not None),
    }
    assert (edition.phase, edition.history.count() - rows) == (new, 1)
    assert effects == expected
    assert latest.history_user == (organiser if path == "cockpit" else None)
    if move == "unpublish":
        assert latest.history_change_reason  # the audit trail says why
    if expected["mail"]:
        assert "/uk/login/" in mail.outbox[0].body


def test_phase_changed_is_sent_once_after_the_commit(django_capture_on_commit_callbacks):
    edition = _edition(Phase.DELIBERATION)
    heard = []

    def listen(sender, edition, old, new, by, reason, **kwargs):
        heard.append((edition.pk, old, new, by, reason))

    phase_changed.connect(listen, sender=Edition)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            change_phase(edition=edition, phase=Phase.PUBLISHED)
            change_phase(edition=edition, phase=Phase.PUBLISHED)  # no move: nothing
        assert heard == []  # not before the commit
        for callback in callbacks:
            callback()
    finally:
        phase_changed.disconnect(listen, sender=Edition)
    assert heard == [(edition.pk, Phase.DELIBERATION, Phase.PUBLISHED, None, "")]


def test_a_rolled_back_move_tells_nobody(queued):
    # The test's transaction never commits: the move's effects are dropped with it.
    edition = _edition(Phase.EXPERT_REPORTS)
    change_phase(edition=edition, phase=Phase.JURY_SCORING)
    assert (mail.outbox, queued) == ([], [])


def test_a_dry_run_import_moves_nothing_and_tells_nobody(
    queued, django_capture_on_commit_callbacks
):
    edition = _edition(Phase.DELIBERATION)
    data = {"format": "otwarte-edition", "version": 2,
            "edition": {"year": edition.year, "phase": "published"}}
    with django_capture_on_commit_callbacks(execute=True):
        summary = import_edition(data=data, dry_run=True)
    edition.refresh_from_db()
    assert summary.changes_anything and not summary.written
    assert (edition.phase, queued) == (Phase.DELIBERATION, [])


def test_an_import_may_restore_a_phase_several_steps_on(
    queued, django_capture_on_commit_callbacks
):
    edition = _edition(Phase.PREPARATION)
    data = {"format": "otwarte-edition", "version": 2,
            "edition": {"year": edition.year, "phase": "published"}}
    with django_capture_on_commit_callbacks(execute=True):
        import_edition(data=data)
    edition.refresh_from_db()
    assert (edition.phase, edition.published_at is not None) == (Phase.PUBLISHED, True)
    assert (queued, mail.outbox) == ([edition.pk], [])  # scoring never opened


def test_an_import_cannot_publish_an_edition_without_awards(django_capture_on_commit_callbacks):
    from exchange.reading import EditionImportError

    edition = EditionFactory(phase=Phase.DELIBERATION)
    data = {"format": "otwarte-edition", "version": 2,
            "edition": {"year": edition.year, "phase": "published"}}
    with pytest.raises(EditionImportError, match="Decide at least one award"):
        import_edition(data=data)
    edition.refresh_from_db()
    assert edition.phase == Phase.DELIBERATION


def test_the_admin_cannot_change_the_phase(
    client_for, organiser, queued, django_capture_on_commit_callbacks
):
    # The Edition admin shows the phase read-only (the cockpit changes it): a
    # posted phase is ignored, so the admin never bypasses change_phase.
    organiser.is_superuser = True
    organiser.save()
    edition = _edition(Phase.DELIBERATION)
    client = client_for(organiser)
    url = reverse("admin:practices_edition_change", args=[edition.pk])
    page = client.get(url)
    assert "phase" not in page.context["adminform"].form.fields
    assert reverse("cockpit:edition", args=[edition.year]) in page.content.decode()
    data = change_form_data(page)
    data.update({"phase": Phase.PUBLISHED, "title_pl": "Edycja"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert (edition.title_pl, edition.phase, queued) == ("Edycja", Phase.DELIBERATION, [])
