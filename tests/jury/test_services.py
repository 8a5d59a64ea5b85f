from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jury.enums import NominationStatus
from jury.models import Conflict, Nomination, Score, ScoreChange, ScoreComment
from jury.services.decisions import decide_award, publish_edition
from jury.services.nominations import create_nomination, import_nominations
from jury.services.scoring import declare_conflict, juror_overview, next_to_score, submit_scores
from practices.enums import Phase
from practices.models import Award
from practices.services import change_phase
from tests.factories import CategoryFactory, EditionFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def values(s, engagement, durability):
    return {s.engagement.pk: engagement, s.durability.pk: durability}


def test_submit_scores_creates_one_row_per_criterion(scoring):
    nomination = scoring.nominations[0]
    submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 4, 5),
                  comment="Dobre", by=scoring.ja.user)
    assert dict(Score.objects.values_list("criterion__code", "value")) == {
        "engagement": 4, "durability": 5}
    assert ScoreComment.objects.get().text == "Dobre"


def test_submit_scores_revision_updates_and_keeps_history(scoring):
    nomination = scoring.nominations[0]
    submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 4, 5),
                  by=scoring.ja.user)
    submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 2, 5),
                  by=scoring.ja.user)
    assert Score.objects.count() == 2
    history = list(
        ScoreChange.objects.order_by("pk").values_list("criterion__code", "old_value",
                                                       "new_value", "changed_by")
    )
    user = scoring.ja.user.pk
    assert history == [
        ("engagement", None, 4, user), ("durability", None, 5, user), ("engagement", 4, 2, user)
    ]


@pytest.mark.parametrize("bad", [0, 6, -1, "3.5", "abc", 99])
def test_submit_scores_outside_scale_rejected_with_clear_message(scoring, bad):
    with pytest.raises(ValidationError) as excinfo:
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values=values(scoring, bad, 3))
    assert excinfo.value.messages == [
        "A score for “Zaangażowanie” must be a whole number from 1 to 5."]
    assert Score.objects.count() == 0


def test_submit_scores_missing_required_criterion_rejected(scoring):
    with pytest.raises(ValidationError) as excinfo:
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values={scoring.engagement.pk: 3})
    assert excinfo.value.messages == ["“Długofalowość” needs a score."]


def test_submit_scores_optional_criterion_may_be_cleared(scoring):
    scoring.durability.required = False
    scoring.durability.save()
    nomination = scoring.nominations[0]
    submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 3, 4))
    submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 3, None))
    assert list(Score.objects.values_list("criterion__code", flat=True)) == ["engagement"]
    assert ScoreChange.objects.filter(new_value=None).count() == 1


def test_submit_scores_criterion_of_other_edition_rejected(scoring):
    from tests.factories import CriterionFactory

    other = CriterionFactory()
    with pytest.raises(ValidationError):
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values={**values(scoring, 3, 3), other.pk: 3})
    assert Score.objects.count() == 0


@pytest.mark.parametrize("phase", [Phase.EXPERT_REPORTS, Phase.DELIBERATION])
def test_submit_scores_outside_phase_rejected(scoring, phase):
    change_phase(edition=scoring.edition, phase=phase)
    scoring.nominations[0].edition.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values=values(scoring, 3, 3))
    assert excinfo.value.messages == ["Scoring is closed for this edition."]


def test_submit_scores_after_deadline_rejected(scoring):
    scoring.edition.scoring_deadline = timezone.now() - timedelta(minutes=1)
    scoring.edition.save()
    with pytest.raises(ValidationError) as excinfo:
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values=values(scoring, 3, 3))
    assert excinfo.value.messages == ["Scoring is closed for this edition."]


def test_submit_scores_before_deadline_accepted(scoring):
    scoring.edition.scoring_deadline = timezone.now() + timedelta(hours=1)
    scoring.edition.save()
    submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                  values=values(scoring, 3, 3))
    assert Score.objects.count() == 2


def test_submit_scores_by_juror_not_on_jury_rejected(scoring):
    scoring.ja.editions.clear()
    with pytest.raises(ValidationError) as excinfo:
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                      values=values(scoring, 3, 3))
    assert excinfo.value.messages == ["You are not on the jury of this edition."]


def test_submit_scores_after_conflict_rejected(scoring):
    nomination = scoring.nominations[0]
    declare_conflict(juror=scoring.ja, nomination=nomination, reason="Pracuję tam.")
    with pytest.raises(ValidationError):
        submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 3, 3))
    assert Score.objects.count() == 0


def test_declare_conflict_needs_reason(scoring):
    with pytest.raises(ValidationError) as excinfo:
        declare_conflict(juror=scoring.ja, nomination=scoring.nominations[0], reason="  ")
    assert excinfo.value.messages == ["Say briefly why there is a conflict of interest."]


@pytest.mark.parametrize("reason", ["\u200b", "\u200b \u200d\ufeff", "\u00a0\u2060"])
def test_declare_conflict_refuses_invisible_reason(scoring, reason):
    with pytest.raises(ValidationError) as excinfo:
        declare_conflict(juror=scoring.ja, nomination=scoring.nominations[0], reason=reason)
    assert excinfo.value.messages == ["Say briefly why there is a conflict of interest."]
    assert Conflict.objects.count() == 0


def test_conflict_form_refuses_zero_width_reason():
    from jury.forms import ConflictForm

    form = ConflictForm(data={"reason": "\u200b"})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Say briefly why there is a conflict of interest."]


def test_declare_conflict_twice_friendly_message(scoring):
    declare_conflict(juror=scoring.ja, nomination=scoring.nominations[0], reason="x")
    with pytest.raises(ValidationError) as excinfo:
        declare_conflict(juror=scoring.ja, nomination=scoring.nominations[0], reason="y")
    assert excinfo.value.messages == [
        "A conflict of interest is already recorded for this juror and nomination."]
    assert Conflict.objects.count() == 1


def test_juror_overview_statuses_and_progress(scoring):
    first, second, third = scoring.nominations
    submit_scores(juror=scoring.ja, nomination=first, values=values(scoring, 3, 3))
    declare_conflict(juror=scoring.ja, nomination=second, reason="x")
    rows, progress = juror_overview(juror=scoring.ja, nominations=Nomination.objects.all())
    assert [s for _n, s in rows] == [
        NominationStatus.SCORED, NominationStatus.CONFLICT, NominationStatus.NOT_STARTED]
    assert (progress.scored, progress.to_score, progress.conflicts) == (1, 2, 1)
    assert next_to_score(juror=scoring.ja, nominations=Nomination.objects.all(),
                         after=first) == third
    # Wraps round: after the last one, the first still open.
    assert next_to_score(juror=scoring.ja, nominations=Nomination.objects.all(),
                         after=third) is None


def test_next_to_score_none_when_done(scoring):
    for nomination in scoring.nominations:
        submit_scores(juror=scoring.ja, nomination=nomination, values=values(scoring, 3, 3))
    assert next_to_score(juror=scoring.ja, nominations=Nomination.objects.all(),
                         after=scoring.nominations[0]) is None


def test_create_nomination_duplicate_friendly_message(scoring):
    existing = scoring.nominations[0]
    with pytest.raises(ValidationError) as excinfo:
        create_nomination(edition=existing.edition, practice=existing.practice,
                          category=existing.category, justification="", created_by=None)
    assert excinfo.value.messages == [
        "This practice is already nominated in this category of this edition."]


def test_create_nomination_closed_after_scoring():
    edition = EditionFactory(phase=Phase.DELIBERATION)
    with pytest.raises(ValidationError):
        create_nomination(edition=edition, practice=PracticeFactory(),
                          category=CategoryFactory(), justification=None, created_by=None)


def test_import_nominations_is_idempotent_and_checks_rows():
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    practice, category = PracticeFactory(), CategoryFactory()
    edition.categories.add(category)  # made after the edition: not in its set by itself
    rows = [{"city": practice.city.slug, "practice": practice.slug, "category": category.code,
             "justification": "Bo tak."}]
    assert import_nominations(edition=edition, rows=rows) == (1, 0)
    assert import_nominations(edition=edition, rows=rows) == (0, 1)
    with pytest.raises(ValidationError) as excinfo:
        import_nominations(edition=edition, rows=[{**rows[0], "category": "nope"}])
    assert excinfo.value.messages == ["Row 1 names an unknown city, practice or category."]


def test_decide_award_only_in_deliberation(scoring):
    with pytest.raises(ValidationError):
        decide_award(nomination=scoring.nominations[0])
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    similar = PracticeFactory()
    award = decide_award(nomination=scoring.nominations[0], recommendation="Polecamy.",
                         similar_practices=[similar], quotes=[(scoring.ja, "Świetne!")])
    assert (award.order, award.recommendation_pl) == (1, "Polecamy.")
    assert [a.practice for a in award.similar_actions.all()] == [similar]
    assert [q.text_pl for q in award.quotes.all()] == ["Świetne!"]
    second = decide_award(nomination=scoring.nominations[2])
    assert second.order == 2
    with pytest.raises(ValidationError):
        decide_award(nomination=scoring.nominations[0])


def test_publish_edition_needs_an_award(scoring):
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    with pytest.raises(ValidationError) as excinfo:
        publish_edition(edition=scoring.edition)
    assert excinfo.value.messages == ["Decide at least one award before publishing."]


def test_publish_edition_during_scoring_is_refused(scoring):
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    decide_award(nomination=scoring.nominations[0])
    change_phase(edition=scoring.edition, phase=Phase.JURY_SCORING)
    with pytest.raises(ValidationError) as excinfo:
        publish_edition(edition=scoring.edition)
    assert excinfo.value.messages == ["Only an edition in deliberation can be published."]
    scoring.edition.refresh_from_db()
    assert scoring.edition.phase == Phase.JURY_SCORING


def test_publish_edition_publishes_and_closes_scoring_for_good(scoring):
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    decide_award(nomination=scoring.nominations[0])
    edition = publish_edition(edition=scoring.edition)
    assert edition.phase == Phase.PUBLISHED
    assert edition.published_at is not None
    assert Award.objects.published().count() == 1
    with pytest.raises(ValidationError):
        submit_scores(juror=scoring.ja, nomination=scoring.nominations[1],
                      values=values(scoring, 3, 3))


def test_publish_edition_refuses_early_phases():
    edition = EditionFactory(phase=Phase.PREPARATION)
    with pytest.raises(ValidationError):
        publish_edition(edition=edition)
