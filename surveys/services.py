"""The survey's rules: answering, verifying, changing, voiding, moderating, codes.

Who a respondent is never gets stored: an e-mail address or a code becomes a
keyed hash (`identity.identity_hash`), unique per survey among counted and voided
responses (constraint `surveys_response_one_per_person`). An e-mailed response
waits (PENDING) until its signed link is opened; a code proves the person at
once. Opening the link again, or answering again with the same address or code,
replaces the counted response: a person never has two.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from otwarte import mail, ratelimit
from otwarte.cache.version import bump_content_version

from .enums import CommentStatus, Proof, ResponseState
from .identity import (
    adopt_legacy_fingerprint,
    identity_hash,
    normalise_code,
    normalise_email,
    source_hash,
)
from .models import SCALE, Answer, Code, CodeBatch, ContextAnswer, Response

LINK_SALT = "otwarte.surveys.link"
# Unambiguous on paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
MAX_BATCH_SIZE = 1000
MAX_COMMENT = 2000


class LinkError(Exception):
    """A response link that cannot be used; `reason` is shown to the respondent."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def find_code(*, survey, text):
    """The survey's code typed as `text` (case, spaces and dashes ignored), or None."""
    code = normalise_code(text)
    if len(code) != CODE_LENGTH:
        return None
    return Code.objects.select_related("batch").filter(batch__survey=survey, code=code).first()


def format_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def generate_code_batch(*, survey, label, size, by=None, language="uk"):
    """A batch of `size` fresh one-time codes for a partner organisation to hand out."""
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise ValidationError(
            ngettext(
                "A batch has from 1 to %(max)d code.", "A batch has from 1 to %(max)d codes.",
                MAX_BATCH_SIZE,
            ) % {"max": MAX_BATCH_SIZE}
        )
    if not label.strip():
        raise ValidationError(_("Say who hands the codes out."))
    batch = CodeBatch.objects.create(
        survey=survey, label=label.strip(), created_by=by, language=language
    )
    codes = set()
    while len(codes) < size:
        candidate = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        codes.add(candidate)
    taken = set(Code.objects.filter(code__in=codes).values_list("code", flat=True))
    Code.objects.bulk_create(Code(batch=batch, code=c) for c in sorted(codes - taken))
    return batch


# --- abuse: rate limits and bursts (Django's cache) --------------------------------


def _address_key(prefix, client_ip):
    # The address itself is not kept, not even in the cache.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip}".encode()).hexdigest()[:32]
    return f"surveys:{prefix}:{digest}"


def address_rate_limited(*, client_ip):
    """True when this address has posted SURVEYS_RATE_LIMIT forms this hour."""
    limit = getattr(settings, "SURVEYS_RATE_LIMIT", 20)
    return cache.get(_address_key("rate", client_ip), 0) >= limit


def count_address_post(*, client_ip):
    ratelimit.count(_address_key("rate", client_ip), 3600)


def batch_rate_limited(*, batch):
    limit = getattr(settings, "SURVEYS_BATCH_RATE_LIMIT", 200)
    return cache.get(f"surveys:batch:{batch.pk}", 0) >= limit


def count_batch_use(*, batch):
    ratelimit.count(f"surveys:batch:{batch.pk}", 3600)


def note_response_from(*, client_ip, survey=None):
    """Count an accepted response from this address; a flag reason when it is a burst.

    With `survey`, the burst's earlier unreviewed responses from the same address are
    flagged too: a flagged burst is held back whole until an organiser reviews it.
    """
    seconds = getattr(settings, "SURVEYS_BURST_SECONDS", 600)
    count = ratelimit.count(_address_key("burst", client_ip), seconds)
    if count <= getattr(settings, "SURVEYS_BURST_LIMIT", 3):
        return ""
    # Two counts, two plurals; the sentence joins them.
    reason = _("%(responses)s from one address within %(minutes)s") % {
        "responses": ngettext("%(n)d response", "%(n)d responses", count) % {"n": count},
        "minutes": ngettext("%(n)d minute", "%(n)d minutes", seconds // 60)
        % {"n": seconds // 60},
    }
    source = source_hash(survey=survey, client_ip=client_ip) if survey else ""
    if source:
        since = timezone.now() - timedelta(seconds=seconds)
        flagged = Response.objects.filter(
            survey=survey,
            source_hash=source,
            created_at__gte=since,
            flagged=False,
            reviewed_at__isnull=True,
        ).update(flagged=True, flag_reason=reason[:200])
        if flagged:
            bump_content_version()
    return reason


# --- answering -----------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    """What a respondent chose: {criterion: value or None}, {question: choice or None}."""

    target: object
    values: dict
    context: dict
    comment: str = ""


def _check(survey, answers):
    if not survey.targets.filter(pk=answers.target.pk).exists():
        raise ValidationError(_("Choose one of this survey's targets."))
    criteria = {c.pk: c for c in survey.criteria.all()}
    for criterion, value in answers.values.items():
        if criterion.pk not in criteria:
            raise ValidationError(_("This question is not part of the survey."))
        if value is None and criterion.required:
            raise ValidationError(_("Answer every required question."))
        if value is not None and value not in SCALE:
            raise ValidationError(_("An answer is a whole number from 1 to 5."))
    missing = [c for c in criteria.values() if c.required and c not in answers.values]
    if missing:
        raise ValidationError(_("Answer every required question."))
    for question, choice in answers.context.items():
        if question.survey_id != survey.pk:
            raise ValidationError(_("This question is not part of the survey."))
        if choice is not None and not 0 <= choice < len(question.options()):
            raise ValidationError(_("Choose one of the offered answers."))
    if len(answers.comment) > MAX_COMMENT:
        raise ValidationError(_("The comment is too long."))


def _write(response, answers):
    """Replace the response's answers with `answers` (never adds a second set)."""
    response.target = answers.target
    comment = answers.comment.strip()
    if comment != response.comment:
        response.comment = comment
        response.comment_status = CommentStatus.PENDING if comment else CommentStatus.NONE
    response.updated_at = timezone.now()
    response.full_clean(exclude=["identity_hash"], validate_constraints=False)
    response.save()
    response.answers.all().delete()
    response.context_answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, criterion=c, value=v)
        for c, v in answers.values.items()
        if v is not None
    )
    ContextAnswer.objects.bulk_create(
        ContextAnswer(response=response, question=q, choice=v)
        for q, v in answers.context.items()
        if v is not None
    )


def _require_open(survey):
    if not survey.is_open():
        raise ValidationError(_("This survey is not open for answers."))


def submit_by_email(*, survey, answers, email, language, flag_reason="", source=""):
    """Store a PENDING response and return it; `send_link` e-mails its link.

    The address is used for the fingerprint and the e-mail only.
    """
    _require_open(survey)
    _check(survey, answers)
    if not normalise_email(email):
        raise ValidationError(_("Enter your e-mail address."))
    with transaction.atomic():
        adopt_legacy_fingerprint(survey=survey, email=email)
        response = Response(
            survey=survey,
            target=answers.target,
            identity_hash=identity_hash(survey=survey, email=email),
            proof=Proof.EMAIL,
            language=language,
            flagged=bool(flag_reason),
            flag_reason=flag_reason[:200],
            source_hash=source,
        )
        _write(response, answers)
    return response


def submit_by_code(*, survey, answers, code, language, flag_reason="", source=""):
    """Store (or replace) the code's counted response, verified at once."""
    _require_open(survey)
    _check(survey, answers)
    with transaction.atomic():
        code = Code.objects.select_for_update().get(pk=code.pk, batch__survey=survey)
        identity = identity_hash(survey=survey, code=code.code)
        response = (
            Response.objects.select_for_update()
            .filter(survey=survey, identity_hash=identity)
            .exclude(state=ResponseState.PENDING)
            .first()
        )
        if response is not None and response.state == ResponseState.VOIDED:
            raise ValidationError(_("This code can no longer be used."))
        now = timezone.now()
        if response is None:
            response = Response(
                survey=survey,
                identity_hash=identity,
                proof=Proof.CODE,
                code_batch=code.batch,
                state=ResponseState.VERIFIED,
                verified_at=now,
                source_hash=source,
            )
        response.language = language
        if flag_reason:
            response.flagged, response.flag_reason = True, flag_reason[:200]
        _write(response, answers)
        if code.used_at is None:
            code.used_at = now
            code.save(update_fields=["used_at"])
        bump_content_version()
    return response


def change_response(*, response, answers, language):
    """The respondent changes a counted response through its link, until the close."""
    survey = response.survey
    if survey.has_closed():
        raise ValidationError(_("This survey has closed; answers can no longer change."))
    _check(survey, answers)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.state != ResponseState.VERIFIED:
            raise ValidationError(_("This response can no longer be changed."))
        locked.language = language
        _write(locked, answers)
        bump_content_version()
    return locked


# --- the link --------------------------------------------------------------------


def link_token(*, response):
    """A signed, timestamped token naming the survey, the fingerprint and the response."""
    payload = {"s": response.survey_id, "h": response.identity_hash, "r": response.pk}
    return signing.dumps(payload, salt=LINK_SALT, compress=True)


MAIL_KIND = "survey_link"


def send_link(*, response, email, url):
    """Queue the e-mail with the response link to `email`, in the respondent's language.

    `url` holds otwarte.mail.SECRET where the token goes: the token is made when
    the e-mail is sent (`token_for_message`), and the stored copy loses the link
    and the address then (registered as private in surveys/apps.py)."""
    mail.send(
        kind=MAIL_KIND,
        to=email,
        language=response.language,
        key=f"{MAIL_KIND}:{response.pk}",
        context={"survey": response.survey, "url": url, "closes_on": response.survey.closes_on},
    )


def token_for_message(message):
    """The link token of the response a survey-link e-mail is about (made as it is sent)."""
    response = Response.objects.get(pk=int(message.key.removeprefix(f"{MAIL_KIND}:")))
    return link_token(response=response)


def _read_token(token):
    max_age = getattr(settings, "SURVEYS_LINK_MAX_AGE_DAYS", 14) * 86400
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired. Answer again to get a new one.")) from None
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        raise LinkError(_("This link is not valid.")) from None
    if not isinstance(payload, dict):
        raise LinkError(_("This link is not valid."))
    survey_id, identity, response_id = payload.get("s"), payload.get("h"), payload.get("r")
    if not (isinstance(survey_id, int) and isinstance(identity, str)):
        raise LinkError(_("This link is not valid."))
    if not isinstance(response_id, int):
        response_id = None
    return survey_id, identity, response_id


def open_link(*, survey, token):
    """The counted response behind a link, verifying its pending response first.

    Verifying replaces the person's earlier counted response (deleted), so the
    newest confirmed answers are the ones that count.
    """
    survey_id, identity, response_id = _read_token(token)
    if survey_id != survey.pk:
        raise LinkError(_("This link is not valid."))
    with transaction.atomic():
        rows = list(
            Response.objects.select_for_update()
            .filter(survey=survey, identity_hash=identity)
            .order_by("pk")
        )
        settled = next((r for r in rows if r.state != ResponseState.PENDING), None)
        pending = next(
            (r for r in rows if r.pk == response_id and r.state == ResponseState.PENDING), None
        )
        if settled is not None and settled.state == ResponseState.VOIDED:
            raise LinkError(_("The organisers have voided this response."))
        if pending is None:
            if settled is None:
                raise LinkError(_("This response no longer exists."))
            return settled
        if survey.has_closed():
            raise LinkError(_("This survey has closed; the response was not confirmed."))
        if settled is not None:
            settled.delete()
        pending.state = ResponseState.VERIFIED
        pending.verified_at = timezone.now()
        pending.save(update_fields=["state", "verified_at"])
        bump_content_version()
        return pending


# --- organisers ------------------------------------------------------------------


def void_response(*, response, reason, by):
    """Take a response out of every count, with the reason (kept in its history)."""
    if not (reason or "").strip():
        raise ValidationError(_("Say why the response is voided."))
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.state != ResponseState.VERIFIED:
            raise ValidationError(_("Only a verified response can be voided."))
        locked.state = ResponseState.VOIDED
        locked.void_reason = reason.strip()
        locked.voided_at = timezone.now()
        locked.voided_by = by
        locked._change_reason = reason.strip()[:100]
        locked.save()
        bump_content_version()
    return locked


def moderate_comment(*, response, approve, by):
    """Publish a response's comment (approve) or keep it unpublished."""
    if not response.comment:
        raise ValidationError(_("This response has no comment."))
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        locked.comment_status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
        locked.save(update_fields=["comment_status"])
        bump_content_version()
    return locked


def retention_years():
    return getattr(settings, "SURVEYS_RETENTION_YEARS", 3)


def purge_old_responses(*, today=None):
    """Delete the responses (and their history) of surveys closed longer ago than
    SURVEYS_RETENTION_YEARS; the aggregates go with them. Returns how many."""
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - retention_years())
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - retention_years(), day=28)
    old = Response.objects.filter(survey__closes_on__lt=cutoff)
    with transaction.atomic():
        ids = list(old.values_list("pk", flat=True))
        count = len(ids)
        Answer.objects.filter(response_id__in=ids).delete()
        ContextAnswer.objects.filter(response_id__in=ids).delete()
        Response.objects.filter(pk__in=ids).delete()
        # Last (deleting writes history rows): also responses replaced earlier.
        Response.history.filter(survey__closes_on__lt=cutoff).delete()
        if count:
            bump_content_version()
    return count


def review_responses(*, responses, by):
    """An organiser has looked at these responses and finds each a person of its own:
    the flag goes, and they count individually (no longer held back or merged into a
    cluster, surveys/independence.py). Returns how many changed."""
    ids = [r.pk for r in responses]
    changed = Response.objects.filter(pk__in=ids, reviewed_at__isnull=True).update(
        flagged=False, reviewed_at=timezone.now(), reviewed_by=by
    )
    if changed:
        bump_content_version()
    return changed
