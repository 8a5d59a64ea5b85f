"""Answering, verifying, replacing, voiding, moderating and codes (surveys.services)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from surveys import identity, services
from surveys.enums import CommentStatus, Proof, ResponseState
from surveys.models import Answer, Code, Response
from surveys.ranking import survey_ranking
from tests.surveys.conftest import EMAIL, answers, verified_by_email


def _overall(survey, slug):
    ranking = survey_ranking(survey)
    item = next(i for i in ranking.criteria if i.criterion.code == "overall")
    return next(c for c in item.cells if c.target.slug == slug)


def _min_one(survey):
    survey.min_responses = 1
    survey.save()


def test_email_response_waits_until_the_link_is_opened(pilot, kyiv):
    _min_one(pilot)
    response = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv, value=2), email=EMAIL, language="uk"
    )
    assert response.state == ResponseState.PENDING
    assert _overall(pilot, "kyiv").n == 0
    assert survey_ranking(pilot).responses == 0

    opened = services.open_link(survey=pilot, token=services.link_token(response=response))
    assert (opened.pk, opened.state) == (response.pk, ResponseState.VERIFIED)
    assert _overall(pilot, "kyiv").n == 1


def test_the_address_is_not_stored_only_its_keyed_hash(pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    stored = [str(v) for v in Response.objects.filter(pk=response.pk).values().get().values()]
    history = [str(v) for row in Response.history.values() for v in row.values()]
    assert not [v for v in stored + history if "olena" in v.lower() or "example.org" in v]
    assert response.identity_hash == identity.identity_hash(
        survey=pilot, email=" olena.koval@EXAMPLE.org "
    )
    assert identity.identity_hash(survey=pilot, email=EMAIL) != identity.identity_hash(
        survey=pilot, code=EMAIL
    )


def test_second_response_by_the_same_email_replaces_the_first(pilot, kyiv, lviv):
    _min_one(pilot)
    first = verified_by_email(pilot, kyiv, EMAIL, value=1)
    second = verified_by_email(pilot, lviv, EMAIL.upper(), value=5)
    assert list(Response.objects.counted().values_list("pk", flat=True)) == [second.pk]
    assert not Response.objects.filter(pk=first.pk).exists()
    assert (_overall(pilot, "kyiv").n, _overall(pilot, "lviv").n) == (0, 1)
    assert Answer.objects.filter(response__survey=pilot).count() == pilot.criteria.count()


def test_an_older_link_opens_the_counted_response(pilot, kyiv):
    first = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv, value=1), email=EMAIL, language="uk"
    )
    old_token = services.link_token(response=first)
    services.open_link(survey=pilot, token=old_token)
    second = verified_by_email(pilot, kyiv, EMAIL, value=5)
    assert services.open_link(survey=pilot, token=old_token).pk == second.pk
    assert Response.objects.counted().count() == 1


def test_second_response_by_the_same_code_replaces_the_first(pilot, kyiv, lviv):
    _min_one(pilot)
    code = services.generate_code_batch(survey=pilot, label="Fundacja", size=1).codes.get()
    first = services.submit_by_code(
        survey=pilot, answers=answers(pilot, kyiv, value=1), code=code, language="ru"
    )
    found = services.find_code(survey=pilot, text=services.format_code(code.code).lower())
    second = services.submit_by_code(
        survey=pilot, answers=answers(pilot, lviv, value=5), code=found, language="ru"
    )
    assert first.pk == second.pk
    assert Response.objects.count() == 1
    assert (_overall(pilot, "kyiv").n, _overall(pilot, "lviv").n) == (0, 1)
    # One answer is never shown as a mean (ranking.MIN_N_FLOOR): the stored one.
    assert Answer.objects.get(response=second, criterion__code="overall").value == 5
    assert Code.objects.get().used_at is not None
    assert second.proof == Proof.CODE and second.state == ResponseState.VERIFIED


def test_change_through_the_link_replaces_the_answers(pilot, kyiv):
    _min_one(pilot)
    response = verified_by_email(pilot, kyiv, EMAIL, value=2)
    services.change_response(
        response=response, answers=answers(pilot, kyiv, value=4, waiting=None), language="pl"
    )
    assert Response.objects.count() == 1
    assert Answer.objects.filter(response=response).count() == pilot.criteria.count() - 1
    assert _overall(pilot, "kyiv").n == 1
    assert Answer.objects.get(response=response, criterion__code="overall").value == 4


def test_no_change_after_the_close(pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    pilot.closes_on = timezone.localdate() - timedelta(days=1)
    pilot.opens_on = pilot.closes_on - timedelta(days=5)
    pilot.save()
    with pytest.raises(ValidationError):
        services.change_response(response=response, answers=answers(pilot, kyiv), language="pl")
    with pytest.raises(ValidationError):
        services.submit_by_email(
            survey=pilot, answers=answers(pilot, kyiv), email="x@example.org", language="pl"
        )


def test_a_pending_response_cannot_be_confirmed_after_the_close(pilot, kyiv):
    response = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv), email=EMAIL, language="uk"
    )
    pilot.closes_on = timezone.localdate() - timedelta(days=1)
    pilot.opens_on = pilot.closes_on - timedelta(days=5)
    pilot.save()
    with pytest.raises(services.LinkError):
        services.open_link(survey=pilot, token=services.link_token(response=response))
    assert Response.objects.counted().count() == 0


def test_voided_response_disappears_from_the_ranking(pilot, kyiv, organiser):
    _min_one(pilot)
    response = verified_by_email(pilot, kyiv, EMAIL)
    assert _overall(pilot, "kyiv").n == 1
    voided = services.void_response(response=response, reason="Duplicate by a bot", by=organiser)
    assert (voided.state, voided.voided_by) == (ResponseState.VOIDED, organiser)
    assert _overall(pilot, "kyiv").n == 0
    assert survey_ranking(pilot).responses == 0
    # Audited: the history records the voiding, its reason and who did it.
    last = voided.history.first()
    assert (last.state, last.void_reason, last.history_change_reason) == (
        ResponseState.VOIDED,
        "Duplicate by a bot",
        "Duplicate by a bot",
    )


def test_a_voided_person_cannot_answer_again(pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    services.void_response(response=response, reason="Bot", by=None)
    again = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv), email=EMAIL, language="uk"
    )
    with pytest.raises(services.LinkError):
        services.open_link(survey=pilot, token=services.link_token(response=again))
    assert Response.objects.counted().count() == 0


def test_voiding_needs_a_reason(pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    with pytest.raises(ValidationError):
        services.void_response(response=response, reason="  ", by=None)
    assert Response.objects.get().state == ResponseState.VERIFIED


def test_comment_waits_for_moderation(pilot, kyiv, organiser):
    response = verified_by_email(pilot, kyiv, EMAIL, comment="Długo czekałem.")
    assert response.comment_status == CommentStatus.PENDING
    services.moderate_comment(response=response, approve=True, by=organiser)
    response.refresh_from_db()
    assert response.comment_status == CommentStatus.APPROVED
    # A changed comment goes back to moderation.
    services.change_response(
        response=response, answers=answers(pilot, kyiv, comment="Inny tekst"), language="pl"
    )
    response.refresh_from_db()
    assert response.comment_status == CommentStatus.PENDING


@pytest.mark.parametrize(
    "token",
    ["", "x", "a:b:c", "eyJzIjoxfQ:1:abc", "🙂" * 10, "../../etc/passwd"],
)
def test_bad_tokens_are_link_errors(pilot, token):
    with pytest.raises(services.LinkError):
        services.open_link(survey=pilot, token=token)


def test_expired_link(pilot, kyiv, settings):
    response = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv), email=EMAIL, language="uk"
    )
    token = services.link_token(response=response)
    settings.SURVEYS_LINK_MAX_AGE_DAYS = -1
    with pytest.raises(services.LinkError, match="expired"):
        services.open_link(survey=pilot, token=token)


def test_link_of_another_survey_is_refused(pilot, kyiv):
    from tests.factories import SurveyFactory

    other = SurveyFactory()
    response = services.submit_by_email(
        survey=pilot, answers=answers(pilot, kyiv), email=EMAIL, language="uk"
    )
    with pytest.raises(services.LinkError):
        services.open_link(survey=other, token=services.link_token(response=response))


def test_answers_are_checked(pilot, kyiv):
    from tests.factories import CityTargetFactory

    stranger = CityTargetFactory()
    with pytest.raises(ValidationError):
        services.submit_by_email(
            survey=pilot, answers=answers(pilot, stranger), email=EMAIL, language="uk"
        )
    with pytest.raises(ValidationError):
        services.submit_by_email(
            survey=pilot, answers=answers(pilot, kyiv, overall=None), email=EMAIL, language="uk"
        )
    with pytest.raises(ValidationError):
        services.submit_by_email(
            survey=pilot, answers=answers(pilot, kyiv, value=6), email=EMAIL, language="uk"
        )
    assert Response.objects.count() == 0


def test_code_batch_generation(pilot, organiser):
    batch = services.generate_code_batch(survey=pilot, label="Ośrodek", size=25, by=organiser)
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(set(codes)) == 25
    assert all(
        len(c) == services.CODE_LENGTH and set(c) <= set(services.CODE_ALPHABET) for c in codes
    )
    with pytest.raises(ValidationError):
        services.generate_code_batch(survey=pilot, label="x", size=0)
    with pytest.raises(ValidationError):
        services.generate_code_batch(survey=pilot, label="x", size=services.MAX_BATCH_SIZE + 1)


def test_codes_belong_to_their_survey(pilot):
    from tests.factories import SurveyFactory

    other = SurveyFactory()
    code = services.generate_code_batch(survey=other, label="x", size=1).codes.get()
    assert services.find_code(survey=pilot, text=code.code) is None
    assert services.find_code(survey=other, text=f" {code.code.lower()} ") == code


def test_bursts_from_one_address_are_flagged(pilot, kyiv, settings):
    settings.SURVEYS_BURST_LIMIT = 2
    reasons = [services.note_response_from(client_ip="10.0.0.9") for _i in range(3)]
    assert reasons[:2] == ["", ""] and "3 responses" in reasons[2]
    assert services.note_response_from(client_ip="10.0.0.10") == ""


def test_purge_deletes_responses_after_the_retention(pilot, kyiv, settings):
    verified_by_email(pilot, kyiv, EMAIL)
    settings.SURVEYS_RETENTION_YEARS = 1
    assert services.purge_old_responses() == 0
    later = pilot.closes_on + timedelta(days=367)
    assert services.purge_old_responses(today=later) == 1
    assert Response.objects.count() == 0 and Response.history.count() == 0


@pytest.mark.parametrize(
    "address, mailbox",
    [
        ("Olena.Koval@Example.org", "olena.koval@example.org"),
        (" stuffer+7@example.org ", "stuffer@example.org"),
        ("O.Koval+survey@gmail.com", "okoval@gmail.com"),
        ("o.k.o.v.a.l@googlemail.com", "okoval@gmail.com"),
        ("+only@example.org", "+only@example.org"),
        ("no-at-sign", "no-at-sign"),
    ],
)
def test_normalise_email_folds_aliases_of_one_mailbox(address, mailbox):
    assert identity.normalise_email(address) == mailbox


def test_aliases_are_one_person(pilot, kyiv, lviv):
    verified_by_email(pilot, kyiv, "o.koval+1@gmail.com")
    verified_by_email(pilot, lviv, "OKoval+2@googlemail.com")
    (response,) = Response.objects.counted()
    assert response.target == lviv  # the second answer replaced the first


def test_fingerprint_from_before_normalisation_moves_when_its_person_returns(pilot, kyiv, lviv):
    old = Response.objects.create(
        survey=pilot,
        target=kyiv,
        identity_hash=identity.identity_hash(survey=pilot, legacy="O.Koval+x@gmail.com"),
        proof="email",
        language="uk",
        state="verified",
        verified_at=timezone.now(),
    )
    verified_by_email(pilot, lviv, "o.koval+x@gmail.com")
    assert list(Response.objects.counted()) != [old]
    assert Response.objects.counted().count() == 1
    assert Response.objects.counted().get().target == lviv
