"""Cities check the draft text of their awards before publication (issue 18).

In deliberation, organisers send each awarded city's contact a personal link
(`send_city_check`): a random token whose SHA-256 alone is stored, valid until
the check's deadline, revocable, single-purpose (it opens that city's drafts of
that edition, nothing else, and is no login). The city confirms each award's
text or proposes a correction with a comment (`answer_city_check`); organisers
accept or reject each correction (`decide_correction`): an accepted one
changes the draft (the practice's title and description, the award's
recommendation, in Polish). Every step is in the audit trail
(django-simple-history on CityCheck, CityCheckAnswer, Award and Practice).

The e-mail is recorded (`otwarte.mail`) with a placeholder where the token
goes: `token_for_message` issues a fresh token when the task sends it (the
hash replaces the one `send_city_check` stored), so neither the database nor
the stored copy of the e-mail holds a link that works.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices.models import Award, Edition, Practice
from practices.phases import Action, allows, require

from ..enums import CheckAnswer, CorrectionDecision
from ..models import CityCheck, CityCheckAnswer

TOKEN_BYTES = 32
MAIL_KIND = "city_check"


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class LinkRefused(Exception):
    """The link cannot be used; `reason` is one of REASONS."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# Why a link is refused, in the city's words (the page says it, in Polish).
REASONS = {
    "invalid": gettext_lazy(
        "This link is not valid. Check that you copied the whole address from the e-mail."
    ),
    "expired": gettext_lazy("The deadline for this check has passed."),
    "revoked": gettext_lazy("This link was withdrawn by the organisers."),
    "closed": gettext_lazy("The award texts are no longer open for checking."),
}


def awards_of(*, edition, city):
    """The city's awards in the edition, in the booklet's order."""
    return (
        Award.objects.filter(edition=edition, practice__city=city)
        .select_related("practice", "category")
        .order_by("order")
    )


def send_city_check(*, edition, city, contact_name, contact_email, deadline, by=None):
    """Open a check for the city and return (check, token); the caller mails the link.

    Only in deliberation, only for a city with an award in the edition, with a
    deadline in the future. An open check of the same city is revoked first, so
    the newest link is the only one that works."""
    now = timezone.now()
    if deadline is None or deadline <= now:
        raise ValidationError(_("Choose a deadline in the future."))
    if not (contact_name or "").strip() or not (contact_email or "").strip():
        raise ValidationError(_("Give the contact person's name and e-mail address."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        require(edition, Action.CHECK_TEXT)
        if not awards_of(edition=edition, city=city).exists():
            raise ValidationError(_("This city has no award in this edition."))
        for open_check in CityCheck.objects.open().filter(edition=edition, city=city):
            open_check.revoked_at = now
            open_check.save(update_fields=["revoked_at"])
        check = CityCheck(
            edition=edition, city=city, contact_name=contact_name.strip(),
            contact_email=contact_email.strip(), deadline=deadline, sent_by=by,
            token_hash=token_hash(token),
        )
        check.full_clean(exclude=["token_hash"])
        try:
            with transaction.atomic():
                check.save()
        except IntegrityError:
            raise ValidationError(
                _("This city already has an open check link; revoke it before sending another.")
            ) from None
    return check, token


def mail_key(check):
    """The `key` of the check's e-mail: one per check, and how the mail task finds it."""
    return f"{MAIL_KIND}:{check.pk}"


class CheckClosed(RuntimeError):
    """The check was revoked or its deadline passed before its e-mail went out."""


def token_for_message(message):
    """A fresh token for the check of a city-check e-mail, made as it is sent
    (registered with otwarte.mail in jury/apps.py); the token before stops working."""
    check_pk = int(message.key.removeprefix(f"{MAIL_KIND}:"))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    updated = CityCheck.objects.open().filter(pk=check_pk, deadline__gt=timezone.now()).update(
        token_hash=token_hash(token)
    )
    if not updated:
        raise CheckClosed("The check was revoked or has ended; its link was not sent.")
    return token


def revoke_city_check(*, check, by=None):
    """Withdraw a link: it stops working at once (the answers given stay)."""
    with transaction.atomic():
        check = CityCheck.objects.select_for_update().get(pk=check.pk)
        if check.revoked_at is None:
            check.revoked_at = timezone.now()
            check.save(update_fields=["revoked_at"])
    return check


def check_for_token(token, *, now=None):
    """The open CityCheck of this token, or LinkRefused with the reason."""
    now = now or timezone.now()
    if not token or len(token) > 200:
        raise LinkRefused("invalid")
    check = (
        CityCheck.objects.select_related("edition", "city")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if check is None:
        raise LinkRefused("invalid")
    if check.revoked_at is not None:
        raise LinkRefused("revoked")
    if check.expired(now):
        raise LinkRefused("expired")
    if not allows(check.edition, Action.CHECK_TEXT):
        raise LinkRefused("closed")
    return check


@dataclass
class Draft:
    """One award as the city sees it: the Polish draft and the city's answer so far."""

    award: Award
    answer: CityCheckAnswer | None


def drafts(*, check):
    """[Draft] of the check's city: its awards in the check's edition only."""
    answers = {a.award_id: a for a in check.answers.all()}
    return [
        Draft(award=award, answer=answers.get(award.pk))
        for award in awards_of(edition=check.edition, city=check.city)
    ]


def answer_city_check(*, check, answers, now=None):
    """Record the city's answers: {award: (answer, title, description, recommendation,
    comment)}. A correction needs a changed text or a comment. Answers replace
    earlier ones not yet decided; a decided correction stays as decided.
    Returns the answers written."""
    now = now or timezone.now()
    written = []
    with transaction.atomic():
        check = CityCheck.objects.select_for_update().select_related("edition", "city").get(
            pk=check.pk
        )
        if check.revoked_at is not None:
            raise LinkRefused("revoked")
        if check.expired(now):
            raise LinkRefused("expired")
        if not allows(check.edition, Action.CHECK_TEXT):
            raise LinkRefused("closed")
        own = {a.pk: a for a in awards_of(edition=check.edition, city=check.city)}
        for award, (answer, title, description, recommendation, comment) in answers.items():
            if award.pk not in own:
                raise ValidationError(_("This award is not one of your city's."))
            if answer not in CheckAnswer.values:
                raise ValidationError(_("Unknown answer."))
            texts = [(t or "").strip() for t in (title, description, recommendation, comment)]
            if answer == CheckAnswer.CORRECTION and not any(texts):
                raise ValidationError(
                    _("Write the corrected text or a comment for “%(award)s”.")
                    % {"award": own[award.pk].practice}
                )
            if answer == CheckAnswer.CONFIRMED:
                texts = ["", "", "", texts[3]]
            row = CityCheckAnswer.objects.filter(city_check=check, award=award).first()
            if row is not None and row.decision != CorrectionDecision.PENDING:
                continue
            row = row or CityCheckAnswer(city_check=check, award=award)
            row.answer = answer
            row.proposed_title, row.proposed_description = texts[0], texts[1]
            row.proposed_recommendation, row.comment = texts[2], texts[3]
            row.full_clean(exclude=["city_check", "award"])
            row.save()
            written.append(row)
        check.answered_at = now
        check.save(update_fields=["answered_at"])
    return written


def decide_correction(*, answer, accept, by=None):
    """Accept (the draft takes the proposed texts) or reject a city's correction."""
    now = timezone.now()
    with transaction.atomic():
        answer = CityCheckAnswer.objects.select_for_update().select_related(
            "city_check__edition", "award__practice"
        ).get(pk=answer.pk)
        require(answer.city_check.edition, Action.CHECK_TEXT)
        if answer.answer != CheckAnswer.CORRECTION:
            raise ValidationError(_("Only a proposed correction is accepted or rejected."))
        if answer.decision != CorrectionDecision.PENDING:
            raise ValidationError(_("This correction has already been decided."))
        if accept:
            award = Award.objects.select_for_update().get(pk=answer.award_id)
            practice = Practice.objects.select_for_update().get(pk=award.practice_id)
            if answer.proposed_title.strip():
                practice.title_pl = answer.proposed_title.strip()
            if answer.proposed_description.strip():
                practice.description_pl = answer.proposed_description.strip()
            practice.save()  # signals refresh the search text; history records it
            if answer.proposed_recommendation.strip():
                award.recommendation_pl = answer.proposed_recommendation.strip()
                award.save()
        answer.decision = CorrectionDecision.ACCEPTED if accept else CorrectionDecision.REJECTED
        answer.decided_by, answer.decided_at = by, now
        answer.save(update_fields=["decision", "decided_by", "decided_at"])
    return answer


def check_status(*, edition):
    """[(city, open check or None)] per city awarded in the edition, by city name."""
    cities = {}
    for award in Award.objects.filter(edition=edition).select_related("practice__city"):
        cities[award.practice.city_id] = award.practice.city
    checks = {
        c.city_id: c
        for c in CityCheck.objects.open().filter(edition=edition).prefetch_related(
            "answers__award__practice"
        )
    }
    return [(city, checks.get(city.pk)) for city in sorted(cities.values(), key=str)]
