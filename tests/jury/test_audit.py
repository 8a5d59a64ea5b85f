"""A score's history is one trail, jury.ScoreChange: who changed which value, from what
to what, when. It is written by the jurors' saves only and read-only in the admin."""

from django.urls import reverse

from jury.forms import field_name
from jury.models import Score, ScoreChange


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
    log = ScoreChange.objects.filter(nomination=nomination, criterion=scoring.engagement)
    assert list(log.order_by("pk").values_list("old_value", "new_value", "changed_by")) == [
        (None, 3, juror_a.pk),
        (3, 5, juror_a.pk),
    ]
    first, second = log.order_by("pk")
    assert first.changed_at <= second.changed_at
    # The untouched criterion was not logged again.
    assert ScoreChange.objects.filter(criterion=scoring.durability).count() == 1


def test_clearing_an_optional_score_is_logged(scoring, client_for, juror_a):
    scoring.durability.required = False
    scoring.durability.save()
    nomination = scoring.nominations[0]
    client = client_for(juror_a)
    _save(client, nomination, {field_name(scoring.engagement): 3,
                               field_name(scoring.durability): 4})
    _save(client, nomination, {field_name(scoring.engagement): 3,
                               field_name(scoring.durability): ""})
    last = ScoreChange.objects.filter(criterion=scoring.durability).latest("pk")
    assert (last.old_value, last.new_value) == (4, None)
    assert not Score.objects.filter(criterion=scoring.durability).exists()


def test_scores_keep_no_second_history():
    assert not hasattr(Score, "history")


def test_organiser_reads_the_score_log_in_admin(scoring, client_for, juror_a, organiser):
    nomination = scoring.nominations[0]
    _save(client_for(juror_a), nomination, {field_name(scoring.engagement): 3,
                                            field_name(scoring.durability): 4})
    page = client_for(organiser).get(reverse("admin:jury_scorechange_changelist"))
    assert page.status_code == 200
    assert page.context["cl"].result_count == 2


def test_experts_and_jurors_never_see_the_score_log(scoring, client_for, juror_a, expert_lublin):
    url = reverse("admin:jury_scorechange_changelist")
    assert client_for(expert_lublin).get(url).status_code == 403
    assert client_for(juror_a).get(url).status_code == 302  # not staff: admin login


def test_score_cannot_be_changed_through_the_admin(scoring, client_for, juror_a, organiser):
    """Scores change only through the jurors' pages, so the log stays complete."""
    nomination = scoring.nominations[0]
    _save(client_for(juror_a), nomination, {field_name(scoring.engagement): 5,
                                            field_name(scoring.durability): 4})
    score = Score.objects.get(juror=scoring.ja, nomination=nomination, criterion=scoring.engagement)
    response = client_for(organiser).post(
        reverse("admin:jury_score_change", args=[score.pk]),
        {"juror": scoring.ja.pk, "nomination": nomination.pk,
         "criterion": scoring.engagement.pk, "value": 3},
    )
    assert response.status_code == 403
    score.refresh_from_db()
    assert score.value == 5
