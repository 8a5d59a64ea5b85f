from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jury.models import Criterion
from jury.services.criteria import copy_criteria
from practices.enums import Phase
from practices.models import Edition
from practices.phases import REFUSALS, Action, PhaseError, allows
from tests.factories import CriterionFactory

pytestmark = pytest.mark.django_db


def test_copy_criteria_from_the_latest_earlier_edition_with_criteria():
    old, previous, empty, new = (Edition.objects.create(year=y) for y in (2030, 2031, 2032, 2033))
    CriterionFactory(edition=old, code="old")
    CriterionFactory(edition=previous, code="impact", name_pl="Wpływ", name_en="Impact",
                     weight=Decimal("2.50"), order=2, required=False)
    CriterionFactory(edition=previous, code="reach", order=1)
    copies = copy_criteria(edition=new)
    got = list(Criterion.objects.filter(edition=new).values_list(
        "code", "name_pl", "name_en", "weight", "required"))
    assert len(copies) == 2
    assert got[1] == ("impact", "Wpływ", "Impact", Decimal("2.50"), False)
    assert got[0][0] == "reach"
    with pytest.raises(ValidationError):
        copy_criteria(edition=new)  # already has criteria
    assert not Criterion.objects.filter(edition=empty).exists()


def test_copy_criteria_without_an_earlier_edition_says_so(client_for, organiser):
    edition = Edition.objects.create(year=2030)
    response = client_for(organiser).post(reverse("jury:copy_criteria", args=[2030]), follow=True)
    assert "No earlier edition has criteria to copy." in response.content.decode()
    assert not edition.criteria.exists()


@pytest.mark.parametrize("phase", list(Phase))
def test_copy_criteria_follows_the_phase_table(phase):
    previous = Edition.objects.create(year=2030)
    CriterionFactory(edition=previous, code="reach")
    new = Edition.objects.create(year=2031)
    Edition.objects.filter(pk=new.pk).update(phase=phase)
    if allows(phase, Action.EDIT_CRITERIA):
        copy_criteria(edition=new)
        assert new.criteria.count() == 1
    else:
        with pytest.raises(PhaseError) as refused:
            copy_criteria(edition=new)
        assert refused.value.messages == [str(REFUSALS[Action.EDIT_CRITERIA])]
        assert not new.criteria.exists()


def test_copy_criteria_page_shows_the_phase_refusal(client_for, organiser):
    CriterionFactory(edition=Edition.objects.create(year=2030))
    new = Edition.objects.create(year=2031)
    Edition.objects.filter(pk=new.pk).update(phase=Phase.JURY_SCORING)
    response = client_for(organiser).post(reverse("jury:copy_criteria", args=[2031]), follow=True)
    assert response.status_code == 200
    assert str(REFUSALS[Action.EDIT_CRITERIA]) in response.content.decode()
    assert not new.criteria.exists()
