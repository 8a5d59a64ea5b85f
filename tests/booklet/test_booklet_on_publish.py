"""Publishing an edition prepares its booklets (booklet/signals.py): the first
visitor gets the PDF, not the "being prepared" page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from booklet import services
from booklet.enums import RenderStatus
from booklet.models import BookletRender
from practices.enums import Phase
from practices.services import change_phase
from tests.factories import AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_pdf(monkeypatch):
    """WeasyPrint's layout is not under test here (four of them would take seconds)."""
    monkeypatch.setattr(services, "html_to_pdf", lambda html, **kwargs: b"%PDF-1.7 test")


@pytest.fixture
def decided_edition(db):
    return AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION)).edition


def test_publishing_queues_the_booklet_in_every_language(
    decided_edition, fake_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=decided_edition, phase=Phase.PUBLISHED)
    renders = BookletRender.objects.filter(edition=decided_edition)
    assert sorted(renders.values_list("language", "status")) == sorted(
        (code, RenderStatus.DONE) for code, _name in settings.LANGUAGES
    )


def test_first_request_after_publishing_gets_the_pdf(
    anonymous, decided_edition, fake_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=decided_edition, phase=Phase.PUBLISHED)
    with translation.override("uk"):
        url = reverse("booklet:pdf", args=[decided_edition.year])
    response = anonymous.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert BookletRender.objects.filter(edition=decided_edition).count() == 4  # none new


def test_other_saves_queue_nothing(decided_edition, fake_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decided_edition.save()
        EditionFactory(phase=Phase.PUBLISHED)  # created published: an import
    assert BookletRender.objects.count() == 0


def test_a_rolled_back_publish_queues_nothing(decided_edition, fake_pdf):
    # The test's transaction never commits: the callback is dropped with it.
    change_phase(edition=decided_edition, phase=Phase.PUBLISHED)
    assert BookletRender.objects.count() == 0
