"""The rules of city policy scorecards (issue 27), called by the admin, views and tests.

A round is defined by the organisers (usually copied from the previous edition,
`copy_from_previous`), answered by each city through a personal link
(`issue_link`, `scorecard_for_token`, `declare_answers`), verified by the city's
expert (`verify_answer`) and published with its own flag (`publish_round`):
scorecards are not awards, and appear independently of the edition's phase. A
published round is frozen: nothing in it changes until it is taken offline.

The personal link is the city check's mechanism, reused: a random token
(`jury.services.city_checks.TOKEN_BYTES`) whose SHA-256 alone is stored
(`token_hash`), refused with the same reasons (`LinkRefused`, `REASONS`).
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.services.city_checks import TOKEN_BYTES, LinkRefused, token_hash

from .enums import Verdict
from .models import Answer, Area, CityScorecard, Grade, Indicator, Round

__all__ = ["LinkRefused"]


def previous_round(*, round, published=False):
    """The round of the latest earlier edition (only published ones if asked)."""
    rounds = Round.objects.filter(edition__year__lt=round.edition.year)
    if published:
        rounds = rounds.published()
    return rounds.select_related("edition").order_by("-edition__year").first()


def require_editable(round):
    if round.is_published:
        raise ValidationError(
            _("A published scorecard round is frozen: take it offline before changing it.")
        )


def copy_from_previous(*, round):
    """Copy the previous edition's areas, indicators and grades into an empty round.

    Codes and revisions are kept, so the two years stay comparable; returns the
    number of indicators copied."""
    require_editable(round)
    if round.areas.exists():
        raise ValidationError(_("This round already has areas: copying would mix two sets."))
    source = previous_round(round=round)
    if source is None:
        raise ValidationError(_("There is no earlier scorecard round to copy."))
    copied = 0
    with transaction.atomic():
        for area in source.areas.prefetch_related("indicators__grades"):
            indicators = list(area.indicators.all())
            area.pk, area.round = None, round
            area.save()
            for indicator in indicators:
                grades = list(indicator.grades.all())
                indicator.pk, indicator.area = None, area
                indicator.save()
                for grade in grades:
                    grade.pk, grade.indicator = None, indicator
                    grade.save()
                copied += 1
    return copied


def issue_link(*, round, city, contact_name, contact_email, deadline):
    """Open (or renew) the city's scorecard and return (scorecard, token).

    The caller shows or mails the link; a new link replaces the city's old one."""
    require_editable(round)
    if deadline is None or deadline <= timezone.now():
        raise ValidationError(_("Choose a deadline in the future."))
    if not (contact_name or "").strip() or not (contact_email or "").strip():
        raise ValidationError(_("Give the contact person's name and e-mail address."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    defaults = {
        "contact_name": contact_name.strip(), "contact_email": contact_email.strip(),
        "deadline": deadline, "token_hash": token_hash(token), "revoked_at": None,
    }
    try:
        with transaction.atomic():
            scorecard, _created = CityScorecard.objects.update_or_create(
                round=round, city=city, defaults=defaults
            )
    except IntegrityError:
        raise ValidationError(_("The link could not be made; please try again.")) from None
    return scorecard, token


def revoke_link(*, scorecard):
    """The link stops working at once; the answers given stay."""
    CityScorecard.objects.filter(pk=scorecard.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def scorecard_for_token(token, *, now=None):
    """The city scorecard of this token, or LinkRefused with the city check's reasons."""
    now = now or timezone.now()
    if not token or len(token) > 200:
        raise LinkRefused("invalid")
    scorecard = (
        CityScorecard.objects.select_related("round__edition", "city")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if scorecard is None:
        raise LinkRefused("invalid")
    if scorecard.revoked_at is not None:
        raise LinkRefused("revoked")
    if now >= scorecard.deadline:
        raise LinkRefused("expired")
    if scorecard.round.is_published:
        raise LinkRefused("closed")
    return scorecard


def indicators_of(round):
    return (
        Indicator.objects.filter(round=round)
        .select_related("area")
        .prefetch_related("grades")
        .order_by("area__order", "area__code", "order", "code")
    )


def declare_answers(*, scorecard, answers):
    """Record the city's answers: {indicator: (grade, evidence_url, evidence_reference)}.

    A changed grade undoes the expert's verification of that answer (it checked
    another claim); unchanged answers keep it."""
    require_editable(scorecard.round)
    existing = {a.indicator_id: a for a in scorecard.answers.all()}
    with transaction.atomic():
        for indicator, (grade, url, reference) in answers.items():
            if indicator.round_id != scorecard.round_id:
                raise ValidationError(_("This indicator is not in the city's questionnaire."))
            answer = existing.get(indicator.pk) or Answer(scorecard=scorecard, indicator=indicator)
            if answer.pk and answer.grade_id != grade.pk:
                answer.verdict, answer.verified_grade, answer.verification_note = (
                    Verdict.PENDING, None, "",
                )
                answer.verified_by = answer.verified_at = None
            answer.grade = grade
            answer.evidence_url = (url or "").strip()
            answer.evidence_reference = (reference or "").strip()
            answer.full_clean(exclude=["scorecard", "indicator"])
            answer.save()
        scorecard.answered_at = timezone.now()
        scorecard.save(update_fields=["answered_at"])


def verify_answer(*, answer, verdict, grade=None, note="", by=None):
    """The expert's check of one answer: agree, or a different grade with a note."""
    require_editable(answer.scorecard.round)
    answer.verdict = Verdict(verdict)
    answer.verified_grade = grade if answer.verdict == Verdict.DIFFERENT else None
    answer.verification_note = (note or "").strip()
    if answer.verdict == Verdict.PENDING:
        answer.verified_by = answer.verified_at = None
    else:
        answer.verified_by, answer.verified_at = by, timezone.now()
    answer.full_clean()
    answer.save()
    return answer


def publish_round(*, round):
    """Make the round's scorecards public (and frozen)."""
    if not round.is_published:
        if not Grade.objects.filter(indicator__round=round).exists():
            raise ValidationError(_("A round without indicators cannot be published."))
        round.published_at = timezone.now()
        round.save(update_fields=["published_at"])
    return round


def unpublish_round(*, round):
    """Take the round offline: it disappears from the public pages and can be changed."""
    if round.is_published:
        round.published_at = None
        round.save(update_fields=["published_at"])
    return round


def areas_of(round):
    return Area.objects.filter(round=round).order_by("order", "code")
