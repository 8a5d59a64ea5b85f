import pytest
from django.urls import reverse

from jury.models import Conflict, Nomination
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_organiser_records_conflict_in_admin(scoring, client_for, organiser):
    nomination = scoring.nominations[0]
    response = client_for(organiser).post(reverse("admin:jury_conflict_add"), {
        "juror": scoring.jb.pk, "nomination": nomination.pk, "reason": "Zgłoszone mailem."})
    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.juror, conflict.declared_by) == (scoring.jb, organiser)


def test_admin_conflict_for_juror_off_the_jury_is_a_form_error(scoring, client_for, organiser):
    other = NominationFactory()
    response = client_for(organiser).post(reverse("admin:jury_conflict_add"), {
        "juror": scoring.jb.pk, "nomination": other.pk, "reason": "x"})
    assert response.status_code == 200
    assert "This juror is not on the jury of this edition." in response.content.decode()
    assert Conflict.objects.count() == 0


def test_organiser_adds_nomination_in_admin(scoring, client_for, organiser):
    practice = scoring.nominations[2].practice
    category = scoring.nominations[0].category
    response = client_for(organiser).post(reverse("admin:jury_nomination_add"), {
        "edition": scoring.edition.pk, "practice": practice.pk, "category": category.pk,
        "justification": ""})
    assert response.status_code == 302
    nomination = Nomination.objects.get(practice=practice, category=category)
    assert (nomination.created_by, nomination.justification) == (organiser, None)


@pytest.mark.parametrize("name", ["score", "scorechange"])
def test_scores_are_read_only_in_admin(scoring, client_for, organiser, name):
    client = client_for(organiser)
    assert client.get(reverse(f"admin:jury_{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:jury_{name}_add")).status_code == 403


def test_expert_cannot_open_jury_admin(scoring, client_for, expert_lublin):
    response = client_for(expert_lublin).get(reverse("admin:jury_score_changelist"))
    assert response.status_code == 403
