import pytest
from django.core.exceptions import ValidationError

from practices.enums import Phase
from practices.services import change_phase, unpublish_edition
from tests.factories import AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db


def test_change_phase_moves_forward_one_step():
    edition = EditionFactory(phase=Phase.PREPARATION)
    edition = change_phase(edition=edition, phase=Phase.EXPERT_REPORTS)
    edition.refresh_from_db()
    assert edition.phase == Phase.EXPERT_REPORTS


def test_change_phase_refuses_skipping_steps():
    edition = EditionFactory(phase=Phase.PREPARATION)
    with pytest.raises(ValidationError) as excinfo:
        change_phase(edition=edition, phase=Phase.JURY_SCORING)
    assert "cannot go from" in excinfo.value.messages[0]
    # A skip into the public phase is refused in the publisher's words.
    with pytest.raises(ValidationError) as excinfo:
        change_phase(edition=edition, phase=Phase.PUBLISHED)
    assert excinfo.value.messages == ["Only an edition in deliberation can be published."]
    edition.refresh_from_db()
    assert edition.phase == Phase.PREPARATION


def test_publishing_stamps_published_at_once(organiser):
    edition = EditionFactory(phase=Phase.DELIBERATION)
    AwardFactory(edition=edition)
    edition = change_phase(edition=edition, phase=Phase.PUBLISHED)
    first = edition.published_at
    assert first is not None
    unpublish_edition(edition=edition, by=organiser, reason="A typo in a city's name.")
    edition = change_phase(edition=edition, phase=Phase.PUBLISHED)
    assert edition.published_at == first


def test_change_phase_may_step_back_to_reopen():
    edition = EditionFactory(phase=Phase.DELIBERATION)
    edition = change_phase(edition=edition, phase=Phase.JURY_SCORING)
    assert edition.phase == Phase.JURY_SCORING
