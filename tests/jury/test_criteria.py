from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jury.models import Criterion
from jury.services.criteria import copy_criteria
from practices.models import Edition
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
