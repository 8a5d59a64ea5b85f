"""The kind of a conflict of interest: chosen by the juror, public only where disclosed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from jury.enums import ConflictReason
from jury.models import Conflict, ConflictDisclosure
from jury.services.scoring import declare_conflict

pytestmark = pytest.mark.django_db


def test_juror_chooses_the_kind(scoring, client_for, juror_a):
    nomination = scoring.nominations[0]
    client_for(juror_a).post(
        reverse("jury:conflict", args=[nomination.pk]),
        {"reason": "Pracuję w tej organizacji.", "category": "work"},
    )
    assert Conflict.objects.get().reason_category == ConflictReason.WORK


def test_without_a_kind_it_is_other(scoring, client_for, juror_a):
    client_for(juror_a).post(
        reverse("jury:conflict", args=[scoring.nominations[0].pk]), {"reason": "Powód."}
    )
    assert Conflict.objects.get().reason_category == ConflictReason.OTHER


def test_an_unknown_kind_is_a_form_error(scoring, client_for, juror_a):
    response = client_for(juror_a).post(
        reverse("jury:conflict", args=[scoring.nominations[0].pk]),
        {"reason": "Powód.", "category": "bribe"},
    )
    assert response.status_code == 200 and Conflict.objects.count() == 0


def test_the_service_refuses_an_unknown_kind(scoring):
    with pytest.raises(ValidationError):
        declare_conflict(
            juror=scoring.ja, nomination=scoring.nominations[0], reason="x", category="bribe"
        )


def test_kind_constraint(scoring):
    with pytest.raises(IntegrityError), transaction.atomic():
        Conflict.objects.create(juror=scoring.ja, nomination=scoring.nominations[0],
                                reason="x", reason_category="bribe")


def test_disclosure_constraints(scoring):
    ConflictDisclosure.objects.create(edition=scoring.edition, category=ConflictReason.WORK)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictDisclosure.objects.create(edition=scoring.edition, category=ConflictReason.WORK)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictDisclosure.objects.create(edition=scoring.edition, category="bribe")


def test_organisers_record_the_kind_in_the_admin(scoring, client_for, organiser):
    client_for(organiser).post(reverse("admin:jury_conflict_add"), {
        "juror": scoring.jb.pk, "nomination": scoring.nominations[0].pk,
        "reason_category": "financial", "reason": "Zgłoszone mailem."})
    assert Conflict.objects.get().reason_category == ConflictReason.FINANCIAL
