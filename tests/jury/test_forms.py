"""The scoring form asks the scoring rule (`clean_scores`): one verdict, the
messages on the criterion's own field."""

import pytest
from django.core.exceptions import ValidationError

from jury.forms import ScoreForm, field_name
from jury.services.scoring import clean_scores


def _both(scoring, engagement, durability):
    criteria = [scoring.engagement, scoring.durability]
    raw = {scoring.engagement.pk: engagement, scoring.durability.pk: durability}
    form = ScoreForm(
        {field_name(c): ("" if raw[c.pk] is None else raw[c.pk]) for c in criteria},
        criteria=criteria,
    )
    try:
        service = clean_scores(criteria={c.pk: c for c in criteria}, values=raw)
    except ValidationError as error:
        service = error.message_dict
    return form, service


@pytest.mark.parametrize(
    "engagement, durability",
    [(3, 4), ("5", "1"), (0, 3), (6, 3), ("3.5", 2), ("abc", 2), (" 3", 2), (None, 2), (3, None),
     (None, None), (99, 0)],
)
def test_score_form_gives_the_rule_s_verdict(scoring, engagement, durability):
    form, service = _both(scoring, engagement, durability)
    if form.is_valid():
        assert form.values() == service
    else:
        by_field = {scoring.engagement.pk: field_name(scoring.engagement),
                    scoring.durability.pk: field_name(scoring.durability)}
        assert {pk: form.errors[by_field[pk]] for pk in service} == service
        assert set(form.errors) == {by_field[pk] for pk in service}


def test_score_form_optional_criterion_may_stay_empty(scoring):
    scoring.durability.required = False
    form, service = _both(scoring, 4, None)
    assert form.is_valid()
    assert form.values() == service == {scoring.engagement.pk: 4, scoring.durability.pk: None}


def test_score_form_message_on_the_criterion_field(scoring):
    form, _service = _both(scoring, 9, None)
    assert not form.is_valid()
    assert form.errors[field_name(scoring.engagement)] == [
        "A score for “Zaangażowanie” must be a whole number from 1 to 5."]
    assert form.errors[field_name(scoring.durability)] == ["“Długofalowość” needs a score."]
