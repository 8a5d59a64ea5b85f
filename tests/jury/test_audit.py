"""Score changes through the jurors' pages are recorded twice: in ScoreChange (the jury's
readable log of values) and in the simple-history trail (every field, who and when)."""

from django.urls import reverse

from jury.forms import field_name
from jury.models import Score, ScoreChange
from otwarte.audit import diff


def _save(client, nomination, values):
    response = client.post(reverse("jury:nomination", args=[nomination.pk]), values)
    assert response.status_code == 302


def test_score_change_records_who_when_old_and_new(scoring, client_for, juror_a):
    nomination = scoring.nominations[0]
    client = client_for(juror_a)
    _save(client, nomination, {field_name(scoring.engagement): 3,
                               field_name(scoring.durability): 4})
    _save(client, nomination, {field_name(scoring.engagement): 5,
                               field_name(scoring.durability): 4})
    score = Score.objects.get(juror=scoring.ja, nomination=nomination, criterion=scoring.engagement)
    newer, older = score.history.all()[:2]
    assert (older.history_type, newer.history_type) == ("+", "~")
    assert newer.history_user == juror_a and older.history_user == juror_a
    assert newer.history_date >= older.history_date
    assert [(f, old, new) for f, old, new in diff(older, newer) if f == "value"] == [
        ("value", 3, 5)
    ]
    # The untouched criterion was not saved again.
    durability = Score.objects.get(juror=scoring.ja, nomination=nomination,
                                   criterion=scoring.durability)
    assert durability.history.count() == 1
    log = ScoreChange.objects.filter(nomination=nomination, criterion=scoring.engagement)
    assert list(log.order_by("pk").values_list("old_value", "new_value", "changed_by")) == [
        (None, 3, juror_a.pk),
        (3, 5, juror_a.pk),
    ]


def test_organiser_sees_score_history_in_admin(scoring, client_for, juror_a, organiser):
    nomination = scoring.nominations[0]
    _save(client_for(juror_a), nomination, {field_name(scoring.engagement): 3,
                                            field_name(scoring.durability): 4})
    score = Score.objects.filter(juror=scoring.ja).first()
    client = client_for(organiser)
    page = client.get(reverse("admin:jury_score_history", args=[score.pk]))
    assert page.status_code == 200
    assert len(page.context["page_obj"].object_list) == 1
    record = score.history.latest()
    detail = client.get(reverse("admin:jury_score_simple_history", args=[score.pk, record.pk]))
    assert detail.status_code == 200


def test_experts_and_jurors_never_see_score_history(
    scoring, client_for, juror_a, expert_lublin
):
    nomination = scoring.nominations[0]
    _save(client_for(juror_a), nomination, {field_name(scoring.engagement): 3,
                                            field_name(scoring.durability): 4})
    score = Score.objects.filter(juror=scoring.ja).first()
    url = reverse("admin:jury_score_history", args=[score.pk])
    assert client_for(expert_lublin).get(url).status_code == 403
    assert client_for(juror_a).get(url).status_code == 302  # not staff: admin login


def test_score_cannot_be_reverted_through_the_admin_history(
    scoring, client_for, juror_a, organiser
):
    """Scores change only through the jurors' pages (ScoreChange stays complete)."""
    nomination = scoring.nominations[0]
    client = client_for(juror_a)
    _save(client, nomination, {field_name(scoring.engagement): 3,
                               field_name(scoring.durability): 4})
    score = Score.objects.get(juror=scoring.ja, nomination=nomination, criterion=scoring.engagement)
    first = score.history.latest()
    _save(client, nomination, {field_name(scoring.engagement): 5,
                               field_name(scoring.durability): 4})
    url = reverse("admin:jury_score_simple_history", args=[score.pk, first.pk])
    response = client_for(organiser).post(
        url, {"juror": scoring.ja.pk, "nomination": nomination.pk,
              "criterion": scoring.engagement.pk, "value": 3}
    )
    assert response.status_code == 403
    score.refresh_from_db()
    assert score.value == 5
