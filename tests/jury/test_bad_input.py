"""Bad input on the jurors' forms: never a 500, never a partial write.

Hypothesis posts random values, criterion ids and comment lengths to the scoring
form and random reasons to the conflict form; each example compares the scores
before and after: a refused save changes nothing at all.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jury.forms import field_name
from jury.models import Conflict, Score, ScoreChange, ScoreComment

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
value = st.one_of(
    st.integers(min_value=-5, max_value=12).map(str),
    st.sampled_from(["", " 3", "3.0", "1e1", "٣", "NaN", "99999999999999999999", "\x00"]),
    text,
)
comment = st.one_of(
    st.text(max_size=50), st.integers(min_value=4990, max_value=5010).map(lambda n: "x" * n)
)


def _state(scoring):
    scores = Score.objects.filter(juror=scoring.ja).values_list(
        "nomination_id", "criterion_id", "value"
    )
    comments = ScoreComment.objects.filter(juror=scoring.ja).values_list("nomination_id", "text")
    return sorted(scores), sorted(comments), ScoreChange.objects.count()


@FUZZ
@given(
    engagement=st.one_of(st.none(), value),
    durability=st.one_of(st.none(), value),
    foreign_ids=st.lists(st.integers(min_value=-2, max_value=10**12), max_size=3),
    foreign_value=value,
    note=comment,
    action=st.sampled_from(["save", "save_next", "", "bogus"]),
)
def test_scoring_form_with_random_input_never_fails_nor_half_saves(
    scoring, client_for, juror_a, engagement, durability, foreign_ids, foreign_value, note, action
):
    nomination = scoring.nominations[0]
    data = {"comment": note, "action": action}
    if engagement is not None:
        data[field_name(scoring.engagement)] = engagement
    if durability is not None:
        data[field_name(scoring.durability)] = durability
    real = {scoring.engagement.pk, scoring.durability.pk}
    for pk in foreign_ids:
        if pk not in real:  # ids are small on a fresh database: keep "foreign" foreign
            data[f"criterion_{pk}"] = foreign_value
    before = _state(scoring)
    response = client_for(juror_a).post(reverse("jury:nomination", args=[nomination.pk]), data)
    assert response.status_code in {200, 302}
    after = _state(scoring)
    if response.status_code == 200:
        assert after == before  # refused: nothing written, not even one criterion
    else:
        saved = dict(
            Score.objects.filter(juror=scoring.ja, nomination=nomination).values_list(
                "criterion_id", "value"
            )
        )
        assert saved == {
            scoring.engagement.pk: int(engagement),
            scoring.durability.pk: int(durability),
        }


def test_invalid_multi_criterion_save_writes_no_score(scoring, client_for, juror_a):
    nomination = scoring.nominations[0]
    response = client_for(juror_a).post(
        reverse("jury:nomination", args=[nomination.pk]),
        {field_name(scoring.engagement): "4", field_name(scoring.durability): "42",
         "comment": "Dobra praktyka"},
    )
    assert response.status_code == 200
    assert not Score.objects.filter(nomination=nomination).exists()
    assert not ScoreComment.objects.filter(nomination=nomination).exists()
    assert not ScoreChange.objects.exists()


def test_scores_of_another_editions_criterion_are_refused(scoring, client_for, juror_a):
    from tests.factories import CriterionFactory

    foreign = CriterionFactory()
    nomination = scoring.nominations[0]
    response = client_for(juror_a).post(
        reverse("jury:nomination", args=[nomination.pk]),
        {field_name(scoring.engagement): "4", field_name(scoring.durability): "4",
         field_name(foreign): "4"},
    )
    # Fields the form does not know are ignored; nothing is stored for the foreign criterion.
    assert response.status_code == 302
    assert not Score.objects.filter(criterion=foreign).exists()


@FUZZ
@given(reason=st.one_of(st.text(max_size=80), st.sampled_from(["", "   ", "x" * 2001, "x" * 2000])),
       extra=st.dictionaries(text, text, max_size=3))
def test_conflict_form_with_random_input_never_fails(scoring, client_for, juror_b, reason, extra):
    nomination = scoring.nominations[1]
    before = Conflict.objects.count()
    response = client_for(juror_b).post(
        reverse("jury:conflict", args=[nomination.pk]), {**extra, "reason": reason}
    )
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert Conflict.objects.count() == before
    else:
        assert Conflict.objects.filter(juror=scoring.jb, nomination=nomination).count() == 1


@pytest.mark.parametrize("pk", ["0", "99999999999999999999"])
def test_nomination_urls_with_odd_ids_are_404(scoring, client_for, juror_a, pk):
    client = client_for(juror_a)
    assert client.get(f"/pl/jury/nominations/{pk}/").status_code == 404
    assert client.post(f"/pl/jury/nominations/{pk}/conflict/", {"reason": "x"}).status_code == 404
